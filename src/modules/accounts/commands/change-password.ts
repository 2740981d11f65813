import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { hashPassword, verifyPassword } from '../../../core/passwords.ts';
import { endUserSessions } from '../../../core/session.ts';
import { consumeResets, findAccountById, updatePasswordHash } from '../queries.ts';

export type ChangePasswordResult = CommandResult<object, 'wrongPassword'>;

/**
 * Changes a signed-in person's password after checking the current one. Every other session
 * (another phone, a shared computer) ends; the one making the change stays signed in
 * (`currentSessionToken`: the session cookie of the request).
 */
export async function changePassword(
  deps: CommandDeps,
  input: { currentPassword: string; newPassword: string; currentSessionToken: string | undefined },
): Promise<ChangePasswordResult> {
  const userId = deps.actor.userId;
  const account = await findAccountById(deps.db, userId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrongPassword' };
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(deps.db, async (tx) => {
    await updatePasswordHash(tx, userId, passwordHash);
    await consumeResets(tx, userId);
    await endUserSessions(tx, userId, input.currentSessionToken);
    await recordAudit(tx, { actorId: userId, action: 'account.password_changed', subjectType: 'user', subjectId: userId, ip: deps.ip });
  });
  return { ok: true };
}
