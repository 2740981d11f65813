import type { Actor } from '../../../core/authorization.ts';
import { z } from 'zod';
import { many, one, type Queryable } from '../../../db/database.ts';
import { VISIBILITIES } from '../policy.ts';
import { viewerScope, visibleCategoryCondition, inSubtreeSql, viewerSuspendedSql } from './visibility.ts';
import { IdRow, LocalizedTextColumn, oneOrThrow } from '../../../core/rows.ts';
import { ViewerStanding } from './categories.ts';

// Topics: lists (keyset pagination), one topic with its frame, and writes to topics.

/** Topics per list page and posts per topic page. */
export const TOPICS_PER_PAGE = 30;
export const POSTS_PER_PAGE = 20;

/** Where a list page starts: after this (pinned, last activity, id). */
export interface TopicCursor {
  pinned: boolean;
  at: string;
  id: number;
}

const TOPIC_LIST_COLUMNS = `t.id, t.category_id AS "categoryId", t.title, t.status, t.is_locked AS "isLocked", t.is_pinned AS "isPinned", t.is_hidden AS "isHidden", t.is_anonymous AS "isAnonymous", t.author_id AS "authorId",
  u.name AS "authorName", t.post_count AS "postCount", t.last_posted_at AS "lastPostedAt", t.created_at AS "createdAt",
  to_char(t.last_posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
  to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdCursorAt"`;

const TOPIC_STATUSES = ['open', 'answered', 'closed'] as const;

/** Where a topic stands, as its badges show it: open, answered or closed, and its pinned, locked and hidden marks. */
const TopicMarks = z.object({ status: z.enum(TOPIC_STATUSES), isLocked: z.boolean(), isPinned: z.boolean(), isHidden: z.boolean() });
export type TopicMarks = z.infer<typeof TopicMarks>;

/** The columns every topic row carries: its title, its marks, and whether it was started anonymously. */
const TOPIC_STATE = { title: z.string(), ...TopicMarks.shape, isAnonymous: z.boolean() };

/** A topic as a list shows it (TOPIC_LIST_COLUMNS). */
const TopicListRow = z.object({
  id: z.number(),
  categoryId: z.number(),
  ...TOPIC_STATE,
  authorId: z.number().nullable(),
  authorName: z.string().nullable(),
  postCount: z.number(),
  lastPostedAt: z.date(),
  createdAt: z.date(),
  /** Exact (microsecond) last activity and creation times, for keyset cursors. */
  cursorAt: z.string(),
  createdCursorAt: z.string(),
});
/** The latest and unanswered lists add where each topic lives. */
const PlacedTopicListRow = TopicListRow.extend({
  categoryName: LocalizedTextColumn,
  categorySlug: z.string(),
  organizationSlug: z.string(),
});
export type TopicListRow = z.infer<typeof TopicListRow> &
  Partial<Omit<z.infer<typeof PlacedTopicListRow>, keyof z.infer<typeof TopicListRow>>>;

/** One page of a category's topics: pinned first, then by last activity; costs the same on page 500 as on page 1. */
export function listCategoryTopics(
  db: Queryable,
  categoryId: number,
  cursor: TopicCursor | null,
  includeHidden: boolean,
): Promise<TopicListRow[]> {
  return many(
    db,
    TopicListRow,
    `SELECT ${TOPIC_LIST_COLUMNS} FROM forum_topics t LEFT JOIN users u ON u.id = t.author_id
     WHERE t.category_id = $1 AND ($2::boolean OR NOT t.is_hidden)
       AND ($3::boolean IS NULL OR (t.is_pinned, t.last_posted_at, t.id) < ($3::boolean, $4::timestamptz, $5::bigint))
     ORDER BY t.is_pinned DESC, t.last_posted_at DESC, t.id DESC LIMIT ${TOPICS_PER_PAGE + 1}`,
    [categoryId, includeHidden, cursor?.pinned ?? null, cursor?.at ?? null, cursor?.id ?? null],
  );
}

/** One page of the latest topics across every category the viewer may read. */
export function listLatestTopics(db: Queryable, actor: Actor | null, cursor: TopicCursor | null): Promise<TopicListRow[]> {
  const visible = visibleCategoryCondition('t.category_id', 3, actor);
  return many(
    db,
    PlacedTopicListRow,
    `SELECT ${TOPIC_LIST_COLUMNS}, c.name AS "categoryName", c.slug AS "categorySlug", o.slug AS "organizationSlug"
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = t.author_id
     WHERE NOT t.is_hidden AND ${visible.sql}
       AND ($1::timestamptz IS NULL OR (t.last_posted_at, t.id) < ($1::timestamptz, $2::bigint))
     ORDER BY t.last_posted_at DESC, t.id DESC LIMIT ${TOPICS_PER_PAGE + 1}`,
    [cursor?.at ?? null, cursor?.id ?? null, ...visible.params],
  );
}

/** Questions still waiting for an official answer in the organization and its sub-organizations, oldest first. */
export function listUnansweredTopics(
  db: Queryable,
  organizationId: number,
  after: { at: string; id: number } | null,
): Promise<TopicListRow[]> {
  return many(
    db,
    PlacedTopicListRow,
    `SELECT ${TOPIC_LIST_COLUMNS}, c.name AS "categoryName", c.slug AS "categorySlug", o.slug AS "organizationSlug"
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = t.author_id
     WHERE (o.id = $1 OR $1 = ANY(o.ancestor_ids)) AND t.status = 'open' AND NOT t.is_hidden
       AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2::timestamptz, $3::bigint))
     ORDER BY t.created_at, t.id LIMIT ${TOPICS_PER_PAGE + 1}`,
    [organizationId, after?.at ?? null, after?.id ?? null],
  );
}

/** A topic with its category, organization and the viewer's standing: one query for a topic page's frame. */
const TopicContextRow = ViewerStanding.extend({
  id: z.number(),
  ...TOPIC_STATE,
  postCount: z.number(),
  lastPostNumber: z.number(),
  lastPostedAt: z.date(),
  createdAt: z.date(),
  answerPostNumber: z.number().nullable(),
  categoryId: z.number(),
  categorySlug: z.string(),
  categoryName: LocalizedTextColumn,
  visibility: z.enum(VISIBILITIES),
  organizationId: z.number(),
});
export type TopicContextRow = z.infer<typeof TopicContextRow>;

export function findTopic(
  db: Queryable,
  topicId: number,
  actor: Actor | null,
  options: { forUpdate?: boolean } = {},
): Promise<TopicContextRow | undefined> {
  return one(
    db,
    TopicContextRow,
    `SELECT t.id, t.title, t.status, t.is_locked AS "isLocked", t.is_pinned AS "isPinned", t.is_hidden AS "isHidden", t.is_anonymous AS "isAnonymous", t.post_count AS "postCount", t.last_post_number AS "lastPostNumber",
            t.last_posted_at AS "lastPostedAt", t.created_at AS "createdAt", ap.post_number AS "answerPostNumber",
            c.id AS "categoryId", c.slug AS "categorySlug", c.name AS "categoryName", c.visibility,
            o.id AS "organizationId", o.slug AS "organizationSlug", o.name AS "organizationName", o.ancestor_ids AS "organizationAncestorIds",
            ${inSubtreeSql('o.id', '$2::bigint[]')} AS "viewerInSubtree",
            ${viewerSuspendedSql('$3')} AS "viewerSuspended",
            EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $3 AND f.topic_id = t.id) AS "viewerFollows"
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN forum_posts ap ON ap.id = t.answer_post_id
     WHERE t.id = $1 ${options.forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [topicId, viewerScope(actor).grantOrgIds, actor?.userId ?? null],
  );
}

/**
 * Starts a topic row. The category row is locked first, before the title's trigger adds new words to the
 * search dictionary: a reply locks topic → category → words, so taking the category after the words
 * deadlocked against it (issue 8). Every path that writes a post now locks the category before the words.
 */
export async function insertTopic(
  db: Queryable,
  topic: { categoryId: number; title: string; authorId: number | null; isAnonymous: boolean },
): Promise<number> {
  await db.query(`UPDATE forum_categories SET topic_count = topic_count + 1, last_posted_at = now() WHERE id = $1`, [topic.categoryId]);
  const row = oneOrThrow(
    await many(
      db,
      IdRow,
      `INSERT INTO forum_topics (category_id, title, author_id, is_anonymous, post_count, last_post_number)
     VALUES ($1, $2, $3, $4, 1, 1) RETURNING id`,
      [topic.categoryId, topic.title, topic.authorId, topic.isAnonymous],
    ),
  );
  return row.id;
}

const NextPostNumberRow = z.object({ lastPostNumber: z.number(), categoryId: z.number() });

/**
 * Takes the next post number of a topic (the row stays locked until the transaction ends), and locks the
 * category: topic → category, both before the post's words reach the search dictionary (see insertTopic).
 */
export async function takeNextPostNumber(db: Queryable, topicId: number): Promise<number> {
  const row = oneOrThrow(
    await many(
      db,
      NextPostNumberRow,
      `UPDATE forum_topics SET post_count = post_count + 1, last_post_number = last_post_number + 1, last_posted_at = now(), updated_at = now()
     WHERE id = $1 RETURNING last_post_number AS "lastPostNumber", category_id AS "categoryId"`,
      [topicId],
    ),
  );
  await db.query(`UPDATE forum_categories SET last_posted_at = now() WHERE id = $1`, [row.categoryId]);
  return row.lastPostNumber;
}

export function updateTopicTitle(db: Queryable, topicId: number, title: string): Promise<unknown> {
  return db.query(`UPDATE forum_topics SET title = $2, updated_at = now() WHERE id = $1`, [topicId, title]);
}

/** Deletes a whole topic (its author deleting it before anyone replied). */
export async function deleteTopic(db: Queryable, topicId: number, categoryId: number): Promise<void> {
  await db.query(`DELETE FROM forum_topics WHERE id = $1`, [topicId]);
  await db.query(`UPDATE forum_categories SET topic_count = GREATEST(0, topic_count - 1) WHERE id = $1`, [categoryId]);
}

/** The topic flags a moderator can switch. */
export type TopicFlag = 'is_locked' | 'is_pinned' | 'is_hidden';

export function setTopicFlag(db: Queryable, topicId: number, flag: TopicFlag, value: boolean): Promise<unknown> {
  const column = ({ is_locked: 'is_locked', is_pinned: 'is_pinned', is_hidden: 'is_hidden' } as const)[flag];
  return db.query(`UPDATE forum_topics SET ${column} = $2, updated_at = now() WHERE id = $1`, [topicId, value]);
}

/** Closes a topic, or reopens it (as answered when an official answer stands). */
export function setTopicClosed(db: Queryable, topicId: number, closed: boolean): Promise<unknown> {
  return db.query(
    `UPDATE forum_topics SET status = CASE WHEN $2 THEN 'closed' WHEN answer_post_id IS NOT NULL THEN 'answered' ELSE 'open' END, updated_at = now() WHERE id = $1`,
    [topicId, closed],
  );
}

export async function moveTopic(db: Queryable, topicId: number, fromCategoryId: number, toCategoryId: number): Promise<void> {
  await db.query(`UPDATE forum_topics SET category_id = $2, updated_at = now() WHERE id = $1`, [topicId, toCategoryId]);
  await db.query(`UPDATE forum_categories SET topic_count = GREATEST(0, topic_count - 1) WHERE id = $1`, [fromCategoryId]);
  await db.query(
    `UPDATE forum_categories SET topic_count = topic_count + 1, last_posted_at = GREATEST(last_posted_at, now()) WHERE id = $1`,
    [toCategoryId],
  );
}

/** Marks (or with postId null, clears) the topic's official answer; a closed topic stays closed. */
export async function setOfficialAnswer(db: Queryable, topicId: number, postId: number | null): Promise<void> {
  await db.query(
    `UPDATE forum_posts SET is_official_answer = COALESCE(id = $2::bigint, false) WHERE topic_id = $1 AND (is_official_answer OR id = $2::bigint)`,
    [topicId, postId],
  );
  await db.query(
    `UPDATE forum_topics SET answer_post_id = $2::bigint,
       status = CASE WHEN status = 'closed' THEN 'closed' WHEN $2::bigint IS NULL THEN 'open' ELSE 'answered' END, updated_at = now()
     WHERE id = $1`,
    [topicId, postId],
  );
}
