import type { Actor } from '../../core/authorization.ts';

/** The platform's administration pages (overview, audit log, outbox, regions): platform administrators only. */
export function canAdministerPlatform(actor: Actor | null): boolean {
  return actor?.isPlatformAdmin === true;
}
