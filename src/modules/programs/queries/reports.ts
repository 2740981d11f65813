import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { DayColumn, IdRow, oneOrThrow } from '../../../core/rows.ts';
import type { ApprovedTotals } from '../domain/progress.ts';
import { regionsByIds, userNames } from './lookups.ts';
import { REPORT_STATUSES, type ReportRow, type ReportStatus, type ReportValues } from './rows.ts';

const REPORT_SELECT = `
  SELECT r.id, r.activity_id AS "activityId", a.number AS "activityNumber", a.title AS "activityTitle",
         r.region_id AS "regionId", r.reporter_id AS "reporterId", r.reviewer_id AS "reviewerId", r.held_on AS "heldOn", r.place,
         r.workers, r.employers, r.families, r.other_participants AS "otherParticipants", r.beneficiaries,
         r.money_spent::float8 AS "moneySpent", r.notes, r.status,
         r.reviewer_comment AS "reviewerComment", r.reviewed_at AS "reviewedAt", r.created_at AS "createdAt",
         (SELECT count(*)::int FROM activity_report_files f WHERE f.report_id = r.id) AS "fileCount"
  FROM activity_reports r
  JOIN program_activities a ON a.id = r.activity_id`;

/** A report as stored (REPORT_SELECT): its region and people by id, named by `withRegions`; money cast to float8. */
const StoredReport = z.object({
  id: z.number(),
  activityId: z.number(),
  activityNumber: z.number(),
  activityTitle: z.string(),
  regionId: z.number(),
  reporterId: z.number().nullable(),
  reviewerId: z.number().nullable(),
  heldOn: DayColumn,
  place: z.string(),
  workers: z.number(),
  employers: z.number(),
  families: z.number(),
  otherParticipants: z.number(),
  beneficiaries: z.number(),
  moneySpent: z.number(),
  notes: z.string(),
  status: z.enum(REPORT_STATUSES),
  reviewerComment: z.string(),
  reviewedAt: z.date().nullable(),
  createdAt: z.date(),
  fileCount: z.number(),
});
type StoredReport = z.infer<typeof StoredReport>;

const ReportFileRow = z.object({
  id: z.number(),
  reportId: z.number(),
  filename: z.string(),
  contentType: z.string(),
  byteSize: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
});
export type ReportFileRow = z.infer<typeof ReportFileRow>;

// The reports' regions and people, one lookup each through their owners (admin, accounts).
async function withRegions(db: Queryable, rows: StoredReport[]): Promise<ReportRow[]> {
  const [regionList, name] = await Promise.all([
    regionsByIds(
      db,
      rows.map((r) => r.regionId),
    ),
    userNames(
      db,
      rows.flatMap((r) => [r.reporterId, r.reviewerId]),
    ),
  ]);
  const regions = new Map(regionList.map((r) => [r.id, r]));
  return rows.map(({ reviewerId, ...row }) => ({
    ...row,
    regionName: regions.get(row.regionId)?.name ?? {},
    regionAncestorIds: regions.get(row.regionId)?.ancestorIds ?? [],
    reporterName: name(row.reporterId),
    reviewerName: name(reviewerId),
  }));
}

/** Every report of a program's activities (callers filter what the viewer may see), newest first. */
export async function reportsOfProgram(db: Queryable, programId: number, options: { approvedOnly?: boolean } = {}): Promise<ReportRow[]> {
  const rows = await many(
    db,
    StoredReport,
    `${REPORT_SELECT} WHERE a.program_id = $1 ${options.approvedOnly ? `AND r.status = 'approved'` : ''} ORDER BY a.number, r.held_on DESC, r.id DESC`,
    [programId],
  );
  return withRegions(db, rows);
}

/** Reports of one activity, newest first. */
export async function reportsOfActivity(db: Queryable, activityId: number): Promise<ReportRow[]> {
  return withRegions(
    db,
    await many(db, StoredReport, `${REPORT_SELECT} WHERE r.activity_id = $1 ORDER BY r.held_on DESC, r.id DESC`, [activityId]),
  );
}

/** One report, if it belongs to this program. */
export async function findReport(db: Queryable, programId: number, reportId: number): Promise<ReportRow | undefined> {
  const row = await one(db, StoredReport, `${REPORT_SELECT} WHERE a.program_id = $1 AND r.id = $2`, [programId, reportId]);
  return row ? (await withRegions(db, [row]))[0] : undefined;
}

/** The files of a report (without their bytes). */
export function filesOfReport(db: Queryable, reportId: number): Promise<ReportFileRow[]> {
  return many(
    db,
    ReportFileRow,
    `SELECT id, report_id AS "reportId", filename, content_type AS "contentType", byte_size AS "byteSize", width, height
     FROM activity_report_files WHERE report_id = $1 ORDER BY id`,
    [reportId],
  );
}

/** One file with its bytes. */
export function findReportFile(db: Queryable, reportId: number, fileId: number) {
  return one(
    db,
    ReportFileRow.extend({ data: z.instanceof(Buffer) }),
    `SELECT id, report_id AS "reportId", filename, content_type AS "contentType", byte_size AS "byteSize", width, height, data
     FROM activity_report_files WHERE report_id = $1 AND id = $2`,
    [reportId, fileId],
  );
}

const n = z.number();
/** One activity's sums, as json_build_array tuples: region, status, then the counts and sums (JSON numbers). */
const ReportTotalsRow = z.object({ activityId: n, totals: z.array(z.tuple([n, z.enum(REPORT_STATUSES), n, n, n, n, n, n, n])) });

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
  const rows = await many(
    db,
    ReportTotalsRow,
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
      reports,
      workers,
      employers,
      families,
      otherParticipants,
      beneficiaries,
      moneySpent,
    })),
  );
}

// ---- Writes (called by the commands, inside their transaction) ----

/** A report's entered values as statement parameters, in the column order the inserts and the update list them. */
export const reportParams = (v: ReportValues) => [
  v.regionId,
  v.heldOn,
  v.place,
  v.workers,
  v.employers,
  v.families,
  v.otherParticipants,
  v.beneficiaries,
  v.moneySpent,
  v.notes,
];

/** Inserts a submitted report; returns its id. */
export async function insertReport(tx: Queryable, activityId: number, reporterId: number, v: ReportValues): Promise<number> {
  const rows = await many(
    tx,
    IdRow,
    `INSERT INTO activity_reports (region_id, held_on, place, workers, employers, families, other_participants, beneficiaries, money_spent, notes,
            activity_id, reporter_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [...reportParams(v), activityId, reporterId],
  );
  return oneOrThrow(rows, 'report').id;
}

/** Stores one checked file of a report. */
export async function insertReportFile(
  tx: Queryable,
  reportId: number,
  f: { filename: string; contentType: string; data: Buffer; width: number | null; height: number | null },
) {
  await tx.query(
    `INSERT INTO activity_report_files (report_id, filename, content_type, byte_size, width, height, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [reportId, f.filename, f.contentType, f.data.length, f.width, f.height, f.data],
  );
}

/** Locks the reporter's own report while it is not approved; undefined otherwise. Returns how many files it has. */
export function lockOwnOpenReport(tx: Queryable, reportId: number, reporterId: number) {
  return one(
    tx,
    z.object({ files: z.number() }),
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
  return one(
    tx,
    z.object({ reporterId: z.number().nullable() }),
    `UPDATE activity_reports SET status = $1, reviewer_id = $2, reviewer_comment = $3, reviewed_at = now(), updated_at = now()
     WHERE id = $4 AND status = 'submitted' RETURNING reporter_id AS "reporterId"`,
    [status, reviewerId, comment, reportId],
  );
}

/** Where a report sits: its program and its activity's number (to load what its reviewers are found by). */
export async function reportPlace(db: Queryable, reportId: number): Promise<{ programId: number; activityNumber: number } | undefined> {
  return one(
    db,
    z.object({ programId: z.number(), activityNumber: z.number() }),
    `SELECT a.program_id::int AS "programId", a.number AS "activityNumber"
       FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id WHERE r.id = $1`,
    [reportId],
  );
}
