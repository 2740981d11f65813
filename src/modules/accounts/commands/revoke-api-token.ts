import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { deleteApiToken } from '../queries.ts';

export type RevokeApiTokenResult = CommandResult<{ name: string }, 'notFound'>;

/** Revokes one of the person's own API tokens; someone else's token is "not found". */
export async function revokeApiToken(deps: CommandDeps, input: { tokenId: number }): Promise<RevokeApiTokenResult> {
  return transaction(deps.db, async (tx) => {
    const deleted = await deleteApiToken(tx, deps.actor.userId, input.tokenId);
    if (!deleted) return { ok: false, reason: 'notFound' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      action: 'account.api_token_revoked',
      subjectType: 'api_token',
      subjectId: deleted.id,
      details: { name: deleted.name },
      ip: deps.ip,
    });
    return { ok: true, name: deleted.name } as const;
  });
}
