import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import type { OrganizationRef } from '../../../core/authorization.ts';
import { DayColumn, IdRow, IdsColumn, LangColumn, oneOrThrow } from '../../../core/rows.ts';
import { MEASURES, TARGET_SCOPES } from '../domain/progress.ts';
import { organizationBriefs, regionsByIds } from './lookups.ts';
import { PROGRAM_STATUSES, type OrganizationBrief, type ProgramRow } from './rows.ts';

/** A program as stored (PROGRAM_SELECT): its organizations and regions by id, named by `withNames`. */
const StoredProgram = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  lang: LangColumn,
  periodStart: DayColumn,
  periodEnd: DayColumn,
  agreementAreaId: z.number().nullable(),
  status: z.enum(PROGRAM_STATUSES),
  isPublic: z.boolean(),
  progressVersion: z.number(),
  leadOrganizationId: z.number(),
  partnerIds: IdsColumn,
  regionIds: IdsColumn,
});
type StoredProgram = z.infer<typeof StoredProgram>;

const PROGRAM_SELECT = `
  SELECT p.id, p.title, p.description, p.lang, p.period_start AS "periodStart", p.period_end AS "periodEnd",
         p.agreement_area_id AS "agreementAreaId", p.status, p.is_public AS "isPublic", p.progress_version AS "progressVersion",
         p.lead_organization_id AS "leadOrganizationId",
         COALESCE((SELECT array_agg(pp.organization_id ORDER BY pp.organization_id) FROM program_partners pp WHERE pp.program_id = p.id), '{}') AS "partnerIds",
         COALESCE((SELECT array_agg(pr.region_id) FROM program_regions pr WHERE pr.program_id = p.id), '{}') AS "regionIds"
  FROM programs p`;

/** Organizations named in these rows, one lookup for all of them (the lead is always known: a foreign key). */
export async function organizationsOf(db: Queryable, ids: number[]): Promise<(id: number) => OrganizationBrief> {
  const byId = await organizationBriefs(db, ids);
  return (id) => byId.get(id) ?? { id, slug: '', name: {}, ancestorIds: [] };
}

// Two lookups for any number of programs: their organizations and their regions, through the owners' exports.
async function withNames(db: Queryable, rows: StoredProgram[]): Promise<ProgramRow[]> {
  const [org, regions] = await Promise.all([
    organizationsOf(
      db,
      rows.flatMap((r) => [r.leadOrganizationId, ...r.partnerIds]),
    ),
    regionsByIds(
      db,
      rows.flatMap((r) => r.regionIds),
    ),
  ]);
  return rows.map(({ leadOrganizationId, partnerIds, regionIds, ...row }) => {
    const own = new Set(regionIds);
    return { ...row, lead: org(leadOrganizationId), partners: partnerIds.map(org), regions: regions.filter((r) => own.has(r.id)) };
  });
}

/** One program with its lead, partners and regions; undefined when there is none. */
export async function findProgram(db: Queryable, id: number): Promise<ProgramRow | undefined> {
  const row = await one(db, StoredProgram, `${PROGRAM_SELECT} WHERE p.id = $1`, [id]);
  return row ? (await withNames(db, [row]))[0] : undefined;
}

/** Programs led by or partnered with any of these organizations, newest period first. */
export async function programsOfOrganizations(db: Queryable, organizationIds: number[]): Promise<ProgramRow[]> {
  if (organizationIds.length === 0) return [];
  const rows = await many(
    db,
    StoredProgram,
    `${PROGRAM_SELECT}
     WHERE p.lead_organization_id = ANY($1::bigint[])
        OR EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id AND pp.organization_id = ANY($1::bigint[]))
     ORDER BY p.period_start DESC, p.id DESC LIMIT 500`,
    [organizationIds],
  );
  return withNames(db, rows);
}

/** Public programs (not drafts), newest first. */
export async function publicPrograms(db: Queryable, limit = 100): Promise<ProgramRow[]> {
  return withNames(
    db,
    await many(
      db,
      StoredProgram,
      `${PROGRAM_SELECT} WHERE p.is_public AND p.status <> 'draft' ORDER BY p.period_start DESC, p.id DESC LIMIT $1`,
      [limit],
    ),
  );
}

/** A program's lead, partners and title (for other modules), or undefined when it does not exist. */
export function findProgramRef(db: Queryable, id: number) {
  return one(
    db,
    z.object({ id: z.number(), leadOrganizationId: z.number(), partnerOrganizationIds: IdsColumn, title: z.string() }),
    `SELECT p.id, p.lead_organization_id AS "leadOrganizationId", p.title,
            COALESCE((SELECT array_agg(pp.organization_id ORDER BY pp.organization_id) FROM program_partners pp WHERE pp.program_id = p.id), '{}') AS "partnerOrganizationIds"
     FROM programs p WHERE p.id = $1`,
    [id],
  );
}

/** Programs an organization leads or partners in, by title (for other modules' pickers). */
export function programTitlesForOrganization(db: Queryable, organizationId: number) {
  return many(
    db,
    z.object({ id: z.number(), title: z.string() }),
    `SELECT p.id, p.title FROM programs p
     WHERE p.lead_organization_id = $1 OR EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id AND pp.organization_id = $1)
     ORDER BY p.period_start DESC, p.id DESC`,
    [organizationId],
  );
}

/** What progress needs of an activity: status, regions and targets (amounts cast to float8: numeric would be text). */
export const ProgressActivityRow = z.object({
  id: z.number(),
  programId: z.number(),
  status: z.string(),
  regionIds: IdsColumn,
  targets: z.array(z.object({ measure: z.enum(MEASURES), scope: z.enum(TARGET_SCOPES), amount: z.number() })),
});

/** A program serving an agreement area as stored, its activities packed as JSON. */
const StoredAreaProgram = z.object({
  id: z.number(),
  title: z.string(),
  agreementAreaId: z.number(),
  status: z.string(),
  isPublic: z.boolean(),
  periodStart: DayColumn,
  periodEnd: DayColumn,
  leadOrganizationId: z.number(),
  partnerIds: IdsColumn,
  activities: z.array(ProgressActivityRow.extend({ number: z.number(), title: z.string() })),
});

/** A program serving an agreement area, with what progress and the policy need and its activities (regions, targets). */
export type AreaProgramRow = Omit<z.infer<typeof StoredAreaProgram>, 'leadOrganizationId' | 'partnerIds'> & {
  lead: OrganizationRef;
  partners: OrganizationRef[];
};

/** The programs of these agreement areas with their activities packed as JSON: one query for all areas (their organizations are one more lookup). */
export async function programsWithActivitiesOfAreas(db: Queryable, areaIds: number[]): Promise<AreaProgramRow[]> {
  if (areaIds.length === 0) return [];
  const rows = await many(
    db,
    StoredAreaProgram,
    `SELECT p.id, p.title, p.agreement_area_id AS "agreementAreaId", p.status, p.is_public AS "isPublic",
            p.period_start AS "periodStart", p.period_end AS "periodEnd", p.lead_organization_id AS "leadOrganizationId",
            COALESCE((SELECT array_agg(pp.organization_id ORDER BY pp.organization_id) FROM program_partners pp WHERE pp.program_id = p.id), '{}') AS "partnerIds",
            COALESCE((SELECT json_agg(json_build_object(
                        'id', a.id, 'programId', a.program_id, 'number', a.number, 'title', a.title, 'status', a.status,
                        'regionIds', COALESCE((SELECT array_agg(ar.region_id) FROM activity_regions ar WHERE ar.activity_id = a.id), '{}'),
                        'targets', COALESCE((SELECT json_agg(json_build_object('measure', t.measure, 'scope', t.scope, 'amount', t.amount::float8))
                                             FROM activity_targets t WHERE t.activity_id = a.id), '[]')) ORDER BY a.number)
                      FROM program_activities a WHERE a.program_id = p.id), '[]') AS activities
     FROM programs p
     WHERE p.agreement_area_id = ANY($1::bigint[])
     ORDER BY p.period_start, p.id`,
    [areaIds],
  );
  const org = await organizationsOf(
    db,
    rows.flatMap((r) => [r.leadOrganizationId, ...r.partnerIds]),
  );
  const ref = (id: number): OrganizationRef => ({ id, ancestorIds: org(id).ancestorIds });
  return rows.map(({ leadOrganizationId, partnerIds, ...row }) => ({
    ...row,
    lead: ref(leadOrganizationId),
    partners: partnerIds.map(ref),
  }));
}

// ---- Writes (called by the commands, inside their transaction) ----

/** Locks a program row so concurrent writers number activities one after another. */
export function lockProgram(tx: Queryable, programId: number) {
  return one(
    tx,
    z.object({ id: z.number(), leadOrganizationId: z.number() }),
    `SELECT id, lead_organization_id AS "leadOrganizationId" FROM programs WHERE id = $1 FOR UPDATE`,
    [programId],
  );
}

/** A program's own fields, as the commands write them. */
export type ProgramValues = Pick<
  ProgramRow,
  'title' | 'description' | 'lang' | 'periodStart' | 'periodEnd' | 'agreementAreaId' | 'status' | 'isPublic'
>;

const programParams = (v: ProgramValues) => [
  v.title,
  v.description,
  v.lang,
  v.periodStart,
  v.periodEnd,
  v.agreementAreaId,
  v.status,
  v.isPublic,
];

/** Inserts a program; returns its id. */
export async function insertProgram(tx: Queryable, v: ProgramValues & { leadOrganizationId: number; createdBy: number }): Promise<number> {
  const rows = await many(
    tx,
    IdRow,
    `INSERT INTO programs (title, description, lang, period_start, period_end, agreement_area_id, status, is_public, lead_organization_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [...programParams(v), v.leadOrganizationId, v.createdBy],
  );
  return oneOrThrow(rows, 'program').id;
}

/** Updates a program's own fields. */
export async function updateProgram(tx: Queryable, id: number, v: ProgramValues): Promise<void> {
  await tx.query(
    `UPDATE programs SET title = $1, description = $2, lang = $3, period_start = $4, period_end = $5, agreement_area_id = $6,
            status = $7, is_public = $8, updated_at = now() WHERE id = $9`,
    [...programParams(v), id],
  );
}

/** Replaces a program's partner organizations and regions. */
export async function replaceProgramLinks(tx: Queryable, id: number, partnerIds: number[], regionIds: number[]): Promise<void> {
  await tx.query(`DELETE FROM program_partners WHERE program_id = $1`, [id]);
  await tx.query(`DELETE FROM program_regions WHERE program_id = $1`, [id]);
  await tx.query(`INSERT INTO program_partners (program_id, organization_id) SELECT $1, unnest($2::bigint[])`, [id, partnerIds]);
  await tx.query(`INSERT INTO program_regions (program_id, region_id) SELECT $1, unnest($2::bigint[])`, [id, regionIds]);
}

/** Deletes a program with its activities, only while none of them has a report (evidence is never deleted). */
export async function deleteProgramWithoutReports(tx: Queryable, programId: number): Promise<boolean> {
  const result = await tx.query(
    `DELETE FROM programs p WHERE p.id = $1
       AND NOT EXISTS (SELECT 1 FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id WHERE a.program_id = p.id)`,
    [programId],
  );
  return (result.rowCount ?? 0) > 0;
}
