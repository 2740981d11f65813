import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { deleteApiToken } from '../queries.ts';

export type RevokeApiTokenResult = { ok: true; name: string } | { ok: false; reason: 'notFound' };

/** Revokes one of the person's own API tokens; someone else's token is "not found". */
export async function revokeApiToken(deps: { db: Pool; ip: string; userId: number }, input: { tokenId: number }): Promise<RevokeApiTokenResult> {
  return transaction(deps.db, async (tx) => {
    const deleted = await deleteApiToken(tx, deps.userId, input.tokenId);
    if (!deleted) return { ok: false, reason: 'notFound' } as const;
    await recordAudit(tx, {
      actorId: deps.userId,
      action: 'account.api_token_revoked',
      subjectType: 'api_token',
      subjectId: deleted.id,
      details: { name: deleted.name },
      ip: deps.ip,
    });
    return { ok: true, name: deleted.name } as const;
  });
}
