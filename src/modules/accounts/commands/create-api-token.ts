import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { hashToken, newToken } from '../../../core/session.ts';
import { countApiTokens, insertApiToken } from '../queries.ts';

/** More tokens than this is a sign something is creating them in a loop. */
export const MAX_API_TOKENS = 20;
/** Tokens carry a recognisable prefix so secret scanners and people can tell what leaked. */
export const API_TOKEN_PREFIX = 'uh_';

export type CreateApiTokenResult = { ok: true; id: number; token: string } | { ok: false; reason: 'tooMany' };

/** Creates a personal API token; its secret is returned once and only its hash is kept. */
export async function createApiToken(deps: { db: Pool; ip: string; userId: number }, input: { name: string }): Promise<CreateApiTokenResult> {
  return transaction(deps.db, async (tx) => {
    // Serialize concurrent creations by the same person so the limit holds.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [deps.userId]);
    if ((await countApiTokens(tx, deps.userId)) >= MAX_API_TOKENS) return { ok: false, reason: 'tooMany' } as const;
    const token = API_TOKEN_PREFIX + newToken();
    const row = await insertApiToken(tx, deps.userId, input.name, hashToken(token));
    await recordAudit(tx, {
      actorId: deps.userId,
      action: 'account.api_token_created',
      subjectType: 'api_token',
      subjectId: row!.id,
      details: { name: input.name },
      ip: deps.ip,
    });
    return { ok: true, id: row!.id, token } as const;
  });
}
