import { z } from 'zod';
import { IdRow } from '../../../core/rows.ts';
import { many, one, type Queryable } from '../../../db/database.ts';
import type { Visibility } from '../policy.ts';
import { INHERITED_ROLES_SQL } from '../../../core/reach-sql.ts';

// People: trust, mentions, followers, names.

/** How long the account exists and how many of its posts stand (named posts only: anonymous ones cannot be counted). */
const PosterStandingRow = z.object({ accountAgeHours: z.number(), approvedPosts: z.number() });

export function findPosterStanding(db: Queryable, userId: number): Promise<z.infer<typeof PosterStandingRow>> {
  return one(
    db,
    PosterStandingRow,
    `SELECT EXTRACT(EPOCH FROM now() - u.created_at)::float8 / 3600 AS "accountAgeHours",
            (SELECT count(*)::int FROM (SELECT 1 FROM forum_posts p WHERE p.author_id = u.id AND NOT p.is_hidden AND p.deleted_at IS NULL LIMIT 10) x) AS "approvedPosts"
     FROM users u WHERE u.id = $1`,
    [userId],
  ).then((row) => row ?? { accountAgeHours: 0, approvedPosts: 0 });
}

// "This user may read a category of visibility $v in organization $o (ancestors $a)", mirroring policy.canReadCategory.
// Roles above member reach sub-organizations (INHERITED_ROLES_SQL, core/reach-sql.ts).
const READER_CONDITION = (v: string, o: string, a: string) => `(
  ${v} = 'public' OR u.is_platform_admin OR EXISTS (
    SELECT 1 FROM memberships m JOIN organizations mo ON mo.id = m.organization_id WHERE m.user_id = u.id AND (
      (${v} = 'members' AND (mo.id = ${o} OR ${o} = ANY(mo.ancestor_ids) OR (m.role = ANY(${INHERITED_ROLES_SQL}) AND mo.id = ANY(${a}))))
      OR (${v} = 'officials' AND m.role = ANY(${INHERITED_ROLES_SQL}) AND (mo.id = ${o} OR mo.id = ANY(${a}))))))`;

/** People named by @handles who may read the category. */
export function findMentionedReaders(
  db: Queryable,
  handles: string[],
  category: { visibility: Visibility; organizationId: number; ancestorIds: number[] },
): Promise<Array<{ id: number; handle: string }>> {
  if (handles.length === 0) return Promise.resolve([]);
  return many(
    db,
    z.object({ id: z.number(), handle: z.string() }),
    `SELECT u.id, lower(regexp_replace(normalize(u.name, NFC), '\\s+', '_', 'g')) AS handle FROM users u
     WHERE lower(regexp_replace(normalize(u.name, NFC), '\\s+', '_', 'g')) = ANY($1::text[])
       AND ${READER_CONDITION('$2::text', '$3::bigint', '$4::bigint[]')}
     LIMIT 20`,
    [handles, category.visibility, category.organizationId, category.ancestorIds],
  );
}

/** Followers of a topic or of its category who may still read it. */
export function findFollowers(
  db: Queryable,
  topicId: number,
  category: { id: number; visibility: Visibility; organizationId: number; ancestorIds: number[] },
): Promise<Array<{ id: number }>> {
  return many(
    db,
    IdRow,
    `SELECT DISTINCT u.id FROM forum_follows f JOIN users u ON u.id = f.user_id
     WHERE (f.topic_id = $1 OR f.category_id = $5) AND ${READER_CONDITION('$2::text', '$3::bigint', '$4::bigint[]')}`,
    [topicId, category.visibility, category.organizationId, category.ancestorIds, category.id],
  );
}

export async function setFollow(
  db: Queryable,
  userId: number,
  target: { topicId?: number; categoryId?: number },
  follow: boolean,
): Promise<void> {
  if (follow) {
    await db.query(`INSERT INTO forum_follows (user_id, topic_id, category_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      userId,
      target.topicId ?? null,
      target.categoryId ?? null,
    ]);
  } else if (target.topicId) {
    await db.query(`DELETE FROM forum_follows WHERE user_id = $1 AND topic_id = $2`, [userId, target.topicId]);
  } else {
    await db.query(`DELETE FROM forum_follows WHERE user_id = $1 AND category_id = $2`, [userId, target.categoryId]);
  }
}

/** A person's name (for the reveal page and the suspension form). */
export async function findUserName(db: Queryable, userId: number): Promise<string> {
  const row = await one(db, z.object({ name: z.string() }), `SELECT name FROM users WHERE id = $1`, [userId]);
  return row?.name ?? '';
}
