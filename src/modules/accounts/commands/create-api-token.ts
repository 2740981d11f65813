import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { hashToken, newToken } from '../../../core/session.ts';
import { countApiTokens, insertApiToken, lockApiTokensOf } from '../queries.ts';

/** More tokens than this is a sign something is creating them in a loop. */
export const MAX_API_TOKENS = 20;
/** Tokens carry a recognisable prefix so secret scanners and people can tell what leaked. */
export const API_TOKEN_PREFIX = 'uh_';

export type CreateApiTokenResult = CommandResult<{ id: number; token: string }, 'tooMany'>;

/** Creates a personal API token; its secret is returned once and only its hash is kept. */
export async function createApiToken(deps: CommandDeps, input: { name: string }): Promise<CreateApiTokenResult> {
  const userId = deps.actor.userId;
  return transaction(deps.db, async (tx) => {
    // Serialize concurrent creations by the same person so the limit holds.
    await lockApiTokensOf(tx, userId);
    if ((await countApiTokens(tx, userId)) >= MAX_API_TOKENS) return { ok: false, reason: 'tooMany' } as const;
    const token = API_TOKEN_PREFIX + newToken();
    const row = await insertApiToken(tx, userId, input.name, hashToken(token));
    await recordAudit(tx, {
      actorId: userId,
      action: 'account.api_token_created',
      subjectType: 'api_token',
      subjectId: row.id,
      details: { name: input.name },
      ip: deps.ip,
    });
    return { ok: true, id: row.id, token } as const;
  });
}
