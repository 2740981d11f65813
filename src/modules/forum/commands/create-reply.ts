import { transaction } from '../../../db/database.ts';
import type { ProcessedImage } from '../domain/images.ts';
import { findPostId } from '../queries/posts.ts';
import { takeNextPostNumber, type TopicContextRow } from '../queries/topics.ts';
import { composePost } from '../domain/compose-post.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { notifyAboutPost } from '../domain/notify-post.ts';
import { writePost } from '../domain/write-post.ts';

export interface CreateReplyInput {
  topic: TopicContextRow;
  /** The poster's name, for notifications of a named post (never used for an anonymous one). */
  authorName: string;
  body: string;
  anonymous: boolean;
  quotedPostNumber: number | null;
  images: ProcessedImage[];
  isNewAccount: boolean;
}

export type CreateReplyResult = { ok: true; postNumber: number } | { ok: false; reason: 'tooManyLinks' };

/** Adds a reply (named or anonymous, with the same pseudonym as the author's earlier anonymous posts in the topic). */
export async function createReply(deps: CommandDeps, input: CreateReplyInput): Promise<CreateReplyResult> {
  const { actor } = deps;
  const { anonymityKey } = deps.config;
  const { topic } = input;
  const category = {
    id: topic.categoryId,
    visibility: topic.visibility,
    organizationId: topic.organizationId,
    ancestorIds: topic.organizationAncestorIds,
  };
  const authorId = input.anonymous ? null : actor.userId;
  const composed = await composePost(deps.db, { source: input.body, authorId, isNewAccount: input.isNewAccount, category });
  if (!composed.ok) return composed;
  const postNumber = await transaction(deps.db, async (tx) => {
    const number = await takeNextPostNumber(tx, topic.id);
    const quoted = input.quotedPostNumber !== null ? await findPostId(tx, topic.id, input.quotedPostNumber) : undefined;
    const { pseudonymNumber } = await writePost(tx, anonymityKey, {
      topicId: topic.id,
      postNumber: number,
      userId: actor.userId,
      anonymous: input.anonymous,
      body: input.body,
      composed: composed.post,
      quotedPostId: quoted?.id ?? null,
      images: input.images,
    });
    await notifyAboutPost(tx, {
      kind: 'reply',
      topicId: topic.id,
      title: topic.title,
      link: `/forum/t/${topic.id}/${number}`,
      authorId: actor.userId,
      authorName: input.authorName,
      pseudonymNumber,
      mentionedIds: composed.post.mentionedIds,
      category,
    });
    return number;
  });
  return { ok: true, postNumber };
}
