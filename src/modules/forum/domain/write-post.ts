import type { Queryable } from '../../../db/database.ts';
import { anonymousTag, sealAuthor } from './anonymity.ts';
import type { ComposedPost } from './compose-post.ts';
import type { ProcessedImage } from './images.ts';
import { setFollow } from '../queries/people.ts';
import { insertAttachments, insertPost, pseudonymFor } from '../queries/posts.ts';

/**
 * Writes a composed post into a topic, as a topic's first post and a reply both are: named, or anonymous (no author
 * id, only the sealed id, the keyed tag and the author's pseudonym in the topic), with its images. A named author
 * then follows the topic; an anonymous one does not, since the follow would tie them to it in the database.
 */
export async function writePost(
  tx: Queryable,
  anonymityKey: string,
  input: {
    topicId: number;
    postNumber: number;
    userId: number;
    anonymous: boolean;
    body: string;
    composed: ComposedPost;
    quotedPostId: number | null;
    images: ProcessedImage[];
  },
): Promise<{ pseudonymNumber: number | null }> {
  const { topicId, userId, anonymous } = input;
  const tag = anonymous ? anonymousTag(anonymityKey, topicId, userId) : null;
  const pseudonymNumber = tag ? await pseudonymFor(tx, topicId, tag) : null;
  const post = await insertPost(tx, {
    topicId,
    postNumber: input.postNumber,
    authorId: anonymous ? null : userId,
    seal: anonymous ? sealAuthor(anonymityKey, userId) : null,
    tag,
    pseudonymNumber,
    bodySource: input.body,
    bodyHtml: input.composed.html,
    linkCount: input.composed.linkCount,
    quotedPostId: input.quotedPostId,
  });
  await insertAttachments(tx, post.id, input.images);
  if (!anonymous) await setFollow(tx, userId, { topicId }, true);
  return { pseudonymNumber };
}
