import { z } from 'zod';
import { many, type Queryable } from '../../db/database.ts';
import { IdRow, oneOrThrow } from '../../core/rows.ts';
import type { Visibility } from './policy.ts';
import type { LiveEvents } from '../../core/live.ts';
import { FORUM_CHANGED } from './domain/forum-changes.ts';
import { anonymousTag, sealAuthor } from './domain/anonymity.ts';

/** Creates a forum category for tests. */
export async function createCategory(
  db: Queryable,
  organizationId: number,
  overrides: Partial<{ slug: string; visibility: Visibility; name: Record<string, string> }> = {},
): Promise<{ id: number; slug: string }> {
  const rows = await many(
    db,
    z.object({ id: z.number(), slug: z.string() }),
    `INSERT INTO forum_categories (organization_id, slug, name, visibility) VALUES ($1, $2, $3, $4) RETURNING id, slug`,
    [
      organizationId,
      overrides.slug ?? `cat-${Math.random().toString(36).slice(2, 8)}`,
      JSON.stringify(overrides.name ?? { en: 'Wages', fa: 'دستمزد', vi: 'Tiền lương' }),
      overrides.visibility ?? 'public',
    ],
  );
  return oneOrThrow(rows);
}

/** Makes an account old enough to be trusted (new accounts have tighter limits). */
export async function ageAccount(db: Queryable, userId: number, days = 30): Promise<void> {
  await db.query(`UPDATE users SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [userId, days]);
}

// Forum rows for search, live and API tests, written straight to the tables (the forum's own
// commands have their own tests). An anonymous post is sealed as the forum seals it (anonymity.ts).

/** Who writes a post: a member by id, or a member writing anonymously (sealed with the key). */
export type Writer = { userId: number } | { anonymousUserId: number; key: string };

let counter = 0;

/** A category in an organization, with a visibility. */
export async function insertCategory(
  db: Queryable,
  organizationId: number,
  visibility: 'public' | 'members' | 'officials',
  name = 'Category',
): Promise<number> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO forum_categories (organization_id, slug, name, visibility) VALUES ($1, $2, $3, $4) RETURNING id`,
    [organizationId, `c-${Date.now().toString(36)}-${counter++}`, JSON.stringify({ en: name, fa: name, vi: name }), visibility],
  );
  return oneOrThrow(rows).id;
}

/** A topic with its first post; the author is a member, or anonymous (author null, pseudonym 1). */
export async function insertTopic(
  db: Queryable,
  categoryId: number,
  input: { title: string; body: string; by: Writer; createdAt?: string },
): Promise<number> {
  const anonymous = 'anonymousUserId' in input.by;
  const topic = await many(
    db,
    IdRow,
    `INSERT INTO forum_topics (category_id, title, author_id, is_anonymous, post_count, last_post_number, created_at, last_posted_at)
     VALUES ($1, $2, $3, $4, 1, 1, COALESCE($5::timestamptz, now()), COALESCE($5::timestamptz, now())) RETURNING id`,
    [categoryId, input.title, 'userId' in input.by ? input.by.userId : null, anonymous, input.createdAt ?? null],
  );
  const topicId = oneOrThrow(topic).id;
  await insertPostRow(db, topicId, 1, input.body, input.by, input.createdAt);
  return topicId;
}

/** A reply (the next post number); an anonymous reply when authorId is null. */
export async function insertReply(db: Queryable, topicId: number, body: string, by: Writer): Promise<number> {
  const next = await many(
    db,
    z.object({ n: z.number() }),
    `UPDATE forum_topics SET post_count = post_count + 1, last_post_number = last_post_number + 1, last_posted_at = now()
     WHERE id = $1 RETURNING last_post_number AS n`,
    [topicId],
  );
  const { n } = oneOrThrow(next);
  await insertPostRow(db, topicId, n, body, by);
  return n;
}

async function insertPostRow(
  db: Queryable,
  topicId: number,
  postNumber: number,
  body: string,
  by: Writer,
  createdAt?: string,
): Promise<void> {
  const anonymous = 'anonymousUserId' in by;
  const authorId = 'userId' in by ? by.userId : null;
  const seal = 'anonymousUserId' in by ? sealAuthor(by.key, by.anonymousUserId) : null;
  const tag = 'anonymousUserId' in by ? anonymousTag(by.key, topicId, by.anonymousUserId) : null;
  await db.query(
    `INSERT INTO forum_posts (topic_id, post_number, author_id, anonymous_seal, anonymous_tag, pseudonym_number, body_source, body_html, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()))`,
    [
      topicId,
      postNumber,
      authorId,
      seal,
      tag,
      anonymous ? 1 : null,
      body,
      `<p>${body.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
      createdAt ?? null,
    ],
  );
}

/**
 * Many topics at once, in order, each counted as one post but with no post row (a list and its cursors read only the
 * topics): for paging through long lists. Returns their ids in the same order.
 */
export async function insertListedTopics(
  db: Queryable,
  categoryId: number,
  topics: ReadonlyArray<{ title: string; lastPostedAt: string; isPinned?: boolean }>,
): Promise<number[]> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO forum_topics (category_id, title, post_count, last_post_number, last_posted_at, is_pinned)
     SELECT $1, title, 1, 1, last_posted_at, is_pinned
     FROM unnest($2::text[], $3::timestamptz[], $4::boolean[]) WITH ORDINALITY AS x(title, last_posted_at, is_pinned, n)
     ORDER BY n RETURNING id`,
    [categoryId, topics.map((t) => t.title), topics.map((t) => t.lastPostedAt), topics.map((t) => t.isPinned ?? false)],
  );
  return rows.map((r) => r.id);
}

/** A topic of `posts` posts ("Post 1", "Post 2"…) whose author account is gone: a long thread to page through. */
export async function insertThread(
  db: Queryable,
  categoryId: number,
  title: string,
  posts: number,
): Promise<{ topicId: number; postIds: number[] }> {
  const topic = await many(
    db,
    IdRow,
    `INSERT INTO forum_topics (category_id, title, post_count, last_post_number) VALUES ($1, $2, $3, $3) RETURNING id`,
    [categoryId, title, posts],
  );
  const topicId = oneOrThrow(topic).id;
  const inserted = await many(
    db,
    IdRow,
    `INSERT INTO forum_posts (topic_id, post_number, body_source, body_html)
     SELECT $1, g, 'Post ' || g, '<p>Post body ' || g || '</p>' FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
    [topicId, posts],
  );
  return { topicId, postIds: inserted.map((r) => r.id) };
}

/** Publishes a forum change as another app process would, and waits until this process has heard it. */
export async function forumChangeFromElsewhere(live: LiveEvents, payload: { added: boolean }): Promise<void> {
  const heard = new Promise<void>((resolve) => {
    const stop = live.subscribe(FORUM_CHANGED, () => {
      stop();
      resolve();
    });
  });
  await live.publish(FORUM_CHANGED, payload);
  await heard;
}
