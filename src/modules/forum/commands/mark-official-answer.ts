import { OFFICIAL_ANSWER } from '../domain/notification-kinds.ts';
import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { notifyMany } from '../../notifications/index.ts';
import { findFollowers } from '../queries/people.ts';
import { setOfficialAnswer, type TopicContextRow } from '../queries/topics.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** Marks a reply as the organization's official answer (the topic becomes "answered"), or takes the mark back. */
export async function markOfficialAnswer(
  deps: CommandDeps,
  input: { topic: TopicContextRow; post: { id: number; postNumber: number; isOfficialAnswer: boolean }; mark: boolean },
): Promise<{ ok: true } | { ok: false; reason: 'firstPost' | 'unchanged' }> {
  const { topic, post } = input;
  if (post.postNumber === 1) return { ok: false, reason: 'firstPost' };
  if (input.mark === post.isOfficialAnswer) return { ok: false, reason: 'unchanged' };
  await transaction(deps.db, async (tx) => {
    await setOfficialAnswer(tx, topic.id, input.mark ? post.id : null);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: topic.organizationId,
      action: input.mark ? 'forum.answer.mark' : 'forum.answer.unmark',
      subjectType: 'forum_post',
      subjectId: post.id,
      details: { topicId: topic.id, postNumber: post.postNumber },
      ip: deps.ip,
    });
    if (input.mark) {
      const category = {
        id: topic.categoryId,
        visibility: topic.visibility,
        organizationId: topic.organizationId,
        ancestorIds: topic.organizationAncestorIds,
      };
      const followers = (await findFollowers(tx, topic.id, category)).filter((f) => f.id !== deps.actor.userId);
      await notifyMany(
        tx,
        followers.map((f) => ({
          userId: f.id,
          kind: OFFICIAL_ANSWER,
          messageId: 'forum.notifications.answered',
          values: { title: topic.title },
          link: `/forum/t/${topic.id}/${post.postNumber}`,
        })),
      );
    }
  });
  return { ok: true };
}
