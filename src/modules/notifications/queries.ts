import type { Queryable } from '../../db/database.ts';

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

function checked(n: NewNotification): { user_id: number; kind: string; message_id: string; values: Record<string, string | number>; link: string } {
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

/** Inserts notifications in one statement (any number of rows, no query in a loop). */
export async function insertNotifications(db: Queryable, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  const rows = notifications.map(checked);
  await db.query(
    `INSERT INTO notifications (user_id, kind, message_id, values, link)
     SELECT r.user_id, r.kind, r.message_id, COALESCE(r.values, '{}'::jsonb), r.link
       FROM jsonb_to_recordset($1::jsonb) AS r(user_id bigint, kind text, message_id text, values jsonb, link text)`,
    [JSON.stringify(rows)],
  );
}
