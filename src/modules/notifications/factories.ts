import type { Queryable } from '../../db/database.ts';

/**
 * Test factories for the notifications module's own tables. Notifications themselves are made with notify() and
 * notifyMany() from index.ts, the way every module makes them.
 */

/** Sets a user's digest choice (default: opted in, never sent), as the settings form would. */
export async function createDigestSettings(
  db: Queryable,
  userId: number,
  overrides: { digestEnabled?: boolean; lastDigestAt?: Date | null } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings (user_id, digest_enabled, last_digest_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET digest_enabled = EXCLUDED.digest_enabled, last_digest_at = EXCLUDED.last_digest_at`,
    [userId, overrides.digestEnabled ?? true, overrides.lastDigestAt ?? null],
  );
}
