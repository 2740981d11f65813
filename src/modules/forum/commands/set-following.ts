import { setFollow } from '../queries/people.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** Follows or stops following a topic or a category (notifications of new posts there). */
export async function setFollowing(
  deps: CommandDeps,
  input: { topicId?: number; categoryId?: number; follow: boolean },
): Promise<{ ok: true }> {
  await setFollow(deps.db, deps.actor.userId, { topicId: input.topicId, categoryId: input.categoryId }, input.follow);
  return { ok: true };
}
