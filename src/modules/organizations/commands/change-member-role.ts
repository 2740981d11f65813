import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { regionWithinOrganization } from '../domain/region-limit.ts';
import { countAdminsForUpdate, deleteMembership, findMembership, upsertMembership } from '../queries/members.ts';
import type { OrganizationSummary } from '../queries/organizations.ts';
import { findRegion } from '../../../core/regions.ts';

export interface ChangeMemberRoleInput {
  organization: OrganizationSummary;
  userId: number;
  /** The role held now. */
  role: Role;
  newRole: Role;
  /** The new role's region limit (officials only), or null. */
  regionId: number | null;
}

export type ChangeMemberRoleResult = CommandResult<
  object,
  'noSuchMembership' | 'lastAdmin' | 'regionOnlyForOfficials' | 'regionOutsideOrganization'
>;

/** Replaces one of a member's roles with another (or changes an official's region); never leaves the organization without an admin. */
export async function changeMemberRole(deps: CommandDeps, input: ChangeMemberRoleInput): Promise<ChangeMemberRoleResult> {
  const { organization } = input;
  if (input.regionId !== null && input.newRole !== 'official') return { ok: false, reason: 'regionOnlyForOfficials' };
  const demotesAdmin = input.role === 'admin' && input.newRole !== 'admin';
  return transaction(deps.db, async (tx) => {
    // Locks the admin rows first, so two admins demoting each other cannot both succeed.
    const admins = demotesAdmin ? await countAdminsForUpdate(tx, organization.id) : 0;
    const current = await findMembership(tx, organization.id, input.userId, input.role);
    if (!current) return { ok: false, reason: 'noSuchMembership' } as const;
    if (demotesAdmin && admins <= 1) return { ok: false, reason: 'lastAdmin' } as const;
    if (input.regionId !== null && !regionWithinOrganization(await findRegion(tx, input.regionId), organization)) {
      return { ok: false, reason: 'regionOutsideOrganization' } as const;
    }
    if (input.newRole !== input.role) await deleteMembership(tx, organization.id, input.userId, input.role);
    await upsertMembership(tx, organization.id, input.userId, input.newRole, input.regionId);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: organization.id,
      action: 'membership.role_changed',
      subjectType: 'user',
      subjectId: input.userId,
      details: { previousRole: input.role, newRole: input.newRole, regionId: input.regionId, previousRegionId: current.regionId },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
