import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { hashPassword, verifyPassword } from '../../../core/passwords.ts';
import { endUserSessions } from '../../../core/session.ts';
import { consumeResets, findAccountById, updatePasswordHash } from '../queries.ts';

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrongPassword' };

/**
 * Changes a signed-in person's password after checking the current one. Every other session
 * (another phone, a shared computer) ends; the one making the change stays signed in.
 */
export async function changePassword(
  deps: { db: Pool; ip: string; userId: number; currentSessionToken: string | undefined },
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  const account = await findAccountById(deps.db, deps.userId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrongPassword' };
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(deps.db, async (tx) => {
    await updatePasswordHash(tx, deps.userId, passwordHash);
    await consumeResets(tx, deps.userId);
    await endUserSessions(tx, deps.userId, deps.currentSessionToken);
    await recordAudit(tx, { actorId: deps.userId, action: 'account.password_changed', subjectType: 'user', subjectId: deps.userId, ip: deps.ip });
  });
  return { ok: true };
}
