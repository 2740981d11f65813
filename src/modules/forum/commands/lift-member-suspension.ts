import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { liftSuspension } from '../queries/moderation.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** Ends a suspension early; audited with the reason. */
export async function liftMemberSuspension(
  deps: CommandDeps,
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
