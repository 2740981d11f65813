import type { Queryable } from '../../db/database.ts';
import { hashToken, newToken } from '../../core/session.ts';

/** Test factories for the accounts module's own tables (users themselves: test/support/factories.ts). */

/** Stores a password-reset link for a user, valid for `validFor` (a PostgreSQL interval; negative: already expired). Returns its token. */
export async function createPasswordReset(db: Queryable, userId: number, validFor = '1 hour'): Promise<string> {
  const token = newToken();
  await db.query(`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3::interval)`, [
    hashToken(token),
    userId,
    validFor,
  ]);
  return token;
}
