import { z } from 'zod';
import { many, one, type Queryable } from '../../../db/database.ts';
import { CountRow, IdRow, LocalizedTextColumn, oneOrThrow } from '../../../core/rows.ts';

// Moderation: flags and suspensions.

const FlagQueueRow = z.object({
  id: z.number(),
  reason: z.string(),
  note: z.string(),
  createdAt: z.date(),
  flagCount: z.number(),
  postId: z.number(),
  postNumber: z.number(),
  topicId: z.number(),
  topicTitle: z.string(),
  postHidden: z.boolean(),
  bodyHtml: z.string(),
  authorId: z.number().nullable(),
  authorName: z.string().nullable(),
  pseudonymNumber: z.number().nullable(),
});
export type FlagQueueRow = z.infer<typeof FlagQueueRow>;

/** Open flags on posts in the organization's forums (and its sub-organizations'), oldest first, one row per post. */
export function listOpenFlags(db: Queryable, organizationId: number): Promise<FlagQueueRow[]> {
  return many(
    db,
    FlagQueueRow,
    `SELECT DISTINCT ON (p.id) f.id, f.reason, f.note, f.created_at AS "createdAt",
            count(*) OVER (PARTITION BY p.id)::int AS "flagCount",
            p.id AS "postId", p.post_number AS "postNumber", t.id AS "topicId", t.title AS "topicTitle", p.is_hidden AS "postHidden", p.body_html AS "bodyHtml",
            p.author_id AS "authorId", u.name AS "authorName", p.pseudonym_number AS "pseudonymNumber"
     FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_topics t ON t.id = p.topic_id
     JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = p.author_id
     WHERE f.resolved_at IS NULL AND (o.id = $1 OR $1 = ANY(o.ancestor_ids))
     ORDER BY p.id, f.created_at LIMIT 200`,
    [organizationId],
  );
}

/** Stores a flag; false when this person's flag on the post is already open. */
export async function insertFlag(db: Queryable, postId: number, flaggerId: number, reason: string, note: string): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO forum_flags (post_id, flagger_id, reason, note) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [postId, flaggerId, reason, note],
  );
  return (result.rowCount ?? 0) > 0;
}

/** How many open flags a post has. */
export async function openFlagCount(db: Queryable, postId: number): Promise<number> {
  const row = await one(db, CountRow, `SELECT count(*)::int AS n FROM forum_flags WHERE post_id = $1 AND resolved_at IS NULL`, [postId]);
  return row?.n ?? 0;
}

export function resolveFlags(db: Queryable, postId: number, resolverId: number, resolution: 'hidden' | 'dismissed'): Promise<unknown> {
  return db.query(
    `UPDATE forum_flags SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE post_id = $1 AND resolved_at IS NULL`,
    [postId, resolverId, resolution],
  );
}

const SuspensionRow = z.object({ id: z.number(), userId: z.number(), userName: z.string(), reason: z.string(), endsAt: z.date() });
export type SuspensionRow = z.infer<typeof SuspensionRow>;

export function listActiveSuspensions(db: Queryable, organizationId: number): Promise<SuspensionRow[]> {
  return many(
    db,
    SuspensionRow,
    `SELECT s.id, s.user_id AS "userId", u.name AS "userName", s.reason, s.ends_at AS "endsAt" FROM forum_suspensions s JOIN users u ON u.id = s.user_id
     WHERE s.organization_id = $1 AND s.lifted_at IS NULL AND s.ends_at > now() ORDER BY s.ends_at`,
    [organizationId],
  );
}

export async function insertSuspension(
  db: Queryable,
  suspension: { organizationId: number; userId: number; reason: string; days: number; createdBy: number },
): Promise<number> {
  const row = oneOrThrow(
    await many(
      db,
      IdRow,
      `INSERT INTO forum_suspensions (organization_id, user_id, reason, ends_at, created_by)
     VALUES ($1, $2, $3, now() + make_interval(days => $4), $5) RETURNING id`,
      [suspension.organizationId, suspension.userId, suspension.reason, suspension.days, suspension.createdBy],
    ),
  );
  return row.id;
}

export async function liftSuspension(
  db: Queryable,
  id: number,
  organizationId: number,
  liftedBy: number,
): Promise<{ userId: number } | undefined> {
  return one(
    db,
    z.object({ userId: z.number() }),
    `UPDATE forum_suspensions SET lifted_at = now(), lifted_by = $3 WHERE id = $1 AND organization_id = $2 AND lifted_at IS NULL RETURNING user_id AS "userId"`,
    [id, organizationId, liftedBy],
  );
}

const FlagWorkRow = z.object({
  postId: z.number(),
  postNumber: z.number(),
  topicId: z.number(),
  topicTitle: z.string(),
  organizationName: LocalizedTextColumn,
  flaggedAt: z.date(),
  /** How many flagged posts wait in all (the same on every row). */
  total: z.number(),
});
export type FlagWorkRow = z.infer<typeof FlagWorkRow>;

/**
 * Flagged posts waiting for a moderator of these organizations (or of one above the post's: roles reach down), oldest
 * flag first, one row per post, at most `limit`; `everywhere` for a platform administrator.
 */
export function openFlagsForModerator(
  db: Queryable,
  organizationIds: number[],
  everywhere: boolean,
  limit: number,
): Promise<FlagWorkRow[]> {
  return many(
    db,
    FlagWorkRow,
    `SELECT p.id AS "postId", p.post_number AS "postNumber", t.id AS "topicId", t.title AS "topicTitle", o.name AS "organizationName",
            min(f.created_at) AS "flaggedAt", count(*) OVER ()::int AS total
     FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_topics t ON t.id = p.topic_id
     JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     WHERE f.resolved_at IS NULL AND ($2::boolean OR o.id = ANY($1::bigint[]) OR o.ancestor_ids && $1::bigint[])
     GROUP BY p.id, t.id, o.id
     ORDER BY min(f.created_at), p.id LIMIT $3`,
    [organizationIds, everywhere, limit],
  );
}
