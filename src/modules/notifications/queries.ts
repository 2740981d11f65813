import { z } from 'zod';
import { many, one, type Queryable } from '../../db/database.ts';
import { IdRow, oneOrThrow } from '../../core/rows.ts';

const EmailChoiceColumn = z.enum(['immediate', 'digest', 'off']) satisfies z.ZodType<EmailChoice>;
import { LIVE_PG_CHANNEL, livePayload } from '../../core/live.ts';
import type { EmailChoice, NotificationKind } from '../module.ts';

/** The live channel notify() publishes on (when its transaction commits) whenever a notification is to be mailed now. */
export const MAIL_WAKE_CHANNEL = 'notifications.mail';
import { owePushDeliveries } from './queries/push.ts';

/** What a module hands to notify(): only what the recipient may see. */
export interface NewNotification {
  userId: number;
  /** What happened: one of the kinds the sending module declares in its manifest (its name, label and email default). */
  kind: NotificationKind;
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
  default_email: EmailChoice;
  message_id: string;
  values: Record<string, string | number>;
  link: string;
} {
  if (!Number.isSafeInteger(n.userId)) throw new Error(`notify: userId must be an integer, got ${String(n.userId)}`);
  if (!n.kind.name || !n.messageId) throw new Error('notify: kind and messageId are required');
  if (!isLocalPath(n.link)) throw new Error(`notify: link must be a local path after the language prefix, got ${JSON.stringify(n.link)}`);
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(n.values ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`notify: value ${key} must be a string or a number`);
    values[key] = value;
  }
  return { user_id: n.userId, kind: n.kind.name, default_email: n.kind.defaultEmail, message_id: n.messageId, values, link: n.link };
}

/**
 * Inserts notifications in one statement (any number of rows, no query in a loop); returns their ids. Each row takes
 * its recipient's email choice for its kind (their own, else their fallback, else the kind's default). When one is to
 * be mailed immediately, the same statement wakes the mail dispatcher: PostgreSQL delivers the NOTIFY only if the
 * transaction commits, and the row itself is the outbox, so a mail is neither sent for a rolled-back change nor lost.
 */
export async function insertNotifications(db: Queryable, notifications: NewNotification[]): Promise<number[]> {
  if (notifications.length === 0) return [];
  const rows = notifications.map((n, position) => ({ position, ...checked(n) }));
  const inserted = await many(
    db,
    IdRow,
    `WITH inserted AS (
       INSERT INTO notifications (user_id, kind, message_id, values, link, email)
       SELECT r.user_id, r.kind, r.message_id, COALESCE(r.values, '{}'::jsonb), r.link,
              COALESCE(p.email, s.email_default, r.default_email)
         FROM jsonb_to_recordset($1::jsonb)
              AS r(position int, user_id bigint, kind text, default_email text, message_id text, values jsonb, link text)
         LEFT JOIN notification_preferences p ON p.user_id = r.user_id AND p.kind = r.kind
         LEFT JOIN notification_settings s ON s.user_id = r.user_id
        ORDER BY r.position -- ids in the caller's order, whatever join the planner picks
       RETURNING id, email),
     woke AS (SELECT pg_notify($2, $3) FROM (SELECT 1 FROM inserted WHERE email = 'immediate' LIMIT 1) immediate)
     SELECT i.id::int AS id FROM inserted i CROSS JOIN (SELECT count(*) FROM woke) wake ORDER BY i.id`,
    [JSON.stringify(rows), LIVE_PG_CHANNEL, livePayload(MAIL_WAKE_CHANNEL, {})],
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
    z.object({ count: z.number() }),
    // Ordered like notifications_unread_idx so the planner walks that index instead of scanning the table for a heavy user.
    `SELECT count(*)::int AS count
       FROM (SELECT 1 FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC LIMIT $2) unread`,
    [userId, cap],
  );
  return row?.count ?? 0;
}

/** Marks every unread notification of a user as read; returns how many changed. */
export async function markAllRead(db: Queryable, userId: number): Promise<number> {
  const result = await db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return result.rowCount ?? 0;
}

/** Marks one of the user's notifications read and returns its link; undefined when it is not theirs or does not exist. */
export async function markOneRead(db: Queryable, userId: number, notificationId: number): Promise<{ link: string } | undefined> {
  return one(
    db,
    z.object({ link: z.string() }),
    `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING link`,
    [notificationId, userId],
  );
}

/** A person's email choices: one per kind they chose for, and the fallback for the others (null: each kind's default). */
export interface EmailPreferences {
  byKind: Map<string, EmailChoice>;
  fallback: EmailChoice | null;
}

export async function getEmailPreferences(db: Queryable, userId: number): Promise<EmailPreferences> {
  const [kinds, settings] = await Promise.all([
    many(
      db,
      z.object({ kind: z.string(), email: EmailChoiceColumn }),
      `SELECT kind, email FROM notification_preferences WHERE user_id = $1`,
      [userId],
    ),
    one(
      db,
      z.object({ fallback: EmailChoiceColumn.nullable() }),
      `SELECT email_default AS fallback FROM notification_settings WHERE user_id = $1`,
      [userId],
    ),
  ]);
  return { byKind: new Map(kinds.map((r) => [r.kind, r.email])), fallback: settings?.fallback ?? null };
}

/** Stores a person's choice for each of the given kinds (one statement), replacing what they chose before. */
export async function saveEmailPreferences(
  db: Queryable,
  userId: number,
  choices: Array<{ kind: string; email: EmailChoice }>,
): Promise<void> {
  if (choices.length === 0) return;
  await db.query(
    `INSERT INTO notification_preferences (user_id, kind, email)
     SELECT $1, c.kind, c.email FROM jsonb_to_recordset($2::jsonb) AS c(kind text, email text)
     ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email`,
    [userId, JSON.stringify(choices)],
  );
}

/**
 * Users with unread notifications meant for the digest and newer than their last digest (whether they still have an
 * email address is the accounts module's to say: see jobs.ts).
 */
export async function usersOptedInWithNewUnread(db: Queryable): Promise<number[]> {
  const rows = await many(
    db,
    z.object({ userId: z.number() }),
    `SELECT DISTINCT n.user_id AS "userId"
       FROM notifications n
       LEFT JOIN notification_settings s ON s.user_id = n.user_id
      WHERE n.email = 'digest' AND n.read_at IS NULL
        AND n.created_at > COALESCE(s.last_digest_at, '-infinity')
      ORDER BY n.user_id`,
  );
  return rows.map((r) => r.userId);
}

/**
 * Locks a user's settings row inside a transaction (creating it the first time), so two digest runs for one user
 * take turns. Answers when their last digest was.
 */
export async function lockDigestSettings(tx: Queryable, userId: number): Promise<{ lastDigestAt: Date | null }> {
  await tx.query(`INSERT INTO notification_settings (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [userId]);
  const row = await one(
    tx,
    z.object({ lastDigestAt: z.date().nullable() }),
    `SELECT last_digest_at AS "lastDigestAt" FROM notification_settings WHERE user_id = $1 FOR UPDATE`,
    [userId],
  );
  return oneOrThrow(row ? [row] : [], 'notification settings');
}

/**
 * The unread notifications a digest covers (those whose kind the person set to 'digest'): newer than the last digest and no newer than `until`,
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
      WHERE n.user_id = $1 AND n.read_at IS NULL AND n.email = 'digest'
        AND n.created_at > COALESCE($2::timestamptz, '-infinity') AND n.created_at <= $3
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $4`,
    [userId, since, until, limit],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The newest moment a digest may cover: `settleSeconds` before this statement (the database's clock). */
export async function digestCutoff(tx: Queryable, settleSeconds: number): Promise<Date> {
  const row = await one(tx, z.object({ until: z.date() }), `SELECT statement_timestamp() - make_interval(secs => $1) AS until`, [
    settleSeconds,
  ]);
  return oneOrThrow(row ? [row] : [], 'digest cutoff').until;
}

export async function setLastDigestAt(tx: Queryable, userId: number, at: Date): Promise<void> {
  await tx.query(`UPDATE notification_settings SET last_digest_at = $2 WHERE user_id = $1`, [userId, at]);
}

/** Ids of notifications to be mailed now that no job carries yet, oldest first, locked for the caller's transaction. */
export async function lockMailOutbox(tx: Queryable, limit: number): Promise<number[]> {
  const rows = await many(
    tx,
    IdRow,
    `SELECT id FROM notifications WHERE email = 'immediate' AND mail_queued_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows.map((r) => r.id);
}

export async function markMailsQueued(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query(`UPDATE notifications SET mail_queued_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}

/** A notification still to be mailed immediately, locked so two runs of its job take turns; undefined when done. */
export async function lockUnmailedNotification(
  tx: Queryable,
  notificationId: number,
): Promise<(NotificationRow & { userId: number }) | undefined> {
  return one(
    tx,
    NotificationRow.extend({ userId: z.number() }),
    `SELECT ${NOTIFICATION_COLUMNS}, n.user_id AS "userId" FROM notifications n
      WHERE n.id = $1 AND n.email = 'immediate' AND n.mailed_at IS NULL
      FOR UPDATE`,
    [notificationId],
  );
}

/** Records that a notification's mail went out (or will never go: no address, already read). */
export async function markMailed(tx: Queryable, notificationId: number): Promise<void> {
  await tx.query(`UPDATE notifications SET mailed_at = now() WHERE id = $1`, [notificationId]);
}
