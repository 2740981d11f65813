import type { Queryable } from '../../../db/database.ts';
import { canEnableDigest } from '../policy.ts';
import { saveDigestEnabled } from '../queries.ts';

/** Turns the signed-in person's daily email digest on or off; on needs an email address on the account. */
export async function setDigestEnabled(
  deps: { db: Queryable; user: { id: number; email: string | null } },
  input: { enabled: boolean },
): Promise<{ ok: true; enabled: boolean } | { ok: false; reason: 'noEmail' }> {
  if (input.enabled && !canEnableDigest(deps.user)) return { ok: false, reason: 'noEmail' };
  await saveDigestEnabled(deps.db, deps.user.id, input.enabled);
  return { ok: true, enabled: input.enabled };
}
