import type { Actor } from '../../../core/authorization.ts';
import { z } from 'zod';
import { many, one, type Queryable } from '../../../db/database.ts';
import { VISIBILITIES } from '../policy.ts';
import { viewerScope, inSubtreeSql } from './visibility.ts';
import { IdRow, IdsColumn, oneOrThrow } from '../../../core/rows.ts';

// Posts: reading a topic page, writing posts, images, reactions, edits and erasure.

const POST_COLUMNS = `p.id, p.topic_id AS "topicId", p.post_number AS "postNumber", p.author_id AS "authorId", u.name AS "authorName", p.pseudonym_number AS "pseudonymNumber", p.body_html AS "bodyHtml",
  q.post_number AS "quotedPostNumber", p.is_official_answer AS "isOfficialAnswer", p.is_hidden AS "isHidden", p.reaction_counts AS "reactionCounts", p.edited_at AS "editedAt", p.deleted_at AS "deletedAt", p.created_at AS "createdAt",
  p.revision_count AS "revisionCount",
  COALESCE((p.author_id IS NOT NULL AND p.author_id = $2::bigint) OR (p.anonymous_tag IS NOT NULL AND p.anonymous_tag = $3::bytea), false) AS "isMine",
  CASE WHEN $2::bigint IS NULL THEN NULL ELSE
    (SELECT array_agg(r.reaction ORDER BY r.reaction) FROM forum_reactions r WHERE r.post_id = p.id AND r.user_id = $2::bigint) END AS "myReactions",
  (SELECT array_agg(a.id ORDER BY a.id) FROM forum_attachments a WHERE a.post_id = p.id) AS "attachmentIds"`;

/** A post as POST_COLUMNS selects it. It never carries the anonymous seal or tag: only whether the viewer wrote it. */
export const PostRow = z.object({
  id: z.number(),
  topicId: z.number(),
  postNumber: z.number(),
  authorId: z.number().nullable(),
  authorName: z.string().nullable(),
  pseudonymNumber: z.number().nullable(),
  bodyHtml: z.string(),
  quotedPostNumber: z.number().nullable(),
  isOfficialAnswer: z.boolean(),
  isHidden: z.boolean(),
  reactionCounts: z.record(z.string(), z.number()),
  editedAt: z.date().nullable(),
  deletedAt: z.date().nullable(),
  createdAt: z.date(),
  /** Computed in SQL from the viewer's id and their keyed tag for this topic. */
  isMine: z.boolean(),
  myReactions: z.array(z.string()).nullable(),
  attachmentIds: IdsColumn.nullable(),
  revisionCount: z.number(),
});
export type PostRow = z.infer<typeof PostRow>;

/** Posts numbered from..to of a topic (one page), in order; one query, whatever the page. */
export function listPosts(
  db: Queryable,
  topicId: number,
  from: number,
  to: number,
  viewerId: number | null,
  viewerTag: Buffer | null,
): Promise<PostRow[]> {
  return many(
    db,
    PostRow,
    `SELECT ${POST_COLUMNS} FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_posts q ON q.id = p.quoted_post_id
     WHERE p.topic_id = $1 AND p.post_number BETWEEN $4 AND $5 ORDER BY p.post_number`,
    [topicId, viewerId, viewerTag, from, to],
  );
}

const EditablePostRow = PostRow.extend({ bodySource: z.string(), isAnonymous: z.boolean() });
export type EditablePostRow = z.infer<typeof EditablePostRow>;

/** One post of a topic by its number, with its source text (for editing and quoting). */
export function findPost(
  db: Queryable,
  topicId: number,
  postNumber: number,
  viewerId: number | null,
  viewerTag: Buffer | null,
  options: { forUpdate?: boolean } = {},
): Promise<EditablePostRow | undefined> {
  return one(
    db,
    EditablePostRow,
    `SELECT ${POST_COLUMNS}, p.body_source AS "bodySource", p.anonymous_seal IS NOT NULL OR (p.author_id IS NULL AND p.pseudonym_number IS NOT NULL) AS "isAnonymous"
     FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_posts q ON q.id = p.quoted_post_id
     WHERE p.topic_id = $1 AND p.post_number = $4 ${options.forUpdate ? 'FOR UPDATE OF p' : ''}`,
    [topicId, viewerId, viewerTag, postNumber],
  );
}

/** Where a post lives, by its id (for #p123 permalinks). */
const PostLocationRow = z.object({ topicId: z.number(), postNumber: z.number() });

export function findPostLocation(db: Queryable, postId: number): Promise<z.infer<typeof PostLocationRow> | undefined> {
  return one(db, PostLocationRow, `SELECT topic_id AS "topicId", post_number AS "postNumber" FROM forum_posts WHERE id = $1`, [postId]);
}

/** The sealed author of one post: only the reveal command and the author-notifying commands read it. */
const PostSealRow = z.object({ anonymousSeal: z.instanceof(Buffer).nullable() });

export function findPostSeal(db: Queryable, postId: number): Promise<z.infer<typeof PostSealRow> | undefined> {
  return one(db, PostSealRow, `SELECT anonymous_seal AS "anonymousSeal" FROM forum_posts WHERE id = $1`, [postId]);
}

const RevisionRow = z.object({ id: z.number(), bodySource: z.string(), title: z.string().nullable(), createdAt: z.date() });

export function listRevisions(db: Queryable, postId: number): Promise<Array<z.infer<typeof RevisionRow>>> {
  return many(
    db,
    RevisionRow,
    `SELECT id, body_source AS "bodySource", title, created_at AS "createdAt" FROM forum_post_revisions WHERE post_id = $1 ORDER BY id DESC`,
    [postId],
  );
}

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

const InsertedPostRow = z.object({ id: z.number(), createdAt: z.date() });

export async function insertPost(db: Queryable, post: NewPost): Promise<z.infer<typeof InsertedPostRow>> {
  return oneOrThrow(
    await many(
      db,
      InsertedPostRow,
      `INSERT INTO forum_posts (topic_id, post_number, author_id, anonymous_seal, anonymous_tag, pseudonym_number, body_source, body_html, link_count, quoted_post_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, created_at AS "createdAt"`,
      [
        post.topicId,
        post.postNumber,
        post.authorId,
        post.seal,
        post.tag,
        post.pseudonymNumber,
        post.bodySource,
        post.bodyHtml,
        post.linkCount,
        post.quotedPostId,
      ],
    ),
  );
}

const PseudonymRow = z.object({ number: z.number() });

/** The anonymous author's pseudonym number in a topic, given the next free one the first time. */
export async function pseudonymFor(db: Queryable, topicId: number, tag: Buffer): Promise<number> {
  const inserted = await one(
    db,
    PseudonymRow,
    `INSERT INTO forum_topic_pseudonyms (topic_id, anonymous_tag, number)
     VALUES ($1, $2, (SELECT COALESCE(MAX(number), 0) + 1 FROM forum_topic_pseudonyms WHERE topic_id = $1))
     ON CONFLICT (topic_id, anonymous_tag) DO NOTHING RETURNING number`,
    [topicId, tag],
  );
  if (inserted) return inserted.number;
  const existing = oneOrThrow(
    await many(db, PseudonymRow, `SELECT number FROM forum_topic_pseudonyms WHERE topic_id = $1 AND anonymous_tag = $2`, [topicId, tag]),
    'pseudonym',
  );
  return existing.number;
}

export function insertAttachments(
  db: Queryable,
  postId: number,
  images: Array<{ contentType: string; data: Buffer; width: number; height: number }>,
): Promise<unknown> {
  if (images.length === 0) return Promise.resolve();
  return db.query(
    `INSERT INTO forum_attachments (post_id, content_type, width, height, byte_size, data)
     SELECT $1, x.content_type, x.width, x.height, octet_length(x.data), x.data
     FROM unnest($2::text[], $3::int[], $4::int[], $5::bytea[]) AS x(content_type, width, height, data)`,
    [postId, images.map((i) => i.contentType), images.map((i) => i.width), images.map((i) => i.height), images.map((i) => i.data)],
  );
}

/** An attachment with what its visibility check needs. */
const AttachmentRow = z.object({
  id: z.number(),
  contentType: z.string(),
  data: z.instanceof(Buffer),
  postHidden: z.boolean(),
  postDeleted: z.boolean(),
  topicHidden: z.boolean(),
  isMine: z.boolean(),
  visibility: z.enum(VISIBILITIES),
  organizationId: z.number(),
  organizationAncestorIds: IdsColumn,
  viewerInSubtree: z.boolean(),
});
export type AttachmentRow = z.infer<typeof AttachmentRow>;

export function findAttachment(db: Queryable, id: number, actor: Actor | null): Promise<AttachmentRow | undefined> {
  return one(
    db,
    AttachmentRow,
    `SELECT a.id, a.content_type AS "contentType", a.data, p.is_hidden AS "postHidden", p.deleted_at IS NOT NULL AS "postDeleted", t.is_hidden AS "topicHidden",
            COALESCE(p.author_id = $3::bigint, false) AS "isMine",
            c.visibility, o.id AS "organizationId", o.ancestor_ids AS "organizationAncestorIds", ${inSubtreeSql('o.id', '$2::bigint[]')} AS "viewerInSubtree"
     FROM forum_attachments a JOIN forum_posts p ON p.id = a.post_id JOIN forum_topics t ON t.id = p.topic_id
     JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
     WHERE a.id = $1`,
    [id, viewerScope(actor).grantOrgIds, actor?.userId ?? null],
  );
}

/** Adds or removes one reaction and keeps the post's counts in step. */
export async function toggleReaction(db: Queryable, postId: number, userId: number, reaction: string): Promise<void> {
  const removed = await db.query(`DELETE FROM forum_reactions WHERE post_id = $1 AND user_id = $2 AND reaction = $3`, [
    postId,
    userId,
    reaction,
  ]);
  if ((removed.rowCount ?? 0) === 0) {
    await db.query(`INSERT INTO forum_reactions (post_id, user_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      postId,
      userId,
      reaction,
    ]);
  }
  await db.query(
    `UPDATE forum_posts SET reaction_counts = COALESCE((SELECT jsonb_object_agg(reaction, n) FROM
       (SELECT reaction, count(*)::int AS n FROM forum_reactions WHERE post_id = $1 GROUP BY reaction) x), '{}'::jsonb)
     WHERE id = $1`,
    [postId],
  );
}

/** A standing post's id by its number. */
export function findPostId(db: Queryable, topicId: number, postNumber: number): Promise<{ id: number } | undefined> {
  return one(db, IdRow, `SELECT id FROM forum_posts WHERE topic_id = $1 AND post_number = $2 AND deleted_at IS NULL`, [
    topicId,
    postNumber,
  ]);
}

/** Keeps the text before an edit; editorId is null for anonymous posts. */
export function insertRevision(
  db: Queryable,
  postId: number,
  previous: { bodySource: string; title: string | null; editorId: number | null },
): Promise<unknown> {
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
  await db.query(
    `UPDATE forum_topics SET answer_post_id = NULL, status = CASE WHEN status = 'answered' THEN 'open' ELSE status END WHERE id = $1 AND answer_post_id = $2`,
    [topicId, postId],
  );
}

export function setPostHidden(db: Queryable, postId: number, hidden: boolean): Promise<unknown> {
  return db.query(`UPDATE forum_posts SET is_hidden = $2 WHERE id = $1`, [postId, hidden]);
}
