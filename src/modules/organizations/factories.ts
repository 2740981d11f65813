import type { Role } from '../../core/authorization.ts';
import { hashToken, newToken } from '../../core/session.ts';
import type { Queryable } from '../../db/database.ts';
import { insertInvitation } from './queries/invitations.ts';

/** A test invitation: its id, the link's token (only its hash is stored) and the link's path in a language. */
export interface TestInvitation {
  id: number;
  token: string;
  path: (lang?: string) => string;
}

/**
 * Stores an invitation the way inviteMember does (no mail is sent). `days` may be negative for one that has
 * already expired.
 */
export async function createInvitation(
  db: Queryable,
  input: { organizationId: number; invitedBy: number; email?: string; role?: Role; regionId?: number | null; days?: number },
): Promise<TestInvitation> {
  const token = newToken();
  const id = await insertInvitation(db, {
    tokenHash: hashToken(token),
    organizationId: input.organizationId,
    email: input.email ?? `invited-${token.slice(0, 8).toLowerCase()}@example.org`,
    role: input.role ?? 'member',
    regionId: input.regionId ?? null,
    invitedBy: input.invitedBy,
    days: input.days ?? 14,
  });
  return { id, token, path: (lang = 'en') => `/${lang}/invitations/${token}` };
}
