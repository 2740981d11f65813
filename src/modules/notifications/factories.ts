import type { Queryable } from '../../db/database.ts';
import type { EmailChoice, NotificationKind } from '../module.ts';

/**
 * Test factories for the notifications module's own tables. Notifications themselves are made with notify() and
 * notifyMany() from index.ts, the way every module makes them.
 */

/**
 * Sets a user's fallback email choice for every kind (default: the digest for all, never sent), as a person who had
 * the old digest switch on has after the migration.
 */
export async function createDigestSettings(
  db: Queryable,
  userId: number,
  overrides: { digestEnabled?: boolean; lastDigestAt?: Date | null } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings (user_id, email_default, last_digest_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET email_default = EXCLUDED.email_default, last_digest_at = EXCLUDED.last_digest_at`,
    [userId, (overrides.digestEnabled ?? true) ? 'digest' : 'off', overrides.lastDigestAt ?? null],
  );
}

/** A kind of notification for tests (label: the generic line), mailed as `defaultEmail` says unless the person chose. */
export function testKind(name = 'test.kind', defaultEmail: EmailChoice = 'off'): NotificationKind {
  return { name, labelId: 'notifications.generic', defaultEmail };
}
