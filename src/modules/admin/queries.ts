import { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { many } from '../../db/database.ts';
import { oneOrThrow } from '../../core/rows.ts';

/** The overview's figures from the tables this module or the core owns (accounts and organizations count theirs). */
const AdminCountsRow = z.object({ regions: z.number(), heldMail: z.number(), auditLastWeek: z.number() });

export async function adminCounts(db: Queryable): Promise<z.infer<typeof AdminCountsRow>> {
  const rows = await many(
    db,
    AdminCountsRow,
    `SELECT (SELECT count(*) FROM regions)::int AS regions,
            (SELECT count(*) FROM mail_messages WHERE status = 'held')::int AS "heldMail",
            (SELECT count(*) FROM audit_log WHERE at > now() - interval '7 days')::int AS "auditLastWeek"`,
  );
  return oneOrThrow(rows);
}

const OutboxRow = z.object({
  id: z.number(),
  createdAt: z.date(),
  recipient: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: z.enum(['sent', 'held', 'failed']),
  error: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRow>;

/** One page of the mail outbox, newest first (limit + 1 rows read to know whether more exist). */
export async function listOutbox(
  db: Queryable,
  options: { before: number | null; limit: number },
): Promise<{ rows: OutboxRow[]; nextBefore: number | null }> {
  const rows = await many(
    db,
    OutboxRow,
    `SELECT id, created_at AS "createdAt", recipient, subject, body_text AS "bodyText", status, error
       FROM mail_messages WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [options.before, options.limit + 1],
  );
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  return { rows: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null };
}
