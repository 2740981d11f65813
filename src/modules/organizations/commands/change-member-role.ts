import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import { countAdminsForUpdate, deleteMembership, findMembership, findRegion, upsertMembership, type OrganizationSummary } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

export interface ChangeRoleInput {
  userId: number;
  role: Role;
  newRole: Role;
  regionId: number | null;
}

type ChangeRoleResult = { ok: true } | { ok: false; reason: 'noSuchMembership' | 'lastAdmin' | 'regionOnlyForOfficials' | 'regionOutsideOrganization' };

/** Replaces one of a member's roles with another (or changes an official's region); never leaves the organization without an admin. */
export async function changeMemberRole(db: Pool, actor: ActorInfo, organization: OrganizationSummary, input: ChangeRoleInput): Promise<ChangeRoleResult> {
  if (input.regionId !== null && input.newRole !== 'official') return { ok: false, reason: 'regionOnlyForOfficials' };
  return transaction(db, async (tx) => {
    const admins = input.role === 'admin' && input.newRole !== 'admin' ? await countAdminsForUpdate(tx, organization.id) : 0;
    const current = await findMembership(tx, organization.id, input.userId, input.role);
    if (!current) return { ok: false, reason: 'noSuchMembership' } as const;
    if (input.role === 'admin' && input.newRole !== 'admin' && admins <= 1) return { ok: false, reason: 'lastAdmin' } as const;
    if (input.regionId !== null) {
      const region = await findRegion(tx, input.regionId);
      const inside =
        region && (organization.regionId === null || region.id === organization.regionId || region.ancestorIds.includes(organization.regionId));
      if (!inside) return { ok: false, reason: 'regionOutsideOrganization' } as const;
    }
    if (input.newRole !== input.role) await deleteMembership(tx, organization.id, input.userId, input.role);
    await upsertMembership(tx, organization.id, input.userId, input.newRole, input.regionId);
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: organization.id,
      action: 'membership.role_changed',
      subjectType: 'user',
      subjectId: input.userId,
      details: { previousRole: input.role, newRole: input.newRole, regionId: input.regionId, previousRegionId: current.regionId },
      ip: actor.ip,
    });
    return { ok: true } as const;
  });
}
