import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { moveTopic, setTopicClosed, setTopicFlag, type TopicContextRow } from '../queries/topics.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { topicActionIsNoOp } from '../policy.ts';

export const TOPIC_ACTIONS = ['lock', 'unlock', 'pin', 'unpin', 'close', 'reopen', 'hide', 'restore', 'move'] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

/** Locks, pins, closes, hides or moves a topic (and the reverse); audited with the moderator's reason. */
export async function moderateTopic(
  deps: CommandDeps,
  input: { topic: TopicContextRow; action: TopicAction; reason: string; targetCategoryId?: number },
): Promise<{ ok: true } | { ok: false; reason: 'unchanged' }> {
  const { topic, action } = input;
  const unchanged =
    topicActionIsNoOp(topic, action) ||
    (action === 'move' && (input.targetCategoryId === undefined || input.targetCategoryId === topic.categoryId));
  if (unchanged) return { ok: false, reason: 'unchanged' };
  await transaction(deps.db, async (tx) => {
    if (action === 'lock' || action === 'unlock') await setTopicFlag(tx, topic.id, 'is_locked', action === 'lock');
    if (action === 'pin' || action === 'unpin') await setTopicFlag(tx, topic.id, 'is_pinned', action === 'pin');
    if (action === 'hide' || action === 'restore') await setTopicFlag(tx, topic.id, 'is_hidden', action === 'hide');
    if (action === 'close' || action === 'reopen') await setTopicClosed(tx, topic.id, action === 'close');
    if (action === 'move' && input.targetCategoryId !== undefined) await moveTopic(tx, topic.id, topic.categoryId, input.targetCategoryId);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: topic.organizationId,
      action: `forum.topic.${action}`,
      subjectType: 'forum_topic',
      subjectId: topic.id,
      details: {
        reason: input.reason,
        ...(action === 'move' ? { fromCategoryId: topic.categoryId, toCategoryId: input.targetCategoryId } : {}),
      },
      ip: deps.ip,
    });
  });
  return { ok: true };
}
