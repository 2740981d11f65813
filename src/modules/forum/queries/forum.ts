import type { Actor } from '../../../core/authorization.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import { many, one, type Queryable } from '../../../db/database.ts';
import type { Visibility } from '../policy.ts';
import type { PostRow, TopicListRow } from '../presenters.ts';
import { viewerScope, visibleCategoryCondition, inSubtreeSql } from './visibility.ts';

/** Topics per list page and posts per topic page. */
export const TOPICS_PER_PAGE = 30;
export const POSTS_PER_PAGE = 20;

// ---------------------------------------------------------------- organizations and categories

export interface OrganizationRow {
  id: number;
  slug: string;
  name: LocalizedText;
  ancestor_ids: number[];
  viewer_in_subtree: boolean;
}

/** An organization by slug, with whether the viewer belongs to it or a sub-organization. */
export function findOrganization(db: Queryable, slug: string, actor: Actor | null): Promise<OrganizationRow | undefined> {
  const scope = viewerScope(actor);
  return one<OrganizationRow>(
    db,
    `SELECT o.id, o.slug, o.name, o.ancestor_ids, ${inSubtreeSql('o.id', '$2::bigint[]')} AS viewer_in_subtree
     FROM organizations o WHERE o.slug = $1`,
    [slug, scope.grantOrgIds],
  );
}

export interface CategoryRow {
  id: number;
  organization_id: number;
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  visibility: Visibility;
  position: number;
  topic_count: number;
  last_posted_at: Date | null;
}

/** The categories of an organization the viewer may read, in their order. */
export function listCategories(db: Queryable, organizationId: number, actor: Actor | null): Promise<CategoryRow[]> {
  const visible = visibleCategoryCondition('c.id', 2, actor);
  return many<CategoryRow>(
    db,
    `SELECT c.id, c.organization_id, c.slug, c.name, c.description, c.visibility, c.position, c.topic_count, c.last_posted_at
     FROM forum_categories c WHERE c.organization_id = $1 AND ${visible.sql} ORDER BY c.position, c.id`,
    [organizationId, ...visible.params],
  );
}

/** A category with its organization and the viewer's standing there: everything a category page's policy needs. */
export interface CategoryContextRow extends CategoryRow {
  organization_slug: string;
  organization_name: LocalizedText;
  organization_ancestor_ids: number[];
  viewer_in_subtree: boolean;
  viewer_suspended: boolean;
  viewer_follows: boolean;
}

const CATEGORY_CONTEXT = `
  SELECT c.id, c.organization_id, c.slug, c.name, c.description, c.visibility, c.position, c.topic_count, c.last_posted_at,
         o.slug AS organization_slug, o.name AS organization_name, o.ancestor_ids AS organization_ancestor_ids,
         ${inSubtreeSql('o.id', '$2::bigint[]')} AS viewer_in_subtree,
         EXISTS (SELECT 1 FROM forum_suspensions s WHERE s.user_id = $3 AND s.lifted_at IS NULL AND s.starts_at <= now() AND s.ends_at > now()
                 AND (s.organization_id = o.id OR s.organization_id = ANY(o.ancestor_ids))) AS viewer_suspended,
         EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $3 AND f.category_id = c.id) AS viewer_follows
  FROM forum_categories c JOIN organizations o ON o.id = c.organization_id`;

/** A category by its organization's slug and its own slug. */
export function findCategory(db: Queryable, organizationSlug: string, categorySlug: string, actor: Actor | null): Promise<CategoryContextRow | undefined> {
  return one<CategoryContextRow>(db, `${CATEGORY_CONTEXT} WHERE o.slug = $1 AND c.slug = $4`, [
    organizationSlug,
    viewerScope(actor).grantOrgIds,
    actor?.userId ?? null,
    categorySlug,
  ]);
}

/** A category by id (for moving a topic there). */
export function findCategoryById(db: Queryable, categoryId: number, actor: Actor | null): Promise<CategoryContextRow | undefined> {
  return one<CategoryContextRow>(db, `${CATEGORY_CONTEXT} WHERE c.id = $1::bigint AND $1::bigint IS NOT NULL`, [
    categoryId,
    viewerScope(actor).grantOrgIds,
    actor?.userId ?? null,
  ]);
}

export interface CategoryInput {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  visibility: Visibility;
  position: number;
}

export async function insertCategory(db: Queryable, organizationId: number, input: CategoryInput): Promise<number | null> {
  const row = await one<{ id: number }>(
    db,
    `INSERT INTO forum_categories (organization_id, slug, name, description, visibility, position)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, slug) DO NOTHING RETURNING id`,
    [organizationId, input.slug, JSON.stringify(input.name), JSON.stringify(input.description), input.visibility, input.position],
  );
  return row?.id ?? null;
}

export async function updateCategory(db: Queryable, categoryId: number, input: CategoryInput): Promise<boolean> {
  const result = await db.query(
    `UPDATE forum_categories SET slug = $2, name = $3, description = $4, visibility = $5, position = $6, updated_at = now()
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM forum_categories o WHERE o.organization_id = forum_categories.organization_id AND o.slug = $2 AND o.id <> $1)`,
    [categoryId, input.slug, JSON.stringify(input.name), JSON.stringify(input.description), input.visibility, input.position],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Every category in the organization and its sub-organizations (targets for moving a topic). */
export function listCategoriesInSubtree(db: Queryable, organizationId: number): Promise<Array<{ id: number; name: LocalizedText; organization_name: LocalizedText }>> {
  return many(
    db,
    `SELECT c.id, c.name, o.name AS organization_name FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
     WHERE o.id = $1 OR $1 = ANY(o.ancestor_ids) ORDER BY o.id, c.position, c.id`,
    [organizationId],
  );
}

// ---------------------------------------------------------------- topic lists (keyset pagination)

/** Where a list page starts: after this (pinned, last activity, id). */
export interface TopicCursor {
  pinned: boolean;
  at: string;
  id: number;
}

const TOPIC_LIST_COLUMNS = `t.id, t.category_id, t.title, t.status, t.is_locked, t.is_pinned, t.is_hidden, t.is_anonymous, t.author_id,
  u.name AS author_name, t.post_count, t.last_posted_at, t.created_at,
  to_char(t.last_posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
  to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_cursor_at`;

/** One page of a category's topics: pinned first, then by last activity; costs the same on page 500 as on page 1. */
export function listCategoryTopics(db: Queryable, categoryId: number, cursor: TopicCursor | null, includeHidden: boolean): Promise<TopicListRow[]> {
  return many<TopicListRow>(
    db,
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
  return many<TopicListRow>(
    db,
    `SELECT ${TOPIC_LIST_COLUMNS}, c.name AS category_name, c.slug AS category_slug, o.slug AS organization_slug
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = t.author_id
     WHERE NOT t.is_hidden AND ${visible.sql}
       AND ($1::timestamptz IS NULL OR (t.last_posted_at, t.id) < ($1::timestamptz, $2::bigint))
     ORDER BY t.last_posted_at DESC, t.id DESC LIMIT ${TOPICS_PER_PAGE + 1}`,
    [cursor?.at ?? null, cursor?.id ?? null, ...visible.params],
  );
}

/** Questions still waiting for an official answer in the organization and its sub-organizations, oldest first. */
export function listUnansweredTopics(db: Queryable, organizationId: number, after: { at: string; id: number } | null): Promise<TopicListRow[]> {
  return many<TopicListRow>(
    db,
    `SELECT ${TOPIC_LIST_COLUMNS}, c.name AS category_name, c.slug AS category_slug, o.slug AS organization_slug
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = t.author_id
     WHERE (o.id = $1 OR $1 = ANY(o.ancestor_ids)) AND t.status = 'open' AND NOT t.is_hidden
       AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2::timestamptz, $3::bigint))
     ORDER BY t.created_at, t.id LIMIT ${TOPICS_PER_PAGE + 1}`,
    [organizationId, after?.at ?? null, after?.id ?? null],
  );
}

// ---------------------------------------------------------------- one topic

/** A topic with its category, organization and the viewer's standing: one query for a topic page's frame. */
export interface TopicContextRow {
  id: number;
  title: string;
  status: 'open' | 'answered' | 'closed';
  is_locked: boolean;
  is_pinned: boolean;
  is_hidden: boolean;
  is_anonymous: boolean;
  post_count: number;
  last_post_number: number;
  last_posted_at: Date;
  created_at: Date;
  answer_post_number: number | null;
  category_id: number;
  category_slug: string;
  category_name: LocalizedText;
  visibility: Visibility;
  organization_id: number;
  organization_slug: string;
  organization_name: LocalizedText;
  organization_ancestor_ids: number[];
  viewer_in_subtree: boolean;
  viewer_suspended: boolean;
  viewer_follows: boolean;
}

export function findTopic(db: Queryable, topicId: number, actor: Actor | null, options: { forUpdate?: boolean } = {}): Promise<TopicContextRow | undefined> {
  return one<TopicContextRow>(
    db,
    `SELECT t.id, t.title, t.status, t.is_locked, t.is_pinned, t.is_hidden, t.is_anonymous, t.post_count, t.last_post_number,
            t.last_posted_at, t.created_at, ap.post_number AS answer_post_number,
            c.id AS category_id, c.slug AS category_slug, c.name AS category_name, c.visibility,
            o.id AS organization_id, o.slug AS organization_slug, o.name AS organization_name, o.ancestor_ids AS organization_ancestor_ids,
            ${inSubtreeSql('o.id', '$2::bigint[]')} AS viewer_in_subtree,
            EXISTS (SELECT 1 FROM forum_suspensions s WHERE s.user_id = $3 AND s.lifted_at IS NULL AND s.starts_at <= now() AND s.ends_at > now()
                    AND (s.organization_id = o.id OR s.organization_id = ANY(o.ancestor_ids))) AS viewer_suspended,
            EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $3 AND f.topic_id = t.id) AS viewer_follows
     FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN forum_posts ap ON ap.id = t.answer_post_id
     WHERE t.id = $1 ${options.forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [topicId, viewerScope(actor).grantOrgIds, actor?.userId ?? null],
  );
}

const POST_COLUMNS = `p.id, p.topic_id, p.post_number, p.author_id, u.name AS author_name, p.pseudonym_number, p.body_html,
  q.post_number AS quoted_post_number, p.is_official_answer, p.is_hidden, p.reaction_counts, p.edited_at, p.deleted_at, p.created_at,
  p.revision_count,
  COALESCE((p.author_id IS NOT NULL AND p.author_id = $2::bigint) OR (p.anonymous_tag IS NOT NULL AND p.anonymous_tag = $3::bytea), false) AS is_mine,
  CASE WHEN $2::bigint IS NULL THEN NULL ELSE
    (SELECT array_agg(r.reaction ORDER BY r.reaction) FROM forum_reactions r WHERE r.post_id = p.id AND r.user_id = $2::bigint) END AS my_reactions,
  (SELECT array_agg(a.id ORDER BY a.id) FROM forum_attachments a WHERE a.post_id = p.id) AS attachment_ids`;

/** Posts numbered from..to of a topic (one page), in order; one query, whatever the page. */
export function listPosts(db: Queryable, topicId: number, from: number, to: number, viewerId: number | null, viewerTag: Buffer | null): Promise<PostRow[]> {
  return many<PostRow>(
    db,
    `SELECT ${POST_COLUMNS} FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_posts q ON q.id = p.quoted_post_id
     WHERE p.topic_id = $1 AND p.post_number BETWEEN $4 AND $5 ORDER BY p.post_number`,
    [topicId, viewerId, viewerTag, from, to],
  );
}

/** One post of a topic by its number, with its source text (for editing and quoting). */
export function findPost(
  db: Queryable,
  topicId: number,
  postNumber: number,
  viewerId: number | null,
  viewerTag: Buffer | null,
  options: { forUpdate?: boolean } = {},
): Promise<(PostRow & { body_source: string; is_anonymous: boolean }) | undefined> {
  return one(
    db,
    `SELECT ${POST_COLUMNS}, p.body_source, p.anonymous_seal IS NOT NULL OR (p.author_id IS NULL AND p.pseudonym_number IS NOT NULL) AS is_anonymous
     FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_posts q ON q.id = p.quoted_post_id
     WHERE p.topic_id = $1 AND p.post_number = $4 ${options.forUpdate ? 'FOR UPDATE OF p' : ''}`,
    [topicId, viewerId, viewerTag, postNumber],
  );
}

/** Where a post lives, by its id (for #p123 permalinks). */
export function findPostLocation(db: Queryable, postId: number): Promise<{ topic_id: number; post_number: number } | undefined> {
  return one(db, `SELECT topic_id, post_number FROM forum_posts WHERE id = $1`, [postId]);
}

/** The sealed author of one post: only the reveal command and the author-notifying commands read it. */
export function findPostSeal(db: Queryable, postId: number): Promise<{ anonymous_seal: Buffer | null } | undefined> {
  return one(db, `SELECT anonymous_seal FROM forum_posts WHERE id = $1`, [postId]);
}

export function listRevisions(db: Queryable, postId: number): Promise<Array<{ id: number; body_source: string; title: string | null; created_at: Date }>> {
  return many(db, `SELECT id, body_source, title, created_at FROM forum_post_revisions WHERE post_id = $1 ORDER BY id DESC`, [postId]);
}

// ---------------------------------------------------------------- writing

export interface NewPost {
  topicId: number;
  postNumber: number;
  authorId: number | null;
  seal: Buffer | null;
  tag: Buffer | null;
  pseudonymNumber: number | null;
  bodySource: string;
  bodyHtml: string;
  linkCount: number;
  quotedPostId: number | null;
}

export async function insertPost(db: Queryable, post: NewPost): Promise<{ id: number; created_at: Date }> {
  const row = await one<{ id: number; created_at: Date }>(
    db,
    `INSERT INTO forum_posts (topic_id, post_number, author_id, anonymous_seal, anonymous_tag, pseudonym_number, body_source, body_html, link_count, quoted_post_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, created_at`,
    [post.topicId, post.postNumber, post.authorId, post.seal, post.tag, post.pseudonymNumber, post.bodySource, post.bodyHtml, post.linkCount, post.quotedPostId],
  );
  return row!;
}

/**
 * Starts a topic row. The category row is locked first, before the title's trigger adds new words to the
 * search dictionary: a reply locks topic → category → words, so taking the category after the words
 * deadlocked against it (issue 8). Every path that writes a post now locks the category before the words.
 */
export async function insertTopic(db: Queryable, topic: { categoryId: number; title: string; authorId: number | null; isAnonymous: boolean }): Promise<number> {
  await db.query(`UPDATE forum_categories SET topic_count = topic_count + 1, last_posted_at = now() WHERE id = $1`, [topic.categoryId]);
  const row = await one<{ id: number }>(
    db,
    `INSERT INTO forum_topics (category_id, title, author_id, is_anonymous, post_count, last_post_number)
     VALUES ($1, $2, $3, $4, 1, 1) RETURNING id`,
    [topic.categoryId, topic.title, topic.authorId, topic.isAnonymous],
  );
  return row!.id;
}

/**
 * Takes the next post number of a topic (the row stays locked until the transaction ends), and locks the
 * category: topic → category, both before the post's words reach the search dictionary (see insertTopic).
 */
export async function takeNextPostNumber(db: Queryable, topicId: number): Promise<number> {
  const row = await one<{ last_post_number: number; category_id: number }>(
    db,
    `UPDATE forum_topics SET post_count = post_count + 1, last_post_number = last_post_number + 1, last_posted_at = now(), updated_at = now()
     WHERE id = $1 RETURNING last_post_number, category_id`,
    [topicId],
  );
  await db.query(`UPDATE forum_categories SET last_posted_at = now() WHERE id = $1`, [row!.category_id]);
  return row!.last_post_number;
}

/** The anonymous author's pseudonym number in a topic, given the next free one the first time. */
export async function pseudonymFor(db: Queryable, topicId: number, tag: Buffer): Promise<number> {
  const inserted = await one<{ number: number }>(
    db,
    `INSERT INTO forum_topic_pseudonyms (topic_id, anonymous_tag, number)
     VALUES ($1, $2, (SELECT COALESCE(MAX(number), 0) + 1 FROM forum_topic_pseudonyms WHERE topic_id = $1))
     ON CONFLICT (topic_id, anonymous_tag) DO NOTHING RETURNING number`,
    [topicId, tag],
  );
  if (inserted) return inserted.number;
  const existing = await one<{ number: number }>(db, `SELECT number FROM forum_topic_pseudonyms WHERE topic_id = $1 AND anonymous_tag = $2`, [topicId, tag]);
  return existing!.number;
}

export function insertAttachments(db: Queryable, postId: number, images: Array<{ contentType: string; data: Buffer; width: number; height: number }>): Promise<unknown> {
  if (images.length === 0) return Promise.resolve();
  return db.query(
    `INSERT INTO forum_attachments (post_id, content_type, width, height, byte_size, data)
     SELECT $1, x.content_type, x.width, x.height, octet_length(x.data), x.data
     FROM unnest($2::text[], $3::int[], $4::int[], $5::bytea[]) AS x(content_type, width, height, data)`,
    [postId, images.map((i) => i.contentType), images.map((i) => i.width), images.map((i) => i.height), images.map((i) => i.data)],
  );
}

/** An attachment with what its visibility check needs. */
export interface AttachmentRow {
  id: number;
  content_type: string;
  data: Buffer;
  post_hidden: boolean;
  post_deleted: boolean;
  topic_hidden: boolean;
  is_mine: boolean;
  visibility: Visibility;
  organization_id: number;
  organization_ancestor_ids: number[];
  viewer_in_subtree: boolean;
}

export function findAttachment(db: Queryable, id: number, actor: Actor | null): Promise<AttachmentRow | undefined> {
  return one<AttachmentRow>(
    db,
    `SELECT a.id, a.content_type, a.data, p.is_hidden AS post_hidden, p.deleted_at IS NOT NULL AS post_deleted, t.is_hidden AS topic_hidden,
            COALESCE(p.author_id = $3::bigint, false) AS is_mine,
            c.visibility, o.id AS organization_id, o.ancestor_ids AS organization_ancestor_ids, ${inSubtreeSql('o.id', '$2::bigint[]')} AS viewer_in_subtree
     FROM forum_attachments a JOIN forum_posts p ON p.id = a.post_id JOIN forum_topics t ON t.id = p.topic_id
     JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     WHERE a.id = $1`,
    [id, viewerScope(actor).grantOrgIds, actor?.userId ?? null],
  );
}

// ---------------------------------------------------------------- people: trust, mentions, followers

/** How long the account exists and how many of its posts stand (named posts only: anonymous ones cannot be counted). */
export function findPosterStanding(db: Queryable, userId: number): Promise<{ account_age_hours: number; approved_posts: number }> {
  return one<{ account_age_hours: number; approved_posts: number }>(
    db,
    `SELECT EXTRACT(EPOCH FROM now() - u.created_at)::float8 / 3600 AS account_age_hours,
            (SELECT count(*)::int FROM (SELECT 1 FROM forum_posts p WHERE p.author_id = u.id AND NOT p.is_hidden AND p.deleted_at IS NULL LIMIT 10) x) AS approved_posts
     FROM users u WHERE u.id = $1`,
    [userId],
  ).then((row) => row ?? { account_age_hours: 0, approved_posts: 0 });
}

// "This user may read a category of visibility $v in organization $o (ancestors $a)", mirroring policy.canReadCategory.
const READER_CONDITION = (v: string, o: string, a: string) => `(
  ${v} = 'public' OR u.is_platform_admin OR EXISTS (
    SELECT 1 FROM memberships m JOIN organizations mo ON mo.id = m.organization_id WHERE m.user_id = u.id AND (
      (${v} = 'members' AND (mo.id = ${o} OR ${o} = ANY(mo.ancestor_ids) OR (m.role <> 'member' AND mo.id = ANY(${a}))))
      OR (${v} = 'officials' AND m.role <> 'member' AND (mo.id = ${o} OR mo.id = ANY(${a}))))))`;

/** People named by @handles who may read the category. */
export function findMentionedReaders(
  db: Queryable,
  handles: string[],
  category: { visibility: Visibility; organizationId: number; ancestorIds: number[] },
): Promise<Array<{ id: number; handle: string }>> {
  if (handles.length === 0) return Promise.resolve([]);
  return many(
    db,
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
    `SELECT DISTINCT u.id FROM forum_follows f JOIN users u ON u.id = f.user_id
     WHERE (f.topic_id = $1 OR f.category_id = $5) AND ${READER_CONDITION('$2::text', '$3::bigint', '$4::bigint[]')}`,
    [topicId, category.visibility, category.organizationId, category.ancestorIds, category.id],
  );
}

export async function setFollow(db: Queryable, userId: number, target: { topicId?: number; categoryId?: number }, follow: boolean): Promise<void> {
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

/** Adds or removes one reaction and keeps the post's counts in step. */
export async function toggleReaction(db: Queryable, postId: number, userId: number, reaction: string): Promise<void> {
  const removed = await db.query(`DELETE FROM forum_reactions WHERE post_id = $1 AND user_id = $2 AND reaction = $3`, [postId, userId, reaction]);
  if ((removed.rowCount ?? 0) === 0) {
    await db.query(`INSERT INTO forum_reactions (post_id, user_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [postId, userId, reaction]);
  }
  await db.query(
    `UPDATE forum_posts SET reaction_counts = COALESCE((SELECT jsonb_object_agg(reaction, n) FROM
       (SELECT reaction, count(*)::int AS n FROM forum_reactions WHERE post_id = $1 GROUP BY reaction) x), '{}'::jsonb)
     WHERE id = $1`,
    [postId],
  );
}

// ---------------------------------------------------------------- moderation

export interface FlagQueueRow {
  id: number;
  reason: string;
  note: string;
  created_at: Date;
  flag_count: number;
  post_id: number;
  post_number: number;
  topic_id: number;
  topic_title: string;
  post_hidden: boolean;
  body_html: string;
  author_id: number | null;
  author_name: string | null;
  pseudonym_number: number | null;
}

/** Open flags on posts in the organization's forums (and its sub-organizations'), oldest first, one row per post. */
export function listOpenFlags(db: Queryable, organizationId: number): Promise<FlagQueueRow[]> {
  return many<FlagQueueRow>(
    db,
    `SELECT DISTINCT ON (p.id) f.id, f.reason, f.note, f.created_at,
            count(*) OVER (PARTITION BY p.id)::int AS flag_count,
            p.id AS post_id, p.post_number, t.id AS topic_id, t.title AS topic_title, p.is_hidden AS post_hidden, p.body_html,
            p.author_id, u.name AS author_name, p.pseudonym_number
     FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_topics t ON t.id = p.topic_id
     JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     LEFT JOIN users u ON u.id = p.author_id
     WHERE f.resolved_at IS NULL AND (o.id = $1 OR $1 = ANY(o.ancestor_ids))
     ORDER BY p.id, f.created_at LIMIT 200`,
    [organizationId],
  );
}

export function insertFlag(db: Queryable, postId: number, flaggerId: number, reason: string, note: string): Promise<unknown> {
  return db.query(`INSERT INTO forum_flags (post_id, flagger_id, reason, note) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [postId, flaggerId, reason, note]);
}

export function resolveFlags(db: Queryable, postId: number, resolverId: number, resolution: 'hidden' | 'dismissed'): Promise<unknown> {
  return db.query(`UPDATE forum_flags SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE post_id = $1 AND resolved_at IS NULL`, [
    postId,
    resolverId,
    resolution,
  ]);
}

export interface SuspensionRow {
  id: number;
  user_id: number;
  user_name: string;
  reason: string;
  ends_at: Date;
}

export function listActiveSuspensions(db: Queryable, organizationId: number): Promise<SuspensionRow[]> {
  return many<SuspensionRow>(
    db,
    `SELECT s.id, s.user_id, u.name AS user_name, s.reason, s.ends_at FROM forum_suspensions s JOIN users u ON u.id = s.user_id
     WHERE s.organization_id = $1 AND s.lifted_at IS NULL AND s.ends_at > now() ORDER BY s.ends_at`,
    [organizationId],
  );
}

/** A standing post's id by its number. */
export function findPostId(db: Queryable, topicId: number, postNumber: number): Promise<{ id: number } | undefined> {
  return one(db, `SELECT id FROM forum_posts WHERE topic_id = $1 AND post_number = $2 AND deleted_at IS NULL`, [topicId, postNumber]);
}

/** Keeps the text before an edit; editorId is null for anonymous posts. */
export function insertRevision(db: Queryable, postId: number, previous: { bodySource: string; title: string | null; editorId: number | null }): Promise<unknown> {
  return db.query(`INSERT INTO forum_post_revisions (post_id, body_source, title, editor_id) VALUES ($1, $2, $3, $4)`, [
    postId,
    previous.bodySource,
    previous.title,
    previous.editorId,
  ]);
}

export function updatePostBody(db: Queryable, postId: number, body: { source: string; html: string; linkCount: number }): Promise<unknown> {
  return db.query(
    `UPDATE forum_posts SET body_source = $2, body_html = $3, link_count = $4, edited_at = now(), revision_count = revision_count + 1 WHERE id = $1`,
    [postId, body.source, body.html, body.linkCount],
  );
}

export function updateTopicTitle(db: Queryable, topicId: number, title: string): Promise<unknown> {
  return db.query(`UPDATE forum_topics SET title = $2, updated_at = now() WHERE id = $1`, [topicId, title]);
}

/** Erases a post the author deleted: its text, history, images, reactions and seal; the number stays as a tombstone. */
export async function erasePost(db: Queryable, postId: number, topicId: number): Promise<void> {
  await db.query(`DELETE FROM forum_post_revisions WHERE post_id = $1`, [postId]);
  await db.query(`DELETE FROM forum_attachments WHERE post_id = $1`, [postId]);
  await db.query(`DELETE FROM forum_reactions WHERE post_id = $1`, [postId]);
  await db.query(
    `UPDATE forum_posts SET body_source = '', body_html = '', link_count = 0, reaction_counts = '{}', anonymous_seal = NULL, anonymous_tag = NULL,
       is_official_answer = false, deleted_at = now() WHERE id = $1`,
    [postId],
  );
  await db.query(`UPDATE forum_topics SET answer_post_id = NULL, status = CASE WHEN status = 'answered' THEN 'open' ELSE status END WHERE id = $1 AND answer_post_id = $2`, [
    topicId,
    postId,
  ]);
}

/** Deletes a whole topic (its author deleting it before anyone replied). */
export async function deleteTopic(db: Queryable, topicId: number, categoryId: number): Promise<void> {
  await db.query(`DELETE FROM forum_topics WHERE id = $1`, [topicId]);
  await db.query(`UPDATE forum_categories SET topic_count = GREATEST(0, topic_count - 1) WHERE id = $1`, [categoryId]);
}

export function setPostHidden(db: Queryable, postId: number, hidden: boolean): Promise<unknown> {
  return db.query(`UPDATE forum_posts SET is_hidden = $2 WHERE id = $1`, [postId, hidden]);
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
  await db.query(`UPDATE forum_categories SET topic_count = topic_count + 1, last_posted_at = GREATEST(last_posted_at, now()) WHERE id = $1`, [toCategoryId]);
}

/** Marks (or with postId null, clears) the topic's official answer; a closed topic stays closed. */
export async function setOfficialAnswer(db: Queryable, topicId: number, postId: number | null): Promise<void> {
  await db.query(`UPDATE forum_posts SET is_official_answer = COALESCE(id = $2::bigint, false) WHERE topic_id = $1 AND (is_official_answer OR id = $2::bigint)`, [topicId, postId]);
  await db.query(
    `UPDATE forum_topics SET answer_post_id = $2::bigint,
       status = CASE WHEN status = 'closed' THEN 'closed' WHEN $2::bigint IS NULL THEN 'open' ELSE 'answered' END, updated_at = now()
     WHERE id = $1`,
    [topicId, postId],
  );
}

export async function insertSuspension(
  db: Queryable,
  suspension: { organizationId: number; userId: number; reason: string; days: number; createdBy: number },
): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    `INSERT INTO forum_suspensions (organization_id, user_id, reason, ends_at, created_by)
     VALUES ($1, $2, $3, now() + make_interval(days => $4), $5) RETURNING id`,
    [suspension.organizationId, suspension.userId, suspension.reason, suspension.days, suspension.createdBy],
  );
  return row!.id;
}

export async function liftSuspension(db: Queryable, id: number, organizationId: number, liftedBy: number): Promise<{ user_id: number } | undefined> {
  return one(
    db,
    `UPDATE forum_suspensions SET lifted_at = now(), lifted_by = $3 WHERE id = $1 AND organization_id = $2 AND lifted_at IS NULL RETURNING user_id`,
    [id, organizationId, liftedBy],
  );
}

/** A person's name (for the reveal page and the suspension form). */
export async function findUserName(db: Queryable, userId: number): Promise<string> {
  const row = await one<{ name: string }>(db, `SELECT name FROM users WHERE id = $1`, [userId]);
  return row?.name ?? '';
}
