import { transaction } from '../../../db/database.ts';
import { insertRevision, updatePostBody } from '../queries/posts.ts';
import { updateTopicTitle, type TopicContextRow } from '../queries/topics.ts';
import { composePost } from '../domain/compose-post.ts';
import type { CommandDeps } from '../../../core/commands.ts';

export interface EditPostInput {
  topic: TopicContextRow;
  post: { id: number; postNumber: number; bodySource: string; isAnonymous: boolean };
  body: string;
  /** A new title, when the first post is edited. */
  title: string | null;
  isNewAccount: boolean;
}

/** Saves an author's edit and keeps the previous text as a revision (with no editor id on anonymous posts). */
export async function editPost(deps: CommandDeps, input: EditPostInput): Promise<{ ok: true } | { ok: false; reason: 'tooManyLinks' }> {
  const { topic, post } = input;
  const category = { visibility: topic.visibility, organizationId: topic.organizationId, ancestorIds: topic.organizationAncestorIds };
  const composed = await composePost(deps.db, {
    source: input.body,
    authorId: deps.actor.userId,
    isNewAccount: input.isNewAccount,
    category,
  });
  if (!composed.ok) return composed;
  const newTitle = post.postNumber === 1 && input.title !== null && input.title !== topic.title ? input.title : null;
  const retitle = newTitle !== null;
  await transaction(deps.db, async (tx) => {
    await insertRevision(tx, post.id, {
      bodySource: post.bodySource,
      title: retitle ? topic.title : null,
      editorId: post.isAnonymous ? null : deps.actor.userId,
    });
    await updatePostBody(tx, post.id, { source: input.body, html: composed.post.html, linkCount: composed.post.linkCount });
    if (newTitle !== null) await updateTopicTitle(tx, topic.id, newTitle);
  });
  return { ok: true };
}
