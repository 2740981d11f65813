import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { revokeInvitation as revokeInvitationRow } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

/** Revokes a pending invitation so its link stops working. */
export async function revokeInvitation(
  db: Pool,
  actor: ActorInfo,
  organizationId: number,
  invitationId: number,
): Promise<{ ok: true } | { ok: false; reason: 'notPending' }> {
  return transaction(db, async (tx) => {
    const revoked = await revokeInvitationRow(tx, organizationId, invitationId);
    if (!revoked) return { ok: false, reason: 'notPending' } as const;
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: invitationId,
      details: { invitedEmail: revoked.email, role: revoked.role },
      ip: actor.ip,
    });
    return { ok: true } as const;
  });
}
