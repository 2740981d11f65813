import { AUTHOR_REVEALED } from '../domain/notification-kinds.ts';
import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { notify } from '../../notifications/index.ts';
import { unsealAuthor } from '../domain/anonymity.ts';
import { findUserName } from '../queries/people.ts';
import { findPostSeal } from '../queries/posts.ts';
import { type TopicContextRow } from '../queries/topics.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/**
 * Opens the seal of an anonymous post for a platform administrator who wrote a reason. The audit log
 * keeps the administrator, the post and the reason, but not the revealed identity (the log is read
 * more widely than the seal should be). The author is told that they were revealed, and why.
 */
export async function revealAuthor(
  deps: CommandDeps,
  input: { topic: TopicContextRow; post: { id: number; postNumber: number }; reason: string },
): Promise<{ ok: true; userId: number; name: string } | { ok: false; reason: 'notAnonymous' | 'unreadable' }> {
  const sealed = await findPostSeal(deps.db, input.post.id);
  if (!sealed?.anonymousSeal) return { ok: false, reason: 'notAnonymous' };
  const userId = unsealAuthor(deps.config.anonymityKey, sealed.anonymousSeal);
  if (userId === null) return { ok: false, reason: 'unreadable' };
  const name = await transaction(deps.db, async (tx) => {
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.topic.organizationId,
      action: 'forum.post.reveal',
      subjectType: 'forum_post',
      subjectId: input.post.id,
      details: { reason: input.reason, topicId: input.topic.id, postNumber: input.post.postNumber },
      ip: deps.ip,
    });
    await notify(tx, {
      userId,
      kind: AUTHOR_REVEALED,
      messageId: 'forum.notifications.revealed',
      values: { title: input.topic.title, reason: input.reason },
      link: `/forum/t/${input.topic.id}/${input.post.postNumber}`,
    });
    return findUserName(tx, userId);
  });
  return { ok: true, userId, name };
}
