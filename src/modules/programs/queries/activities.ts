import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { DayColumn, IdsColumn, oneOrThrow } from '../../../core/rows.ts';
import { MEASURES, TARGET_SCOPES, type Measure, type TargetScope } from '../domain/progress.ts';
import { regionsByIds, userNames } from './lookups.ts';
import { organizationsOf, ProgressActivityRow } from './programs.ts';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityRow,
  type ActivityStatus,
  type ActivityType,
  type ProgramRow,
  type RegionBrief,
} from './rows.ts';

const ACTIVITY_SELECT = `
  SELECT a.id, a.program_id AS "programId", a.number, a.title, a.description, a.type,
         COALESCE(a.lead_organization_id, p.lead_organization_id) AS "leadOrganizationId", a.lead_organization_id IS NOT NULL AS "ownLead",
         COALESCE((SELECT array_agg(ap.organization_id ORDER BY ap.organization_id) FROM activity_partners ap WHERE ap.activity_id = a.id), '{}') AS "partnerIds",
         COALESCE((SELECT array_agg(ar.region_id)::int[] FROM activity_regions ar WHERE ar.activity_id = a.id), '{}') AS "regionIds",
         a.starts_on AS "startsOn", a.ends_on AS "endsOn", a.responsible_user_id AS "responsibleUserId",
         a.budget::float8 AS budget, a.budget_currency AS "budgetCurrency", a.status, a.resolution_id AS "resolutionId",
         a.public_notes AS "publicNotes", a.internal_notes AS "internalNotes",
         COALESCE((SELECT json_agg(json_build_object('id', t.id, 'unitLabel', t.unit_label, 'amount', t.amount::float8, 'measure', t.measure, 'scope', t.scope) ORDER BY t.position, t.id)
                   FROM activity_targets t WHERE t.activity_id = a.id), '[]') AS targets
  FROM program_activities a
  JOIN programs p ON p.id = a.program_id`;

/** An activity as stored (ACTIVITY_SELECT): its organizations, regions and responsible person by id, named by `withNames`. */
const StoredActivity = z.object({
  id: z.number(),
  programId: z.number(),
  number: z.number(),
  title: z.string(),
  description: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  leadOrganizationId: z.number(),
  ownLead: z.boolean(),
  partnerIds: IdsColumn,
  regionIds: IdsColumn,
  startsOn: DayColumn.nullable(),
  endsOn: DayColumn.nullable(),
  responsibleUserId: z.number().nullable(),
  budget: z.number().nullable(),
  budgetCurrency: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  resolutionId: z.number().nullable(),
  publicNotes: z.string(),
  internalNotes: z.string(),
  targets: z.array(
    z.object({ id: z.number(), unitLabel: z.string(), amount: z.number(), measure: z.enum(MEASURES), scope: z.enum(TARGET_SCOPES) }),
  ),
});
type StoredActivity = z.infer<typeof StoredActivity>;

const NumberedRow = z.object({ id: z.number(), number: z.number() });

const byDepthThenCode = (a: RegionBrief, b: RegionBrief) => a.ancestorIds.length - b.ancestorIds.length || a.code.localeCompare(b.code);

// Organizations, regions and people are looked up once for all activities (50 activities × 20 counties would otherwise repeat
// each region's names a thousand times in the result).
async function withNames(db: Queryable, rows: StoredActivity[], program?: KnownProgram): Promise<ActivityRow[]> {
  const known = program?.regions ?? [];
  const wanted = [...new Set(rows.flatMap((r) => r.regionIds))];
  const knownIds = new Set(known.map((r) => r.id));
  const knownOrgs = new Map((program ? [program.lead, ...program.partners] : []).map((o) => [o.id, o]));
  const orgIds = [...new Set(rows.flatMap((r) => [r.leadOrganizationId, ...r.partnerIds]))];
  // An activity's regions and organizations are normally its program's, which the caller already has: no query then.
  const [regions, org, name] = await Promise.all([
    wanted.every((id) => knownIds.has(id)) ? known.filter((r) => wanted.includes(r.id)).sort(byDepthThenCode) : regionsByIds(db, wanted),
    orgIds.every((id) => knownOrgs.has(id))
      ? (id: number) => knownOrgs.get(id) ?? { id, slug: '', name: {}, ancestorIds: [] }
      : organizationsOf(db, orgIds),
    userNames(
      db,
      rows.map((r) => r.responsibleUserId),
    ),
  ]);
  const order = new Map(regions.map((r, i) => [r.id, i]));
  const byId = new Map(regions.map((r) => [r.id, r]));
  return rows.map(({ regionIds, leadOrganizationId, partnerIds, ...row }) => ({
    ...row,
    lead: org(leadOrganizationId),
    partners: partnerIds.map(org),
    responsibleName: name(row.responsibleUserId),
    regions: regionIds
      .filter((id) => byId.has(id))
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .flatMap((id) => byId.get(id) ?? []),
  }));
}

/** What a caller already knows of the program: its regions and organizations name most activities' too. */
type KnownProgram = Pick<ProgramRow, 'id' | 'regions' | 'lead' | 'partners'>;

/** Every activity of a program, by number (the program, already loaded, saves the lookups of its regions and organizations). */
export async function activitiesOfProgram(db: Queryable, program: KnownProgram): Promise<ActivityRow[]> {
  return withNames(
    db,
    await many(db, StoredActivity, `${ACTIVITY_SELECT} WHERE a.program_id = $1 ORDER BY a.number`, [program.id]),
    program,
  );
}

/** One activity of a program by its number. */
export async function findActivity(db: Queryable, programId: number, number: number): Promise<ActivityRow | undefined> {
  const row = await one(db, StoredActivity, `${ACTIVITY_SELECT} WHERE a.program_id = $1 AND a.number = $2`, [programId, number]);
  return row ? (await withNames(db, [row]))[0] : undefined;
}

/** What progress needs about the activities of these programs: status, regions and targets. */
export function progressInputsForPrograms(db: Queryable, programIds: number[]) {
  if (programIds.length === 0) return Promise.resolve([]);
  return many(
    db,
    ProgressActivityRow,
    `SELECT a.id, a.program_id AS "programId", a.status,
            COALESCE((SELECT array_agg(ar.region_id)::int[] FROM activity_regions ar WHERE ar.activity_id = a.id), '{}') AS "regionIds",
            COALESCE((SELECT json_agg(json_build_object('measure', t.measure, 'scope', t.scope, 'amount', t.amount::float8)) FROM activity_targets t WHERE t.activity_id = a.id), '[]') AS targets
     FROM program_activities a WHERE a.program_id = ANY($1::bigint[])`,
    [programIds],
  );
}

// ---- Writes (called by the commands, inside their transaction) ----

/** Inserts draft activities numbered after the program's last (the program must be locked); returns them by number. */
export async function insertDraftActivities(
  tx: Queryable,
  programId: number,
  titles: string[],
  resolutionId: number | null,
  createdBy: number,
) {
  const rows = await many(
    tx,
    NumberedRow,
    `INSERT INTO program_activities (program_id, number, title, status, resolution_id, created_by)
     SELECT $1, COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $1), 0) + t.ord, t.title, 'draft', $3, $4
     FROM unnest($2::text[]) WITH ORDINALITY AS t(title, ord)
     ORDER BY t.ord
     RETURNING id, number`,
    [programId, titles, resolutionId, createdBy],
  );
  return rows.sort((a, b) => a.number - b.number);
}

/** Gives activities the regions of their program. */
export async function copyProgramRegionsTo(tx: Queryable, programId: number, activityIds: number[]): Promise<void> {
  await tx.query(
    `INSERT INTO activity_regions (activity_id, region_id)
     SELECT a.id, pr.region_id FROM unnest($1::bigint[]) AS a(id) CROSS JOIN program_regions pr WHERE pr.program_id = $2`,
    [activityIds, programId],
  );
}

export interface ActivityValues {
  title: string;
  description: string;
  type: ActivityType;
  status: ActivityStatus;
  leadOrganizationId: number | null;
  startsOn: string | null;
  endsOn: string | null;
  responsibleUserId: number | null;
  budget: number | null;
  budgetCurrency: string | null;
  publicNotes: string;
  internalNotes: string;
}

const activityParams = (v: ActivityValues) => [
  v.title,
  v.description,
  v.type,
  v.status,
  v.leadOrganizationId,
  v.startsOn,
  v.endsOn,
  v.responsibleUserId,
  v.budget,
  v.budgetCurrency,
  v.publicNotes,
  v.internalNotes,
];

/** Inserts an activity numbered after the program's last (the program must be locked). */
export async function insertActivity(tx: Queryable, programId: number, createdBy: number, v: ActivityValues) {
  const rows = await many(
    tx,
    NumberedRow,
    `INSERT INTO program_activities (title, description, type, status, lead_organization_id, starts_on, ends_on, responsible_user_id,
            budget, budget_currency, public_notes, internal_notes, program_id, number, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
             COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $13), 0) + 1, $14)
     RETURNING id, number`,
    [...activityParams(v), programId, createdBy],
  );
  return oneOrThrow(rows, 'activity');
}

/** Updates an activity of a program; undefined when it is not that program's. */
/** Updates an activity; answers also who was responsible before (read in the same statement, so no change slips in between). */
export function updateActivity(tx: Queryable, programId: number, activityId: number, v: ActivityValues) {
  return one(
    tx,
    NumberedRow.extend({ previousResponsibleId: z.number().nullable() }),
    `WITH before AS (SELECT responsible_user_id FROM program_activities WHERE id = $13 AND program_id = $14)
     UPDATE program_activities SET title = $1, description = $2, type = $3, status = $4, lead_organization_id = $5, starts_on = $6, ends_on = $7,
            responsible_user_id = $8, budget = $9, budget_currency = $10, public_notes = $11, internal_notes = $12, updated_at = now()
     WHERE id = $13 AND program_id = $14
     RETURNING id, number, (SELECT responsible_user_id FROM before)::int AS "previousResponsibleId"`,
    [...activityParams(v), activityId, programId],
  );
}

/** Replaces an activity's partners, regions and targets. */
export async function replaceActivityLinks(
  tx: Queryable,
  activityId: number,
  partnerIds: number[],
  regionIds: number[],
  targets: Array<{ unitLabel: string; amount: number; measure: Measure; scope: TargetScope }>,
): Promise<void> {
  await tx.query(`DELETE FROM activity_partners WHERE activity_id = $1`, [activityId]);
  await tx.query(`DELETE FROM activity_regions WHERE activity_id = $1`, [activityId]);
  await tx.query(`DELETE FROM activity_targets WHERE activity_id = $1`, [activityId]);
  await tx.query(`INSERT INTO activity_partners (activity_id, organization_id) SELECT $1, unnest($2::bigint[])`, [activityId, partnerIds]);
  await tx.query(`INSERT INTO activity_regions (activity_id, region_id) SELECT $1, unnest($2::bigint[])`, [activityId, regionIds]);
  await tx.query(
    `INSERT INTO activity_targets (activity_id, position, unit_label, amount, measure, scope)
     SELECT $1, t.ord, t.unit, t.amount, t.measure, t.scope
     FROM unnest($2::text[], $3::numeric[], $4::text[], $5::text[]) WITH ORDINALITY AS t(unit, amount, measure, scope, ord)`,
    [activityId, targets.map((t) => t.unitLabel), targets.map((t) => t.amount), targets.map((t) => t.measure), targets.map((t) => t.scope)],
  );
}

/** Deletes an activity of a program, only while it has no report. */
export async function deleteActivityWithoutReports(tx: Queryable, programId: number, activityId: number): Promise<boolean> {
  const result = await tx.query(
    `DELETE FROM program_activities a WHERE a.id = $1 AND a.program_id = $2 AND NOT EXISTS (SELECT 1 FROM activity_reports r WHERE r.activity_id = a.id)`,
    [activityId, programId],
  );
  return (result.rowCount ?? 0) > 0;
}
