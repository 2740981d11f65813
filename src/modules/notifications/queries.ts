import { z } from 'zod';
import { many, one, type Queryable } from '../../db/database.ts';
import { CountRow, IdRow, oneOrThrow } from '../../core/rows.ts';
import { owePushDeliveries } from './queries/push.ts';

/** What a module hands to notify(): only what the recipient may see. */
export interface NewNotification {
  userId: number;
  /** A short machine name of the event, e.g. "forum.reply" or "programs.report_returned". */
  kind: string;
  /** The message id rendered at read time in the reader's language, e.g. "forum.notifications.reply". */
  messageId: string;
  /** ICU values for the message; only what the recipient may see (a pseudonym, never an anonymous author's name). */
  values?: Record<string, string | number>;
  /** The path after the language prefix, e.g. "/forum/topics/12#post-3"; local paths only. */
  link: string;
}

/** True when a link is a local path (one leading slash, no scheme, no protocol-relative "//" or "/\\"). */
export function isLocalPath(link: string): boolean {
  return typeof link === 'string' && link.length <= 2000 && /^\/(?![/\\])/.test(link) && !/[\u0000-\u001f\u007f]/.test(link);
}

function checked(n: NewNotification): {
  user_id: number;
  kind: string;
  message_id: string;
  values: Record<string, string | number>;
  link: string;
} {
  if (!Number.isSafeInteger(n.userId)) throw new Error(`notify: userId must be an integer, got ${String(n.userId)}`);
  if (!n.kind || !n.messageId) throw new Error('notify: kind and messageId are required');
  if (!isLocalPath(n.link)) throw new Error(`notify: link must be a local path after the language prefix, got ${JSON.stringify(n.link)}`);
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(n.values ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`notify: value ${key} must be a string or a number`);
    values[key] = value;
  }
  return { user_id: n.userId, kind: n.kind, message_id: n.messageId, values, link: n.link };
}

/** Inserts notifications in one statement (any number of rows, no query in a loop); returns their ids. */
export async function insertNotifications(db: Queryable, notifications: NewNotification[]): Promise<number[]> {
  if (notifications.length === 0) return [];
  const rows = notifications.map(checked);
  const inserted = await many(
    db,
    IdRow,
    `INSERT INTO notifications (user_id, kind, message_id, values, link)
     SELECT r.user_id, r.kind, r.message_id, COALESCE(r.values, '{}'::jsonb), r.link
       FROM jsonb_to_recordset($1::jsonb) AS r(user_id bigint, kind text, message_id text, values jsonb, link text)
     RETURNING id::int AS id`,
    [JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}

/**
 * Notifies one user. The text is rendered when the user reads it, in the user's language, as
 * `t(messageId, values)`, so put into `values` only what this recipient may see: for an anonymous
 * post pass the pseudonym ("Worker 3"), never the author's name, email or id. The same values go
 * into the daily email digest unchanged. `link` is the path after the language prefix
 * (e.g. "/forum/topics/12#post-3"); anything but a local path throws.
 * Pass the transaction (`tx`) of the command that causes the event so both commit together.
 */
export async function notify(db: Queryable, notification: NewNotification): Promise<void> {
  const ids = await insertNotifications(db, [notification]);
  await owePushDeliveries(db, ids);
}

/** Notifies many users (or one user of many things) in one INSERT; same rules as notify(). */
export async function notifyMany(db: Queryable, notifications: NewNotification[]): Promise<void> {
  const ids = await insertNotifications(db, notifications);
  await owePushDeliveries(db, ids);
}

/** A stored notification as the module reads it back (text not yet rendered). */
const NotificationRow = z.object({
  id: z.number(),
  kind: z.string(),
  messageId: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type NotificationRow = z.infer<typeof NotificationRow>;

const NOTIFICATION_COLUMNS = `n.id, n.kind, n.message_id AS "messageId", n.values, n.link, n.created_at AS "createdAt", n.read_at AS "readAt"`;

/**
 * One page of a user's notifications, newest first. Keyset pagination: `before` is the id of the last
 * notification of the previous page; the position is looked up within the same user's rows, so a
 * foreign or unknown id yields an empty page. Fetches limit + 1 rows to know whether there is more.
 */
export async function listNotifications(
  db: Queryable,
  userId: number,
  options: { before?: number; limit: number },
): Promise<{ rows: NotificationRow[]; hasMore: boolean }> {
  const params: unknown[] = [userId, options.limit + 1];
  let after = '';
  if (options.before !== undefined) {
    params.push(options.before);
    after = `AND (n.created_at, n.id) < (SELECT c.created_at, c.id FROM notifications c WHERE c.id = $3 AND c.user_id = $1)`;
  }
  const rows = await many(
    db,
    NotificationRow,
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
      WHERE n.user_id = $1 ${after}
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $2`,
    params,
  );
  return { rows: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
}

/** How many unread notifications a user has, counting at most `cap` (so a huge backlog costs no more). */
export async function countUnread(db: Queryable, userId: number, cap = 100): Promise<number> {
  const row = await one(
    db,
    CountRow,
    // Ordered like notifications_unread_idx so the planner walks that index instead of scanning the table for a heavy user.
    `SELECT count(*)::int AS n
       FROM (SELECT 1 FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC LIMIT $2) unread`,
    [userId, cap],
  );
  return row?.n ?? 0;
}

/** Marks every unread notification of a user as read; returns how many changed. */
export async function markAllRead(db: Queryable, userId: number): Promise<number> {
  const result = await db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return result.rowCount ?? 0;
}

/** Marks one of the user's notifications read and returns its link; undefined when it is not theirs or does not exist. */
export function markOneRead(db: Queryable, userId: number, notificationId: number): Promise<{ link: string } | undefined> {
  return one(
    db,
    z.object({ link: z.string() }),
    `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING link`,
    [notificationId, userId],
  );
}

/** A user's digest choice (defaults when they never chose). */
const DigestSettings = z.object({ digestEnabled: z.boolean(), lastDigestAt: z.date().nullable() });
export type DigestSettings = z.infer<typeof DigestSettings>;

export async function getDigestSettings(db: Queryable, userId: number): Promise<DigestSettings> {
  const row = await one(
    db,
    DigestSettings,
    `SELECT digest_enabled AS "digestEnabled", last_digest_at AS "lastDigestAt" FROM notification_settings WHERE user_id = $1`,
    [userId],
  );
  return row ?? { digestEnabled: false, lastDigestAt: null };
}

export async function saveDigestEnabled(db: Queryable, userId: number, enabled: boolean): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings (user_id, digest_enabled) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET digest_enabled = EXCLUDED.digest_enabled`,
    [userId, enabled],
  );
}

const UserIdRow = z.object({ userId: z.number() });

/**
 * Users who opted in and have unread notifications newer than their last digest (whether they still have an
 * email address is the accounts module's to say: see jobs.ts).
 */
export async function usersOptedInWithNewUnread(db: Queryable): Promise<number[]> {
  const rows = await many(
    db,
    UserIdRow,
    `SELECT s.user_id AS "userId"
       FROM notification_settings s
      WHERE s.digest_enabled
        AND EXISTS (SELECT 1 FROM notifications n
                     WHERE n.user_id = s.user_id AND n.read_at IS NULL
                       AND n.created_at > COALESCE(s.last_digest_at, '-infinity'))
      ORDER BY s.user_id`,
  );
  return rows.map((r) => r.userId);
}

/**
 * Locks an opted-in user's settings row inside a transaction, so two runs for one user take turns; undefined when
 * they opted out. Answers when their last digest was.
 */
export function lockDigestSettings(tx: Queryable, userId: number): Promise<{ lastDigestAt: Date | null } | undefined> {
  return one(
    tx,
    DigestSettings.pick({ lastDigestAt: true }),
    `SELECT last_digest_at AS "lastDigestAt" FROM notification_settings WHERE user_id = $1 AND digest_enabled FOR UPDATE`,
    [userId],
  );
}

/**
 * The unread notifications a digest covers: newer than the last digest and no newer than `until`,
 * newest first, at most `limit`, with the total count so the mail can say "and N more".
 */
export async function digestNotifications(
  tx: Queryable,
  userId: number,
  since: Date | null,
  until: Date,
  limit: number,
): Promise<{ rows: NotificationRow[]; total: number }> {
  const rows = await many(
    tx,
    NotificationRow.extend({ total: z.number() }),
    `SELECT ${NOTIFICATION_COLUMNS}, count(*) OVER ()::int AS total
       FROM notifications n
      WHERE n.user_id = $1 AND n.read_at IS NULL
        AND n.created_at > COALESCE($2::timestamptz, '-infinity') AND n.created_at <= $3
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $4`,
    [userId, since, until, limit],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The newest moment a digest may cover: `settleSeconds` before this statement (the database's clock). */
export async function digestCutoff(tx: Queryable, settleSeconds: number): Promise<Date> {
  const rows = await many(tx, z.object({ until: z.date() }), `SELECT statement_timestamp() - make_interval(secs => $1) AS until`, [
    settleSeconds,
  ]);
  return oneOrThrow(rows).until;
}

export async function setLastDigestAt(tx: Queryable, userId: number, at: Date): Promise<void> {
  await tx.query(`UPDATE notification_settings SET last_digest_at = $2 WHERE user_id = $1`, [userId, at]);
}
