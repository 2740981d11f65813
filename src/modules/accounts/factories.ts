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

/** Gives a user a personal API token (for `Authorization: Bearer …`). Returns the token. */
export async function createApiToken(db: Queryable, userId: number): Promise<string> {
  const token = newToken();
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, 'test', $2)`, [userId, hashToken(token)]);
  return token;
}
