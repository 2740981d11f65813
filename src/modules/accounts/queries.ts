import { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { Lang } from '../../core/i18n.ts';
import { CountRow, ExistsRow, IdRow, LangColumn, oneOrThrow } from '../../core/rows.ts';
import type { Identifier } from './schemas.ts';

/** What login and password checks need about an account. */
const AccountCredentials = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  locale: LangColumn,
  passwordHash: z.string(),
});
export type AccountCredentials = z.infer<typeof AccountCredentials>;

const CREDENTIAL_COLUMNS = `id, name, email, locale, password_hash AS "passwordHash"`;

/** Finds an account by email address or phone number. */
export function findAccountByIdentifier(db: Queryable, identifier: Identifier): Promise<AccountCredentials | undefined> {
  const column = identifier.kind === 'email' ? 'email' : 'phone';
  return one(db, AccountCredentials, `SELECT ${CREDENTIAL_COLUMNS} FROM users WHERE ${column} = $1`, [identifier.value]);
}

/** Loads one account's credentials by id. */
export function findAccountById(db: Queryable, userId: number): Promise<AccountCredentials | undefined> {
  return one(db, AccountCredentials, `SELECT ${CREDENTIAL_COLUMNS} FROM users WHERE id = $1`, [userId]);
}

/** True when an account uses this email address (an invitation then asks its holder to log in, not to sign up). */
export async function emailHasAccount(db: Queryable, email: string): Promise<boolean> {
  return (await one(db, ExistsRow, `SELECT 1 FROM users WHERE email = $1`, [email])) !== undefined;
}

/** Creates an account; undefined when the email address or phone number is already taken. */
export async function insertAccount(
  db: Queryable,
  account: { name: string; email: string | null; phone: string | null; passwordHash: string; locale: Lang },
): Promise<{ id: number } | undefined> {
  return one(
    db,
    IdRow,
    `INSERT INTO users (name, email, phone, password_hash, locale) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [account.name, account.email, account.phone, account.passwordHash, account.locale],
  );
}

/** Replaces an account's password hash. */
export async function updatePasswordHash(db: Queryable, userId: number, passwordHash: string): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
}

/** Updates the name and preferred language of an account. */
export async function updateProfile(db: Queryable, userId: number, profile: { name: string; locale: Lang }): Promise<void> {
  await db.query(`UPDATE users SET name = $2, locale = $3, updated_at = now() WHERE id = $1`, [userId, profile.name, profile.locale]);
}

/** Stores a password-reset token (its hash) valid for the given number of minutes. */
export async function insertPasswordReset(db: Queryable, userId: number, tokenHash: string, validMinutes: number): Promise<void> {
  await db.query(`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`, [
    tokenHash,
    userId,
    validMinutes,
  ]);
}

/** The account a reset token belongs to, when it is unused and unexpired; locks the row inside a transaction. */
export function findUsableReset(
  db: Queryable,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<{ userId: number } | undefined> {
  return one(
    db,
    z.object({ userId: z.number() }),
    `SELECT user_id AS "userId" FROM password_resets
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()${options.lock ? ' FOR UPDATE' : ''}`,
    [tokenHash],
  );
}

/** Marks every outstanding reset token of an account used, so an older link cannot be replayed. */
export async function consumeResets(db: Queryable, userId: number): Promise<void> {
  await db.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
}

/** A personal API token as its owner sees it (never its secret). */
const ApiTokenRow = z.object({ id: z.number(), name: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable() });
export type ApiTokenRow = z.infer<typeof ApiTokenRow>;

/** A person's API tokens, newest first. */
export function listApiTokens(db: Queryable, userId: number): Promise<ApiTokenRow[]> {
  return many(
    db,
    ApiTokenRow,
    `SELECT id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt"
       FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
    [userId],
  );
}

/** How many API tokens a person holds. */
export async function countApiTokens(db: Queryable, userId: number): Promise<number> {
  const row = await one(db, CountRow, `SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1`, [userId]);
  return row?.n ?? 0;
}

/** Stores a new API token's hash. */
export async function insertApiToken(db: Queryable, userId: number, name: string, tokenHash: string): Promise<{ id: number }> {
  const rows = await many(db, IdRow, `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id`, [
    userId,
    name,
    tokenHash,
  ]);
  return oneOrThrow(rows, 'api token');
}

/** Serializes token creations by one person until the transaction ends, so the per-person limit holds under races. */
export async function lockApiTokensOf(tx: Queryable, userId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [userId]);
}

/** Deletes one of a person's API tokens; undefined when it is not theirs or does not exist. */
export function deleteApiToken(db: Queryable, userId: number, tokenId: number): Promise<{ id: number; name: string } | undefined> {
  return one(
    db,
    z.object({ id: z.number(), name: z.string() }),
    `DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING id, name`,
    [tokenId, userId],
  );
}

/** What the profile page shows: how the person logs in, their name and language. */
const ProfileRow = z.object({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: LangColumn,
  createdAt: z.date(),
});
export type ProfileRow = z.infer<typeof ProfileRow>;

/** Loads the signed-in person's own profile. */
export function findProfile(db: Queryable, userId: number): Promise<ProfileRow | undefined> {
  return one(db, ProfileRow, `SELECT name, email, phone, locale, created_at AS "createdAt" FROM users WHERE id = $1`, [userId]);
}

/** Remembers a known login address (a keyed hash) for some days, and forgets the expired ones. */
export async function rememberLoginAddress(db: Queryable, keyHash: string, days: number): Promise<void> {
  await db.query(`DELETE FROM login_known_addresses WHERE expires_on < current_date`);
  await db.query(
    `INSERT INTO login_known_addresses (key_hash, expires_on) VALUES ($1, current_date + $2::int)
     ON CONFLICT (key_hash) DO UPDATE SET expires_on = EXCLUDED.expires_on`,
    [keyHash, days],
  );
}

/** True when the keyed hash of an account and address is a known login address that has not expired. */
export async function isKnownLoginAddress(db: Queryable, keyHash: string): Promise<boolean> {
  return !!(await one(db, ExistsRow, `SELECT 1 AS ok FROM login_known_addresses WHERE key_hash = $1 AND expires_on >= current_date`, [
    keyHash,
  ]));
}

/** How another module may address a person: their name, email (null for a phone-only account) and language. */
const UserContact = z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), locale: LangColumn });
export type UserContact = z.infer<typeof UserContact>;

/** The contacts of these accounts (unknown ids are left out), in one query. */
export function findUserContactsByIds(db: Queryable, ids: readonly number[]): Promise<UserContact[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many(db, UserContact, `SELECT id, name, email, locale FROM users WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
}

/** How many accounts there are (the platform overview's figure). */
export async function countUsers(db: Queryable): Promise<number> {
  const row = await one(db, CountRow, `SELECT count(*)::int AS n FROM users`);
  return row?.n ?? 0;
}
