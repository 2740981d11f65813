import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { resolveFlags } from '../queries/moderation.ts';
import { setPostHidden } from '../queries/posts.ts';
import type { CommandDeps } from '../../../core/commands.ts';

export const POST_MODERATIONS = ['hide', 'restore', 'dismiss'] as const;
export type PostModeration = (typeof POST_MODERATIONS)[number];

/** Hides or restores a post, or dismisses its flags; every action is audited with its reason. */
export async function moderatePost(
  deps: CommandDeps,
  input: {
    organizationId: number;
    topicId: number;
    post: { id: number; postNumber: number; isHidden: boolean };
    action: PostModeration;
    reason: string;
  },
): Promise<{ ok: true } | { ok: false; reason: 'unchanged' }> {
  const { post, action } = input;
  if ((action === 'hide' && post.isHidden) || (action === 'restore' && !post.isHidden)) return { ok: false, reason: 'unchanged' };
  await transaction(deps.db, async (tx) => {
    if (action === 'hide') await setPostHidden(tx, post.id, true);
    if (action === 'restore') await setPostHidden(tx, post.id, false);
    await resolveFlags(tx, post.id, deps.actor.userId, action === 'hide' ? 'hidden' : 'dismissed');
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: `forum.post.${action}`,
      subjectType: 'forum_post',
      subjectId: post.id,
      details: { reason: input.reason, topicId: input.topicId, postNumber: post.postNumber },
      ip: deps.ip,
    });
  });
  return { ok: true };
}
