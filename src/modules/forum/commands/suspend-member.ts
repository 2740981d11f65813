import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { notify } from '../../notifications/index.ts';
import { insertSuspension, liftSuspension } from '../queries/moderation.ts';
import type { ForumDeps } from '../domain/forum-deps.ts';

/** Keeps a member from posting in the organization's forums for some days; audited, and the member is told. */
export async function suspendMember(
  deps: ForumDeps,
  input: { organizationId: number; organizationSlug: string; userId: number; days: number; reason: string; fromPostId: number },
): Promise<{ ok: true } | { ok: false; reason: 'self' }> {
  if (input.userId === deps.actor.userId) return { ok: false, reason: 'self' };
  await transaction(deps.db, async (tx) => {
    const id = await insertSuspension(tx, { organizationId: input.organizationId, userId: input.userId, reason: input.reason, days: input.days, createdBy: deps.actor.userId });
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'forum.member.suspend',
      subjectType: 'user',
      subjectId: input.userId,
      details: { reason: input.reason, days: input.days, suspensionId: id, postId: input.fromPostId },
      ip: deps.ip,
    });
    await notify(tx, {
      userId: input.userId,
      kind: 'forum.suspension',
      messageId: 'forum.notifications.suspended',
      values: { days: input.days, reason: input.reason },
      link: `/organizations/${input.organizationSlug}/forum`,
    });
  });
  return { ok: true };
}

/** Ends a suspension early; audited with the reason. */
export async function liftMemberSuspension(
  deps: ForumDeps,
  input: { organizationId: number; suspensionId: number; reason: string },
): Promise<{ ok: true } | { ok: false; reason: 'notFound' }> {
  return transaction(deps.db, async (tx) => {
    const lifted = await liftSuspension(tx, input.suspensionId, input.organizationId, deps.actor.userId);
    if (!lifted) return { ok: false as const, reason: 'notFound' as const };
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'forum.member.unsuspend',
      subjectType: 'user',
      subjectId: lifted.userId,
      details: { reason: input.reason, suspensionId: input.suspensionId },
      ip: deps.ip,
    });
    return { ok: true as const };
  });
}
