import { transaction } from '../../../db/database.ts';
import { anonymousTag, sealAuthor } from '../domain/anonymity.ts';
import type { ProcessedImage } from '../domain/images.ts';
import { type CategoryContextRow } from '../queries/categories.ts';
import { setFollow } from '../queries/people.ts';
import { insertAttachments, insertPost, pseudonymFor } from '../queries/posts.ts';
import { insertTopic } from '../queries/topics.ts';
import { composePost } from '../domain/compose-post.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { notifyAboutPost } from '../domain/notify-post.ts';

export interface CreateTopicInput {
  category: CategoryContextRow;
  /** The poster's name, for notifications of a named post (never used for an anonymous one). */
  authorName: string;
  title: string;
  body: string;
  anonymous: boolean;
  images: ProcessedImage[];
  isNewAccount: boolean;
}

export type CreateTopicResult = { ok: true; topicId: number } | { ok: false; reason: 'tooManyLinks' };

/**
 * Starts a topic with its first post. An anonymous topic stores no author id anywhere: only the sealed
 * id and the keyed tag, and the author is pseudonym 1. Followers of the category and mentioned people are told.
 */
export async function createTopic(deps: CommandDeps, input: CreateTopicInput): Promise<CreateTopicResult> {
  const { actor } = deps;
  const category = {
    id: input.category.id,
    visibility: input.category.visibility,
    organizationId: input.category.organizationId,
    ancestorIds: input.category.organizationAncestorIds,
  };
  const composed = await composePost(deps.db, {
    source: input.body,
    authorId: input.anonymous ? null : actor.userId,
    isNewAccount: input.isNewAccount,
    category,
  });
  if (!composed.ok) return composed;
  const topicId = await transaction(deps.db, async (tx) => {
    const authorId = input.anonymous ? null : actor.userId;
    const id = await insertTopic(tx, { categoryId: category.id, title: input.title, authorId, isAnonymous: input.anonymous });
    const tag = input.anonymous ? anonymousTag(deps.config.anonymityKey, id, actor.userId) : null;
    const pseudonymNumber = tag ? await pseudonymFor(tx, id, tag) : null;
    const post = await insertPost(tx, {
      topicId: id,
      postNumber: 1,
      authorId,
      seal: input.anonymous ? sealAuthor(deps.config.anonymityKey, actor.userId) : null,
      tag,
      pseudonymNumber,
      bodySource: input.body,
      bodyHtml: composed.post.html,
      linkCount: composed.post.linkCount,
      quotedPostId: null,
    });
    await insertAttachments(tx, post.id, input.images);
    // Following one's own topic would tie an anonymous author to it in the database: only named authors follow automatically.
    if (!input.anonymous) await setFollow(tx, actor.userId, { topicId: id }, true);
    await notifyAboutPost(tx, {
      kind: 'topic',
      topicId: id,
      title: input.title,
      link: `/forum/t/${id}`,
      authorId: actor.userId,
      authorName: input.authorName,
      pseudonymNumber,
      mentionedIds: composed.post.mentionedIds,
      category,
    });
    return id;
  });
  return { ok: true, topicId };
}
