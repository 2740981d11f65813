import { transaction } from '../../../db/database.ts';
import { erasePost } from '../queries/posts.ts';
import { deleteTopic, type TopicContextRow } from '../queries/topics.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/**
 * Deletes the author's own post. The first post of a topic nobody answered takes the topic with it;
 * otherwise the post becomes a tombstone (its number stays, so permalinks and pages do not shift),
 * and its text, history, images and sealed author are erased.
 */
export async function deletePost(
  deps: CommandDeps,
  input: { topic: TopicContextRow; post: { id: number; postNumber: number } },
): Promise<{ ok: true; topicDeleted: boolean }> {
  const { topic, post } = input;
  const topicDeleted = post.postNumber === 1 && topic.postCount === 1;
  await transaction(deps.db, async (tx) => {
    if (topicDeleted) await deleteTopic(tx, topic.id, topic.categoryId);
    else await erasePost(tx, post.id, topic.id);
  });
  return { ok: true, topicDeleted };
}
