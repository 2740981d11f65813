import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { endUserSessions, hashToken } from '../../../core/session.ts';
import { consumeResets, findUsableReset, updatePasswordHash } from '../queries.ts';

export type ResetPasswordResult = CommandResult<{ userId: number }, 'invalidToken'>;

/**
 * Sets a new password from an emailed link: the link works once and within its hour, every other
 * outstanding link of the account stops working, and every session of the account ends.
 */
export async function resetPassword(deps: CommandDeps<null>, input: { token: string; password: string }): Promise<ResetPasswordResult> {
  const passwordHash = await hashPassword(input.password);
  return transaction(deps.db, async (tx) => {
    const reset = await findUsableReset(tx, hashToken(input.token), { lock: true });
    if (!reset) return { ok: false, reason: 'invalidToken' } as const;
    await updatePasswordHash(tx, reset.userId, passwordHash);
    await consumeResets(tx, reset.userId);
    await endUserSessions(tx, reset.userId);
    await recordAudit(tx, {
      actorId: reset.userId,
      action: 'account.password_reset',
      subjectType: 'user',
      subjectId: reset.userId,
      ip: deps.ip,
    });
    return { ok: true, userId: reset.userId } as const;
  });
}
