import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { countKnown, insertActivity, lockProgram, replaceActivityLinks, updateActivity } from '../queries/index.ts';
import type { ActivityInput } from '../schemas.ts';
import { notify } from '../../notifications/index.ts';
import { ACTIVITY_ASSIGNED } from '../domain/notification-kinds.ts';

export type SaveActivityResult =
  | { ok: true; id: number; number: number }
  | { ok: false; reason: 'unknown_partner' | 'lead_not_involved' | 'region_outside_program' | 'unknown_responsible' };

/**
 * Creates an activity (numbered after the program's last) or updates one, with partners, regions and targets.
 * Regions must be among the program's; the lead among the program's organizations; the responsible official
 * among the people `responsibleChoices` allows.
 */
export async function saveActivity(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: {
    programId: number;
    /** The program's title, for the notification of a newly responsible person. */
    programTitle: string;
    leadOrganizationId: number;
    programOrganizationIds: number[];
    programRegionIds: number[];
    responsibleChoices: number[];
    activityId?: number;
    data: ActivityInput;
  },
): Promise<SaveActivityResult> {
  const { data } = input;
  if (data.leadOrganizationId !== null && !input.programOrganizationIds.includes(data.leadOrganizationId))
    return { ok: false, reason: 'lead_not_involved' };
  if (input.programRegionIds.length > 0 && data.regionIds.some((r) => !input.programRegionIds.includes(r)))
    return { ok: false, reason: 'region_outside_program' };
  if (data.responsibleUserId !== null && !input.responsibleChoices.includes(data.responsibleUserId))
    return { ok: false, reason: 'unknown_responsible' };
  return transaction(deps.db, async (tx) => {
    const known = await countKnown(tx, data.partnerIds, data.regionIds);
    if (known.orgs !== data.partnerIds.length) return { ok: false, reason: 'unknown_partner' } as const;
    if (known.regions !== data.regionIds.length) return { ok: false, reason: 'region_outside_program' } as const;
    let row: { id: number; number: number } | undefined;
    let previousResponsibleId: number | null = null;
    if (input.activityId === undefined) {
      await lockProgram(tx, input.programId);
      row = await insertActivity(tx, input.programId, deps.actor.userId, data);
    } else {
      const updated = await updateActivity(tx, input.programId, input.activityId, data);
      if (!updated) throw new Error(`Activity ${input.activityId} is not in program ${input.programId}`);
      row = updated;
      previousResponsibleId = updated.previousResponsibleId;
    }
    // The person made responsible (not the one who already was, and not the actor naming themselves) is told.
    const responsible = data.responsibleUserId;
    if (responsible !== null && responsible !== previousResponsibleId && responsible !== deps.actor.userId) {
      await notify(tx, {
        userId: responsible,
        kind: ACTIVITY_ASSIGNED,
        messageId: 'programs.notify.activityAssigned',
        values: { number: row.number, activity: data.title, program: input.programTitle },
        link: `/programs/${input.programId}/activities/${row.number}`,
      });
    }
    await replaceActivityLinks(tx, row.id, data.partnerIds, data.regionIds, data.targets);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.leadOrganizationId,
      action: input.activityId === undefined ? 'programs.activity.created' : 'programs.activity.updated',
      subjectType: 'program_activity',
      subjectId: row.id,
      details: { programId: input.programId, number: row.number, status: data.status },
      ip: deps.ip,
    });
    return { ok: true, id: row.id, number: row.number } as const;
  });
}
