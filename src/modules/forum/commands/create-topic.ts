import { transaction } from '../../../db/database.ts';
import type { ProcessedImage } from '../domain/images.ts';
import { type CategoryContextRow } from '../queries/categories.ts';
import { insertTopic } from '../queries/topics.ts';
import { composePost } from '../domain/compose-post.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { notifyAboutPost } from '../domain/notify-post.ts';
import { writePost } from '../domain/write-post.ts';

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
  const authorId = input.anonymous ? null : actor.userId;
  const composed = await composePost(deps.db, { source: input.body, authorId, isNewAccount: input.isNewAccount, category });
  if (!composed.ok) return composed;
  const topicId = await transaction(deps.db, async (tx) => {
    const id = await insertTopic(tx, { categoryId: category.id, title: input.title, authorId, isAnonymous: input.anonymous });
    const { pseudonymNumber } = await writePost(tx, deps.config.anonymityKey, {
      topicId: id,
      postNumber: 1,
      userId: actor.userId,
      anonymous: input.anonymous,
      body: input.body,
      composed: composed.post,
      quotedPostId: null,
      images: input.images,
    });
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
