import type { Actor } from '../../core/authorization.ts';
import type { RequestContext } from '../../core/context.ts';
import { authorize } from '../../core/errors.ts';
import { requireActor } from '../../core/route-params.ts';
import { canAdministerPlatform } from './policy.ts';

/** Platform administrators only; a visitor is sent to log in, anyone else gets the 404 a missing page gets. */
export function requirePlatformAdmin(ctx: RequestContext): Actor {
  const actor = requireActor(ctx);
  authorize(canAdministerPlatform(actor));
  return actor;
}
