import type { Queryable } from '../../../db/database.ts';
import type { Lang } from '../../../core/i18n.ts';
import { verifyAgainstDummy, verifyPassword } from '../../../core/passwords.ts';
import { findAccountByIdentifier } from '../queries.ts';
import type { Identifier } from '../schemas.ts';

export type AuthenticateResult = { ok: true; userId: number; locale: Lang } | { ok: false; reason: 'invalid' };

/**
 * Checks an identifier and password. An unknown identifier costs the same argon2 work as a wrong
 * password and fails with the same reason, so neither the answer nor its timing tells them apart.
 */
export async function authenticate(db: Queryable, input: { identifier: Identifier | null; password: string }): Promise<AuthenticateResult> {
  const account = input.identifier ? await findAccountByIdentifier(db, input.identifier) : undefined;
  if (!account) {
    await verifyAgainstDummy(input.password);
    return { ok: false, reason: 'invalid' };
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) return { ok: false, reason: 'invalid' };
  return { ok: true, userId: account.id, locale: account.locale };
}
