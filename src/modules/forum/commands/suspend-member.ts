import { SUSPENSION } from '../domain/notification-kinds.ts';
import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { notify } from '../../notifications/index.ts';
import { insertSuspension } from '../queries/moderation.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** Keeps a member from posting in the organization's forums for some days; audited, and the member is told. */
export async function suspendMember(
  deps: CommandDeps,
  input: { organizationId: number; organizationSlug: string; userId: number; days: number; reason: string; fromPostId: number },
): Promise<{ ok: true } | { ok: false; reason: 'self' }> {
  if (input.userId === deps.actor.userId) return { ok: false, reason: 'self' };
  await transaction(deps.db, async (tx) => {
    const id = await insertSuspension(tx, {
      organizationId: input.organizationId,
      userId: input.userId,
      reason: input.reason,
      days: input.days,
      createdBy: deps.actor.userId,
    });
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
      kind: SUSPENSION,
      messageId: 'forum.notifications.suspended',
      values: { days: input.days, reason: input.reason },
      link: `/organizations/${input.organizationSlug}/forum`,
    });
  });
  return { ok: true };
}
