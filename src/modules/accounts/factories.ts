import type { Queryable } from '../../db/database.ts';
import { hashToken, newToken } from '../../core/session.ts';
import { addressLimitKey, subjectLimitKey } from '../../core/rate-limit.ts';
import { LIMITS, limitName, type LimitName } from './domain/rate-limits.ts';

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

/** Stores a personal API token of a user, named `name`, and returns its value (what a client sends as its bearer token). */
export async function createApiToken(db: Queryable, userId: number, name = 'test'): Promise<string> {
  const token = newToken();
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)`, [userId, name, hashToken(token)]);
  return token;
}

/**
 * Uses up one of the module's limits, as if its maximum of attempts had just come: for an address, or for a subject
 * (an account identifier such as `email:…`). The counter runs for the limit's own window.
 */
export async function useUpLimit(
  db: Queryable,
  secret: string,
  name: LimitName,
  who: { address: string } | { subject: string },
): Promise<void> {
  const key =
    'address' in who ? addressLimitKey(secret, limitName(name), who.address) : subjectLimitKey(secret, limitName(name), who.subject);
  await db.query(
    `INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET count = EXCLUDED.count, reset_at = EXCLUDED.reset_at`,
    [key, LIMITS[name].max, LIMITS[name].windowMs],
  );
}
