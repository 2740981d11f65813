import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { insertAccount } from '../queries.ts';
import type { SignUpInput } from '../schemas.ts';

export type SignUpResult = CommandResult<{ userId: number }, 'unavailable'>;

/**
 * Creates an account. A taken email address or phone number fails with one reason, 'unavailable',
 * after the same password hashing work, so the answer and its timing say no more than they must.
 */
export async function signUp(deps: CommandDeps<null>, input: SignUpInput): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  return transaction(deps.db, async (tx) => {
    const created = await insertAccount(tx, {
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
      locale: input.locale,
    });
    if (!created) return { ok: false, reason: 'unavailable' } as const;
    await recordAudit(tx, { actorId: created.id, action: 'account.created', subjectType: 'user', subjectId: created.id, ip: deps.ip });
    return { ok: true, userId: created.id } as const;
  });
}
