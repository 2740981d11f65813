import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import { countAdminsForUpdate, deleteMembership, findMembership } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

/** Takes one role away from a member; the organization's last admin cannot be removed. */
export async function removeMember(
  db: Pool,
  actor: ActorInfo,
  organizationId: number,
  input: { userId: number; role: Role },
): Promise<{ ok: true } | { ok: false; reason: 'noSuchMembership' | 'lastAdmin' }> {
  return transaction(db, async (tx) => {
    // Locks the admin rows first, so two admins removing each other cannot both succeed.
    const admins = input.role === 'admin' ? await countAdminsForUpdate(tx, organizationId) : 0;
    const current = await findMembership(tx, organizationId, input.userId, input.role);
    if (!current) return { ok: false, reason: 'noSuchMembership' } as const;
    if (input.role === 'admin' && admins <= 1) return { ok: false, reason: 'lastAdmin' } as const;
    await deleteMembership(tx, organizationId, input.userId, input.role);
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId,
      action: 'membership.removed',
      subjectType: 'user',
      subjectId: input.userId,
      details: { role: input.role, regionId: current.regionId },
      ip: actor.ip,
    });
    return { ok: true } as const;
  });
}
