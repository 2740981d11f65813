import type { Pool } from '../../../db/database.ts';
import { one, transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { ActivityInput } from '../schemas.ts';

export type SaveActivityResult =
  | { ok: true; id: number; number: number }
  | { ok: false; reason: 'unknown_partner' | 'lead_not_involved' | 'region_outside_program' | 'unknown_responsible' };

/**
 * Creates an activity (numbered after the program's last) or updates one, with partners, regions and targets.
 * Regions must be among the program's; the lead among the program's organizations; the responsible official
 * among the people `responsibleChoices` allows.
 */
export async function saveActivity(
  deps: { db: Pool; actorId: number; ip: string },
  input: {
    programId: number;
    leadOrganizationId: number;
    programOrganizationIds: number[];
    programRegionIds: number[];
    responsibleChoices: number[];
    activityId?: number;
    data: ActivityInput;
  },
): Promise<SaveActivityResult> {
  const { data } = input;
  if (data.leadOrganizationId !== null && !input.programOrganizationIds.includes(data.leadOrganizationId)) return { ok: false, reason: 'lead_not_involved' };
  if (input.programRegionIds.length > 0 && data.regionIds.some((r) => !input.programRegionIds.includes(r))) return { ok: false, reason: 'region_outside_program' };
  if (data.responsibleUserId !== null && !input.responsibleChoices.includes(data.responsibleUserId)) return { ok: false, reason: 'unknown_responsible' };
  return transaction(deps.db, async (tx) => {
    const known = await one<{ orgs: number; regions: number }>(
      tx,
      `SELECT (SELECT count(*) FROM organizations WHERE id = ANY($1::bigint[]))::int AS orgs, (SELECT count(*) FROM regions WHERE id = ANY($2::bigint[]))::int AS regions`,
      [data.partnerIds, data.regionIds],
    );
    if (known!.orgs !== data.partnerIds.length) return { ok: false, reason: 'unknown_partner' } as const;
    if (known!.regions !== data.regionIds.length) return { ok: false, reason: 'region_outside_program' } as const;
    const values = [
      data.title, data.description, data.type, data.status, data.leadOrganizationId, data.startsOn, data.endsOn, data.responsibleUserId,
      data.budget, data.budgetCurrency, data.publicNotes, data.internalNotes,
    ];
    let row: { id: number; number: number } | undefined;
    if (input.activityId === undefined) {
      await tx.query(`SELECT id FROM programs WHERE id = $1 FOR UPDATE`, [input.programId]);
      row = await one(
        tx,
        `INSERT INTO program_activities (title, description, type, status, lead_organization_id, starts_on, ends_on, responsible_user_id,
                budget, budget_currency, public_notes, internal_notes, program_id, number, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                 COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $13), 0) + 1, $14)
         RETURNING id, number`,
        [...values, input.programId, deps.actorId],
      );
    } else {
      row = await one(
        tx,
        `UPDATE program_activities SET title = $1, description = $2, type = $3, status = $4, lead_organization_id = $5, starts_on = $6, ends_on = $7,
                responsible_user_id = $8, budget = $9, budget_currency = $10, public_notes = $11, internal_notes = $12, updated_at = now()
         WHERE id = $13 AND program_id = $14 RETURNING id, number`,
        [...values, input.activityId, input.programId],
      );
      await tx.query(`DELETE FROM activity_partners WHERE activity_id = $1`, [row!.id]);
      await tx.query(`DELETE FROM activity_regions WHERE activity_id = $1`, [row!.id]);
      await tx.query(`DELETE FROM activity_targets WHERE activity_id = $1`, [row!.id]);
    }
    const id = row!.id;
    await tx.query(`INSERT INTO activity_partners (activity_id, organization_id) SELECT $1, unnest($2::bigint[])`, [id, data.partnerIds]);
    await tx.query(`INSERT INTO activity_regions (activity_id, region_id) SELECT $1, unnest($2::bigint[])`, [id, data.regionIds]);
    await tx.query(
      `INSERT INTO activity_targets (activity_id, position, unit_label, amount, measure, scope)
       SELECT $1, t.ord, t.unit, t.amount, t.measure, t.scope
       FROM unnest($2::text[], $3::numeric[], $4::text[], $5::text[]) WITH ORDINALITY AS t(unit, amount, measure, scope, ord)`,
      [id, data.targets.map((t) => t.unitLabel), data.targets.map((t) => t.amount), data.targets.map((t) => t.measure), data.targets.map((t) => t.scope)],
    );
    await recordAudit(tx, {
      actorId: deps.actorId,
      organizationId: input.leadOrganizationId,
      action: input.activityId === undefined ? 'programs.activity.created' : 'programs.activity.updated',
      subjectType: 'program_activity',
      subjectId: id,
      details: { programId: input.programId, number: row!.number, status: data.status },
      ip: deps.ip,
    });
    return { ok: true, id, number: row!.number } as const;
  });
}
