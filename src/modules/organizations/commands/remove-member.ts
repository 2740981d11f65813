import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { countAdminsForUpdate, deleteMembership, findMembership } from '../queries/members.ts';

export interface RemoveMemberInput {
  organizationId: number;
  userId: number;
  /** The role taken away (a person may hold several). */
  role: Role;
}

export type RemoveMemberResult = CommandResult<object, 'noSuchMembership' | 'lastAdmin'>;

/** Takes one role away from a member; the organization's last admin cannot be removed. */
export async function removeMember(deps: CommandDeps, input: RemoveMemberInput): Promise<RemoveMemberResult> {
  const { organizationId } = input;
  return transaction(deps.db, async (tx) => {
    // Locks the admin rows first, so two admins removing each other cannot both succeed.
    const admins = input.role === 'admin' ? await countAdminsForUpdate(tx, organizationId) : 0;
    const current = await findMembership(tx, organizationId, input.userId, input.role);
    if (!current) return { ok: false, reason: 'noSuchMembership' } as const;
    if (input.role === 'admin' && admins <= 1) return { ok: false, reason: 'lastAdmin' } as const;
    await deleteMembership(tx, organizationId, input.userId, input.role);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId,
      action: 'membership.removed',
      subjectType: 'user',
      subjectId: input.userId,
      details: { role: input.role, regionId: current.regionId },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
