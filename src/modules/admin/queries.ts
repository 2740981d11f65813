import type { Queryable } from '../../db/database.ts';
import { many } from '../../db/database.ts';
import { oneOrThrow } from '../../core/rows.ts';

/** The overview's figures from the tables this module or the core owns (accounts and organizations count theirs). */
export async function adminCounts(db: Queryable): Promise<{ regions: number; heldMail: number; auditLastWeek: number }> {
  const rows = await many<{ regions: number; heldMail: number; auditLastWeek: number }>(
    db,
    `SELECT (SELECT count(*) FROM regions)::int AS regions,
            (SELECT count(*) FROM mail_messages WHERE status = 'held')::int AS "heldMail",
            (SELECT count(*) FROM audit_log WHERE at > now() - interval '7 days')::int AS "auditLastWeek"`,
  );
  return oneOrThrow(rows);
}

export interface OutboxRow {
  id: number;
  createdAt: Date;
  recipient: string;
  subject: string;
  bodyText: string;
  status: 'sent' | 'held' | 'failed';
  error: string | null;
}

/** One page of the mail outbox, newest first (limit + 1 rows read to know whether more exist). */
export async function listOutbox(
  db: Queryable,
  options: { before: number | null; limit: number },
): Promise<{ rows: OutboxRow[]; nextBefore: number | null }> {
  const rows = await many<OutboxRow>(
    db,
    `SELECT id, created_at AS "createdAt", recipient, subject, body_text AS "bodyText", status, error
       FROM mail_messages WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [options.before, options.limit + 1],
  );
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  return { rows: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null };
}
