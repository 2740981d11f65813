import { z } from 'zod';
import { many, type Queryable } from '../../../db/database.ts';

// What the anonymous authors' notices are read from (domain/anonymous-notices.ts): the audit entries the
// answer and moderation commands already write, and the keyed tags the anonymous posts already carry.
// Nothing here is written: the notices are worked out when they are read.

/** The audit actions an anonymous author hears about: an official answer, and moderators' acts on their post or topic. */
export const NOTICE_ACTIONS = [
  'forum.answer.mark',
  'forum.post.hide',
  'forum.post.restore',
  'forum.topic.lock',
  'forum.topic.unlock',
  'forum.topic.close',
  'forum.topic.reopen',
  'forum.topic.hide',
  'forum.topic.restore',
  'forum.topic.move',
] as const;

/** One answer or moderation event in a topic with anonymous posts. */
const NoticeEventRow = z.object({
  id: z.number(),
  at: z.date(),
  action: z.enum(NOTICE_ACTIONS),
  topicId: z.number(),
  title: z.string(),
  /** The post acted on (post actions and the answer mark); null for topic actions. */
  postId: z.number().nullable(),
  postNumber: z.number().nullable(),
  /** The topic's official answer now (a mark taken back is no news). */
  answerPostId: z.number().nullable(),
});
export type NoticeEventRow = z.infer<typeof NoticeEventRow>;

/**
 * The answer and moderation events of the last `days` days in topics that hold an anonymous post, newest first
 * (at most `limit`). The same for every viewer: whose posts they concern is decided by the caller, with the key.
 */
export function listNoticeEvents(db: Queryable, days: number, limit: number): Promise<NoticeEventRow[]> {
  return many(
    db,
    NoticeEventRow,
    `SELECT a.id, a.at, a.action, t.id AS "topicId", t.title, p.id AS "postId", p.post_number AS "postNumber",
            t.answer_post_id AS "answerPostId"
       FROM audit_log a
       LEFT JOIN forum_posts p ON a.subject_type = 'forum_post' AND p.id = CASE WHEN a.subject_id ~ '^[0-9]{1,18}$' THEN a.subject_id::bigint END
       JOIN forum_topics t ON t.id = CASE WHEN a.subject_type = 'forum_topic' AND a.subject_id ~ '^[0-9]{1,18}$' THEN a.subject_id::bigint ELSE p.topic_id END
      WHERE a.action = ANY($1::text[]) AND a.at > now() - make_interval(days => $2)
        AND EXISTS (SELECT 1 FROM forum_topic_pseudonyms s WHERE s.topic_id = t.id)
      ORDER BY a.id DESC
      LIMIT $3`,
    [NOTICE_ACTIONS, days, limit],
  );
}

/** An anonymous post found by its keyed tag. */
const TaggedPostRow = z.object({ id: z.number(), topicId: z.number(), postNumber: z.number(), createdAt: z.date() });
export type TaggedPostRow = z.infer<typeof TaggedPostRow>;

/** The standing (not deleted) anonymous posts carrying one of these tags. */
export function findPostsByTags(db: Queryable, tags: Buffer[]): Promise<TaggedPostRow[]> {
  if (tags.length === 0) return Promise.resolve([]);
  return many(
    db,
    TaggedPostRow,
    `SELECT id, topic_id AS "topicId", post_number AS "postNumber", created_at AS "createdAt"
       FROM forum_posts WHERE anonymous_tag = ANY($1::bytea[]) AND deleted_at IS NULL`,
    [tags],
  );
}
