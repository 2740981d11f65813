import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import type { OrganizationRef } from '../../core/authorization.ts';
import type { ApprovedTotals, Measure, TargetScope } from './progress.ts';
import type { ProgressActivityInput } from './derive.ts';

export const ACTIVITY_TYPES = [
  'ceremony_conference', 'family_visit', 'commemoration', 'contest', 'meeting', 'site_visit', 'service_desk',
  'livelihood_aid', 'volunteer_shift', 'training', 'dialogue', 'communication', 'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_STATUSES = ['draft', 'planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const PROGRAM_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
export const REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ProgramLang = 'fa' | 'vi' | 'en';

export interface OrganizationBrief extends OrganizationRef {
  slug: string;
  name: LocalizedText;
}

export interface RegionBrief {
  id: number;
  code: string;
  kind: string;
  name: LocalizedText;
  ancestorIds: number[];
}

export interface ProgramRow {
  id: number;
  title: string;
  description: string;
  lang: ProgramLang;
  periodStart: string;
  periodEnd: string;
  agreementAreaId: number | null;
  status: ProgramStatus;
  isPublic: boolean;
  /** Moves whenever anything progress is derived from changes (kept by triggers): the cache key. */
  progressVersion: number;
  lead: OrganizationBrief;
  partners: OrganizationBrief[];
  regions: RegionBrief[];
}

export interface TargetRow {
  id: number;
  unitLabel: string;
  amount: number;
  measure: Measure;
  scope: TargetScope;
}

export interface ActivityRow {
  id: number;
  programId: number;
  number: number;
  title: string;
  description: string;
  type: ActivityType;
  /** The activity's own lead, or the program's when it has none. */
  lead: OrganizationBrief;
  ownLead: boolean;
  partners: OrganizationBrief[];
  regions: RegionBrief[];
  startsOn: string | null;
  endsOn: string | null;
  responsibleUserId: number | null;
  responsibleName: string | null;
  budget: number | null;
  budgetCurrency: string | null;
  status: ActivityStatus;
  resolutionId: number | null;
  publicNotes: string;
  internalNotes: string;
  targets: TargetRow[];
}

/** A report as read: what its reporter entered (ReportValues) and where it stands. */
export interface ReportRow extends ReportValues {
  id: number;
  activityId: number;
  activityNumber: number;
  activityTitle: string;
  regionName: LocalizedText;
  regionAncestorIds: number[];
  reporterId: number | null;
  reporterName: string | null;
  status: ReportStatus;
  reviewerName: string | null;
  reviewerComment: string;
  reviewedAt: Date | null;
  createdAt: Date;
  fileCount: number;
}

export interface ReportFileRow {
  id: number;
  reportId: number;
  filename: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}

const ORG_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'slug', ${alias}.slug, 'name', ${alias}.name, 'ancestorIds', ${alias}.ancestor_ids)`;
const REGION_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'kind', ${alias}.kind, 'name', ${alias}.name, 'ancestorIds', ${alias}.ancestor_ids)`;

const PROGRAM_SELECT = `
  SELECT p.id, p.title, p.description, p.lang, p.period_start AS "periodStart", p.period_end AS "periodEnd",
         p.agreement_area_id AS "agreementAreaId", p.status, p.is_public AS "isPublic", p.progress_version AS "progressVersion",
         ${ORG_JSON('lo')} AS lead,
         COALESCE((SELECT json_agg(${ORG_JSON('o')} ORDER BY o.id) FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id WHERE pp.program_id = p.id), '[]') AS partners,
         COALESCE((SELECT json_agg(${REGION_JSON('r')} ORDER BY array_length(r.ancestor_ids, 1) NULLS FIRST, r.code) FROM program_regions pr JOIN regions r ON r.id = pr.region_id WHERE pr.program_id = p.id), '[]') AS regions
  FROM programs p JOIN organizations lo ON lo.id = p.lead_organization_id`;

/** One program with its lead, partners and regions; undefined when there is none. */
export function findProgram(db: Queryable, id: number): Promise<ProgramRow | undefined> {
  return one<ProgramRow>(db, `${PROGRAM_SELECT} WHERE p.id = $1`, [id]);
}

/** Programs led by or partnered with any of these organizations, newest period first. */
export function programsOfOrganizations(db: Queryable, organizationIds: number[]): Promise<ProgramRow[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many<ProgramRow>(
    db,
    `${PROGRAM_SELECT}
     WHERE p.lead_organization_id = ANY($1::bigint[])
        OR EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id AND pp.organization_id = ANY($1::bigint[]))
     ORDER BY p.period_start DESC, p.id DESC LIMIT 500`,
    [organizationIds],
  );
}

/** Public programs (not drafts), newest first. */
export function publicPrograms(db: Queryable, limit = 100): Promise<ProgramRow[]> {
  return many<ProgramRow>(db, `${PROGRAM_SELECT} WHERE p.is_public AND p.status <> 'draft' ORDER BY p.period_start DESC, p.id DESC LIMIT $1`, [limit]);
}

/** Ids of every organization that is one of these or below one of them (roles reach sub-organizations). */
export async function organizationsAtOrBelow(db: Queryable, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await many<{ id: number }>(db, `SELECT id FROM organizations WHERE id = ANY($1::bigint[]) OR ancestor_ids && $1::bigint[]`, [ids]);
  return rows.map((r) => r.id);
}

/** A minimal program reference (for other modules). */
export function findProgramBrief(db: Queryable, id: number) {
  return one<{ id: number; leadOrganizationId: number; partnerOrganizationIds: number[]; title: string; lastNumber: number }>(
    db,
    `SELECT p.id, p.lead_organization_id AS "leadOrganizationId", p.title,
            COALESCE((SELECT array_agg(pp.organization_id ORDER BY pp.organization_id) FROM program_partners pp WHERE pp.program_id = p.id), '{}') AS "partnerOrganizationIds",
            COALESCE((SELECT max(number) FROM program_activities a WHERE a.program_id = p.id), 0) AS "lastNumber"
     FROM programs p WHERE p.id = $1`,
    [id],
  );
}

/** Programs an organization leads or partners in, by title (for other modules' pickers). */
export function programTitlesForOrganization(db: Queryable, organizationId: number) {
  return many<{ id: number; title: string }>(
    db,
    `SELECT p.id, p.title FROM programs p
     WHERE p.lead_organization_id = $1 OR EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id AND pp.organization_id = $1)
     ORDER BY p.period_start DESC, p.id DESC`,
    [organizationId],
  );
}

const ACTIVITY_SELECT = `
  SELECT a.id, a.program_id AS "programId", a.number, a.title, a.description, a.type,
         ${ORG_JSON('lo')} AS lead, a.lead_organization_id IS NOT NULL AS "ownLead",
         COALESCE((SELECT json_agg(${ORG_JSON('o')} ORDER BY o.id) FROM activity_partners ap JOIN organizations o ON o.id = ap.organization_id WHERE ap.activity_id = a.id), '[]') AS partners,
         COALESCE((SELECT array_agg(ar.region_id)::int[] FROM activity_regions ar WHERE ar.activity_id = a.id), '{}') AS "regionIds",
         a.starts_on AS "startsOn", a.ends_on AS "endsOn", a.responsible_user_id AS "responsibleUserId", u.name AS "responsibleName",
         a.budget::float8 AS budget, a.budget_currency AS "budgetCurrency", a.status, a.resolution_id AS "resolutionId",
         a.public_notes AS "publicNotes", a.internal_notes AS "internalNotes",
         COALESCE((SELECT json_agg(json_build_object('id', t.id, 'unitLabel', t.unit_label, 'amount', t.amount::float8, 'measure', t.measure, 'scope', t.scope) ORDER BY t.position, t.id)
                   FROM activity_targets t WHERE t.activity_id = a.id), '[]') AS targets
  FROM program_activities a
  JOIN programs p ON p.id = a.program_id
  JOIN organizations lo ON lo.id = COALESCE(a.lead_organization_id, p.lead_organization_id)
  LEFT JOIN users u ON u.id = a.responsible_user_id`;

type ActivityRowWithRegionIds = Omit<ActivityRow, 'regions'> & { regionIds: number[] };

// Regions are loaded once for all activities (50 activities × 20 counties would otherwise repeat each region's
// names a thousand times in the result).
async function withRegions(db: Queryable, rows: ActivityRowWithRegionIds[], known: RegionBrief[] = []): Promise<ActivityRow[]> {
  const wanted = [...new Set(rows.flatMap((r) => r.regionIds))];
  const knownIds = new Set(known.map((r) => r.id));
  // An activity's regions are normally its program's, which the caller already has: no query then.
  const regions = wanted.every((id) => knownIds.has(id))
    ? known.filter((r) => wanted.includes(r.id)).sort((a, b) => a.ancestorIds.length - b.ancestorIds.length || a.code.localeCompare(b.code))
    : await regionsByIds(db, wanted);
  const order = new Map(regions.map((r, i) => [r.id, i]));
  const byId = new Map(regions.map((r) => [r.id, r]));
  return rows.map(({ regionIds, ...row }) => ({
    ...row,
    regions: regionIds
      .filter((id) => byId.has(id))
      .sort((a, b) => order.get(a)! - order.get(b)!)
      .map((id) => byId.get(id)!),
  }));
}

/** Every activity of a program, by number (pass the program's regions, already loaded, to save a query). */
export async function activitiesOfProgram(db: Queryable, programId: number, programRegions: RegionBrief[] = []): Promise<ActivityRow[]> {
  return withRegions(db, await many<ActivityRowWithRegionIds>(db, `${ACTIVITY_SELECT} WHERE a.program_id = $1 ORDER BY a.number`, [programId]), programRegions);
}

/** One activity of a program by its number. */
export async function findActivity(db: Queryable, programId: number, number: number): Promise<ActivityRow | undefined> {
  const row = await one<ActivityRowWithRegionIds>(db, `${ACTIVITY_SELECT} WHERE a.program_id = $1 AND a.number = $2`, [programId, number]);
  return row ? (await withRegions(db, [row]))[0] : undefined;
}

/**
 * Sums of reports per activity, region and status for the activities of these programs, in one scan: the approved
 * sums make progress, the submitted counts the "waiting for review" figure. One row per activity, its figures packed
 * as JSON (a dashboard of 50 activities × 20 regions reads 50 rows, not 2,000).
 */
export async function reportTotalsForPrograms(
  db: Queryable,
  programIds: number[],
): Promise<Array<ApprovedTotals & { activityId: number; regionId: number; status: ReportStatus }>> {
  if (programIds.length === 0) return [];
  const rows = await many<{ activityId: number; totals: Array<[number, ReportStatus, number, number, number, number, number, number, number]> }>(
    db,
    `SELECT t.activity_id AS "activityId",
            json_agg(json_build_array(t.region_id, t.status, t.reports, t.workers, t.employers, t.families, t.other, t.beneficiaries, t.money)) AS totals
     FROM (SELECT r.activity_id, r.region_id, r.status, count(*) AS reports, sum(r.workers) AS workers, sum(r.employers) AS employers,
                  sum(r.families) AS families, sum(r.other_participants) AS other, sum(r.beneficiaries) AS beneficiaries, sum(r.money_spent)::float8 AS money
           FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id
           WHERE a.program_id = ANY($1::bigint[]) AND r.status IN ('approved', 'submitted')
           GROUP BY r.activity_id, r.region_id, r.status) t
     GROUP BY t.activity_id`,
    [programIds],
  );
  return rows.flatMap((row) =>
    row.totals.map(([regionId, status, reports, workers, employers, families, otherParticipants, beneficiaries, moneySpent]) => ({
      activityId: row.activityId,
      regionId,
      status,
      reports: Number(reports),
      workers: Number(workers),
      employers: Number(employers),
      families: Number(families),
      otherParticipants: Number(otherParticipants),
      beneficiaries: Number(beneficiaries),
      moneySpent: Number(moneySpent),
    })),
  );
}

/** What progress needs about the activities of these programs: status, regions and targets. */
export function progressInputsForPrograms(db: Queryable, programIds: number[]) {
  if (programIds.length === 0) return Promise.resolve([]);
  return many<{ id: number; programId: number; status: string; regionIds: number[]; targets: Array<{ measure: Measure; scope: TargetScope; amount: number }> }>(
    db,
    `SELECT a.id, a.program_id AS "programId", a.status,
            COALESCE((SELECT array_agg(ar.region_id)::int[] FROM activity_regions ar WHERE ar.activity_id = a.id), '{}') AS "regionIds",
            COALESCE((SELECT json_agg(json_build_object('measure', t.measure, 'scope', t.scope, 'amount', t.amount::float8)) FROM activity_targets t WHERE t.activity_id = a.id), '[]') AS targets
     FROM program_activities a WHERE a.program_id = ANY($1::bigint[])`,
    [programIds],
  );
}

/** A program serving an agreement area, with what progress and the policy need and its activities (regions, targets). */
export interface AreaProgramRow {
  id: number;
  title: string;
  agreementAreaId: number;
  status: string;
  isPublic: boolean;
  periodStart: string;
  periodEnd: string;
  lead: OrganizationRef;
  partners: OrganizationRef[];
  activities: Array<ProgressActivityInput & { number: number; title: string }>;
}

/** The programs of these agreement areas with their activities packed as JSON: one query for all areas. */
export function programsWithActivitiesOfAreas(db: Queryable, areaIds: number[]): Promise<AreaProgramRow[]> {
  if (areaIds.length === 0) return Promise.resolve([]);
  return many<AreaProgramRow>(
    db,
    `SELECT p.id, p.title, p.agreement_area_id AS "agreementAreaId", p.status, p.is_public AS "isPublic",
            p.period_start AS "periodStart", p.period_end AS "periodEnd",
            json_build_object('id', lo.id, 'ancestorIds', lo.ancestor_ids) AS lead,
            COALESCE((SELECT json_agg(json_build_object('id', o.id, 'ancestorIds', o.ancestor_ids) ORDER BY o.id)
                      FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id WHERE pp.program_id = p.id), '[]') AS partners,
            COALESCE((SELECT json_agg(json_build_object(
                        'id', a.id, 'programId', a.program_id, 'number', a.number, 'title', a.title, 'status', a.status,
                        'regionIds', COALESCE((SELECT array_agg(ar.region_id) FROM activity_regions ar WHERE ar.activity_id = a.id), '{}'),
                        'targets', COALESCE((SELECT json_agg(json_build_object('measure', t.measure, 'scope', t.scope, 'amount', t.amount::float8))
                                             FROM activity_targets t WHERE t.activity_id = a.id), '[]')) ORDER BY a.number)
                      FROM program_activities a WHERE a.program_id = p.id), '[]') AS activities
     FROM programs p JOIN organizations lo ON lo.id = p.lead_organization_id
     WHERE p.agreement_area_id = ANY($1::bigint[])
     ORDER BY p.period_start, p.id`,
    [areaIds],
  );
}

const REPORT_SELECT = `
  SELECT r.id, r.activity_id AS "activityId", a.number AS "activityNumber", a.title AS "activityTitle",
         r.region_id AS "regionId", rg.name AS "regionName", rg.ancestor_ids AS "regionAncestorIds",
         r.reporter_id AS "reporterId", ru.name AS "reporterName", r.held_on AS "heldOn", r.place,
         r.workers, r.employers, r.families, r.other_participants AS "otherParticipants", r.beneficiaries,
         r.money_spent::float8 AS "moneySpent", r.notes, r.status, vu.name AS "reviewerName",
         r.reviewer_comment AS "reviewerComment", r.reviewed_at AS "reviewedAt", r.created_at AS "createdAt",
         (SELECT count(*)::int FROM activity_report_files f WHERE f.report_id = r.id) AS "fileCount"
  FROM activity_reports r
  JOIN program_activities a ON a.id = r.activity_id
  JOIN regions rg ON rg.id = r.region_id
  LEFT JOIN users ru ON ru.id = r.reporter_id
  LEFT JOIN users vu ON vu.id = r.reviewer_id`;

/** Every report of a program's activities (callers filter what the viewer may see), newest first. */
export function reportsOfProgram(db: Queryable, programId: number, options: { approvedOnly?: boolean } = {}): Promise<ReportRow[]> {
  return many<ReportRow>(
    db,
    `${REPORT_SELECT} WHERE a.program_id = $1 ${options.approvedOnly ? `AND r.status = 'approved'` : ''} ORDER BY a.number, r.held_on DESC, r.id DESC`,
    [programId],
  );
}

/** Reports of one activity, newest first. */
export function reportsOfActivity(db: Queryable, activityId: number): Promise<ReportRow[]> {
  return many<ReportRow>(db, `${REPORT_SELECT} WHERE r.activity_id = $1 ORDER BY r.held_on DESC, r.id DESC`, [activityId]);
}

/** One report, if it belongs to this program. */
export function findReport(db: Queryable, programId: number, reportId: number): Promise<ReportRow | undefined> {
  return one<ReportRow>(db, `${REPORT_SELECT} WHERE a.program_id = $1 AND r.id = $2`, [programId, reportId]);
}

/** The files of a report (without their bytes). */
export function filesOfReport(db: Queryable, reportId: number): Promise<ReportFileRow[]> {
  return many<ReportFileRow>(
    db,
    `SELECT id, report_id AS "reportId", filename, content_type AS "contentType", byte_size AS "byteSize", width, height
     FROM activity_report_files WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
}

/** One file with its bytes. */
export function findReportFile(db: Queryable, reportId: number, fileId: number) {
  return one<ReportFileRow & { data: Buffer }>(
    db,
    `SELECT id, report_id AS "reportId", filename, content_type AS "contentType", byte_size AS "byteSize", width, height, data
     FROM activity_report_files WHERE report_id = $1 AND id = $2`,
    [reportId, fileId],
  );
}

/** Regions by id (with their ancestors, to check an official's county). */
export function regionsByIds(db: Queryable, ids: number[]): Promise<RegionBrief[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many<RegionBrief>(db, `SELECT id, code, kind, name, ancestor_ids AS "ancestorIds" FROM regions WHERE id = ANY($1::bigint[]) ORDER BY array_length(ancestor_ids, 1) NULLS FIRST, code`, [ids]);
}

/** A region and every region below it (the choices for a program led from that region). */
export function regionsAtOrBelow(db: Queryable, regionId: number | null): Promise<RegionBrief[]> {
  return many<RegionBrief>(
    db,
    `SELECT id, code, kind, name, ancestor_ids AS "ancestorIds" FROM regions
     WHERE $1::bigint IS NULL OR id = $1 OR $1 = ANY(ancestor_ids)
     ORDER BY array_length(ancestor_ids, 1) NULLS FIRST, code LIMIT 500`,
    [regionId],
  );
}

/** Every organization (for partner choices), by slug. */
export function allOrganizations(db: Queryable): Promise<Array<OrganizationBrief & { regionId: number | null }>> {
  return many(db, `SELECT id, slug, name, ancestor_ids AS "ancestorIds", region_id AS "regionId" FROM organizations ORDER BY slug LIMIT 1000`);
}

/** Organizations by id. */
export function organizationsByIds(db: Queryable, ids: number[]): Promise<Array<OrganizationBrief & { regionId: number | null }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return many(db, `SELECT id, slug, name, ancestor_ids AS "ancestorIds", region_id AS "regionId" FROM organizations WHERE id = ANY($1::bigint[])`, [ids]);
}

/** An organization by slug. */
export function organizationBySlug(db: Queryable, slug: string) {
  return one<OrganizationBrief & { regionId: number | null }>(
    db,
    `SELECT id, slug, name, ancestor_ids AS "ancestorIds", region_id AS "regionId" FROM organizations WHERE slug = $1`,
    [slug],
  );
}

/** People holding official, coordinator or admin in these organizations or above them (candidates for "responsible official"). */
export function officialsOf(db: Queryable, organizationIds: number[]) {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many<{ id: number; name: string }>(
    db,
    `SELECT DISTINCT u.id, u.name FROM users u JOIN memberships m ON m.user_id = u.id
     WHERE m.role IN ('official', 'coordinator', 'admin')
       AND (m.organization_id = ANY($1::bigint[])
            OR m.organization_id IN (SELECT unnest(ancestor_ids) FROM organizations WHERE id = ANY($1::bigint[])))
     ORDER BY u.name LIMIT 500`,
    [organizationIds],
  );
}

// ---- Writes (called by the commands, inside their transaction) ----

/** Locks a program row so concurrent writers number activities one after another. */
export function lockProgram(tx: Queryable, programId: number) {
  return one<{ id: number; leadOrganizationId: number }>(tx, `SELECT id, lead_organization_id AS "leadOrganizationId" FROM programs WHERE id = $1 FOR UPDATE`, [programId]);
}

/** How many of these organization and region ids exist (to refuse unknown ones before writing). */
export function countKnown(tx: Queryable, organizationIds: number[], regionIds: number[]) {
  return one<{ orgs: number; regions: number }>(
    tx,
    `SELECT (SELECT count(*) FROM organizations WHERE id = ANY($1::bigint[]))::int AS orgs,
            (SELECT count(*) FROM regions WHERE id = ANY($2::bigint[]))::int AS regions`,
    [organizationIds, regionIds],
  ) as Promise<{ orgs: number; regions: number }>;
}

export interface ProgramValues {
  title: string;
  description: string;
  lang: ProgramLang;
  periodStart: string;
  periodEnd: string;
  agreementAreaId: number | null;
  status: ProgramStatus;
  isPublic: boolean;
}

const programParams = (v: ProgramValues) => [v.title, v.description, v.lang, v.periodStart, v.periodEnd, v.agreementAreaId, v.status, v.isPublic];

/** Inserts a program; returns its id. */
export async function insertProgram(tx: Queryable, v: ProgramValues & { leadOrganizationId: number; createdBy: number }): Promise<number> {
  const row = await one<{ id: number }>(
    tx,
    `INSERT INTO programs (title, description, lang, period_start, period_end, agreement_area_id, status, is_public, lead_organization_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [...programParams(v), v.leadOrganizationId, v.createdBy],
  );
  return row!.id;
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

/** Inserts draft activities numbered after the program's last (the program must be locked); returns them by number. */
export async function insertDraftActivities(tx: Queryable, programId: number, titles: string[], resolutionId: number | null, createdBy: number) {
  const result = await tx.query<{ id: number; number: number }>(
    `INSERT INTO program_activities (program_id, number, title, status, resolution_id, created_by)
     SELECT $1, COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $1), 0) + t.ord, t.title, 'draft', $3, $4
     FROM unnest($2::text[]) WITH ORDINALITY AS t(title, ord)
     ORDER BY t.ord
     RETURNING id, number`,
    [programId, titles, resolutionId, createdBy],
  );
  return result.rows.sort((a, b) => a.number - b.number);
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
  v.title, v.description, v.type, v.status, v.leadOrganizationId, v.startsOn, v.endsOn, v.responsibleUserId, v.budget, v.budgetCurrency, v.publicNotes, v.internalNotes,
];

/** Inserts an activity numbered after the program's last (the program must be locked). */
export async function insertActivity(tx: Queryable, programId: number, createdBy: number, v: ActivityValues) {
  return (await one<{ id: number; number: number }>(
    tx,
    `INSERT INTO program_activities (title, description, type, status, lead_organization_id, starts_on, ends_on, responsible_user_id,
            budget, budget_currency, public_notes, internal_notes, program_id, number, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
             COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $13), 0) + 1, $14)
     RETURNING id, number`,
    [...activityParams(v), programId, createdBy],
  ))!;
}

/** Updates an activity of a program; undefined when it is not that program's. */
export function updateActivity(tx: Queryable, programId: number, activityId: number, v: ActivityValues) {
  return one<{ id: number; number: number }>(
    tx,
    `UPDATE program_activities SET title = $1, description = $2, type = $3, status = $4, lead_organization_id = $5, starts_on = $6, ends_on = $7,
            responsible_user_id = $8, budget = $9, budget_currency = $10, public_notes = $11, internal_notes = $12, updated_at = now()
     WHERE id = $13 AND program_id = $14 RETURNING id, number`,
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

export interface ReportValues {
  regionId: number;
  heldOn: string;
  place: string;
  workers: number;
  employers: number;
  families: number;
  otherParticipants: number;
  beneficiaries: number;
  moneySpent: number;
  notes: string;
}

const reportParams = (v: ReportValues) => [v.regionId, v.heldOn, v.place, v.workers, v.employers, v.families, v.otherParticipants, v.beneficiaries, v.moneySpent, v.notes];

/** Inserts a submitted report; returns its id. */
export async function insertReport(tx: Queryable, activityId: number, reporterId: number, v: ReportValues): Promise<number> {
  const row = await one<{ id: number }>(
    tx,
    `INSERT INTO activity_reports (region_id, held_on, place, workers, employers, families, other_participants, beneficiaries, money_spent, notes,
            activity_id, reporter_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [...reportParams(v), activityId, reporterId],
  );
  return row!.id;
}

/** Stores one checked file of a report. */
export async function insertReportFile(tx: Queryable, reportId: number, f: { filename: string; contentType: string; data: Buffer; width: number | null; height: number | null }) {
  await tx.query(
    `INSERT INTO activity_report_files (report_id, filename, content_type, byte_size, width, height, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [reportId, f.filename, f.contentType, f.data.length, f.width, f.height, f.data],
  );
}

/** Locks the reporter's own report while it is not approved; undefined otherwise. Returns how many files it has. */
export function lockOwnOpenReport(tx: Queryable, reportId: number, reporterId: number) {
  return one<{ files: number }>(
    tx,
    `SELECT (SELECT count(*)::int FROM activity_report_files f WHERE f.report_id = r.id) AS files
     FROM activity_reports r WHERE r.id = $1 AND r.reporter_id = $2 AND r.status <> 'approved' FOR UPDATE`,
    [reportId, reporterId],
  );
}

/** Replaces a report's figures and files it again for review. */
export async function updateReport(tx: Queryable, reportId: number, v: ReportValues): Promise<void> {
  await tx.query(
    `UPDATE activity_reports SET region_id = $1, held_on = $2, place = $3, workers = $4, employers = $5, families = $6, other_participants = $7,
            beneficiaries = $8, money_spent = $9, notes = $10, status = 'submitted', updated_at = now()
     WHERE id = $11`,
    [...reportParams(v), reportId],
  );
}

/** Approves or returns a submitted report; undefined when it was not waiting for review. */
export function setReportReview(tx: Queryable, reportId: number, status: 'approved' | 'returned', reviewerId: number, comment: string) {
  return one<{ reporterId: number | null }>(
    tx,
    `UPDATE activity_reports SET status = $1, reviewer_id = $2, reviewer_comment = $3, reviewed_at = now(), updated_at = now()
     WHERE id = $4 AND status = 'submitted' RETURNING reporter_id AS "reporterId"`,
    [status, reviewerId, comment, reportId],
  );
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

/** Deletes an activity of a program, only while it has no report. */
export async function deleteActivityWithoutReports(tx: Queryable, programId: number, activityId: number): Promise<boolean> {
  const result = await tx.query(
    `DELETE FROM program_activities a WHERE a.id = $1 AND a.program_id = $2 AND NOT EXISTS (SELECT 1 FROM activity_reports r WHERE r.activity_id = a.id)`,
    [activityId, programId],
  );
  return (result.rowCount ?? 0) > 0;
}
