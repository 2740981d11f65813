import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { revokePendingInvitation } from '../queries/invitations.ts';

export interface RevokeInvitationInput {
  organizationId: number;
  invitationId: number;
}

export type RevokeInvitationResult = CommandResult<object, 'notPending'>;

/** Revokes a pending invitation of this organization so its link stops working. */
export async function revokeInvitation(deps: CommandDeps, input: RevokeInvitationInput): Promise<RevokeInvitationResult> {
  return transaction(deps.db, async (tx) => {
    const revoked = await revokePendingInvitation(tx, input.organizationId, input.invitationId);
    if (!revoked) return { ok: false, reason: 'notPending' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: input.invitationId,
      details: { invitedEmail: revoked.email, role: revoked.role },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
