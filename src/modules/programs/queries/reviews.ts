import { z } from 'zod';
import { CountRow, DayColumn } from '../../../core/rows.ts';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';

/**
 * Who may review what, as ids the queries can test: every organization where the actor is a coordinator or admin
 * (directly or from a parent) without a region limit, and (organization, region) pairs for grants limited to a
 * region. Built by loaders.ts from the actor's grants through the organizations' and regions' owners.
 */
export interface ReviewScope {
  /** A platform administrator reviews everything (own reports included, as canReviewReport says). */
  everything: boolean;
  actorId: number;
  orgIds: number[];
  limitedOrgIds: number[];
  /** Aligned with limitedOrgIds: the region (or one below it) that grant answers for. */
  limitedRegionIds: number[];
}

export interface ReviewFilter {
  organizationId: number | null;
  programId: number | null;
  /** A region and every region below it. */
  regionIds: number[] | null;
  /** true: only reports corrected after a return; false: only first submissions. */
  resubmitted: boolean | null;
}

const QueueRow = z.object({
  id: z.number(),
  programId: z.number(),
  programTitle: z.string(),
  activityNumber: z.number(),
  activityTitle: z.string(),
  regionId: z.number(),
  reporterId: z.number().nullable(),
  heldOn: DayColumn,
  createdAt: z.date(),
  resubmitted: z.boolean(),
  /** How many reports the filters match in all (every page's rows carry it). */
  total: z.number(),
});
export type QueueRow = z.infer<typeof QueueRow>;

/**
 * The waiting reports the scope may review, as SQL conditions over r (report), a (activity), p (program), from
 * parameter $1 on; canReviewReport in policy.ts says the same for one report (the tests hold them together).
 */
function scopeCondition(scope: ReviewScope): { sql: string; params: unknown[] } {
  if (scope.everything) return { sql: `r.status = 'submitted'`, params: [] };
  const reach = `p.lead_organization_id = ANY($2::bigint[]) OR a.lead_organization_id = ANY($2::bigint[])`;
  // The region-limited pairs only when there are some (most reviewers have none: a simpler plan, planned faster).
  if (scope.limitedOrgIds.length === 0)
    return {
      sql: `r.status = 'submitted' AND r.reporter_id IS DISTINCT FROM $1::bigint AND (${reach})`,
      params: [scope.actorId, scope.orgIds],
    };
  return {
    sql: `r.status = 'submitted' AND r.reporter_id IS DISTINCT FROM $1::bigint
      AND (${reach}
           OR EXISTS (SELECT 1 FROM unnest($3::bigint[], $4::bigint[]) AS l(org_id, region_id)
                      WHERE l.region_id = r.region_id AND l.org_id IN (p.lead_organization_id, a.lead_organization_id)))`,
    params: [scope.actorId, scope.orgIds, scope.limitedOrgIds, scope.limitedRegionIds],
  };
}

function filterCondition(filter: ReviewFilter, first: number): { sql: string; params: unknown[] } {
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `AND (${n(0)}::bigint IS NULL OR p.lead_organization_id = ${n(0)} OR a.lead_organization_id = ${n(0)})
      AND (${n(1)}::bigint IS NULL OR p.id = ${n(1)})
      AND (${n(2)}::bigint[] IS NULL OR r.region_id = ANY(${n(2)}::bigint[]))
      AND (${n(3)}::boolean IS NULL OR (r.reviewed_at IS NOT NULL) = ${n(3)})`,
    params: [filter.organizationId, filter.programId, filter.regionIds, filter.resubmitted],
  };
}

const FROM = `FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id JOIN programs p ON p.id = a.program_id`;

/**
 * One page of the queue, oldest filed first (by id, so "after" is a keyset cursor), each row with the filtered total;
 * limit + 1 rows tell whether more follow.
 */
export function reviewQueue(
  db: Queryable,
  scope: ReviewScope,
  filter: ReviewFilter,
  after: number | null,
  limit: number,
): Promise<QueueRow[]> {
  const where = scopeCondition(scope);
  const filters = filterCondition(filter, where.params.length + 1);
  const k = where.params.length + filters.params.length + 1;
  return many(
    db,
    QueueRow,
    `SELECT r.id, p.id AS "programId", p.title AS "programTitle", a.number AS "activityNumber", a.title AS "activityTitle",
            r.region_id AS "regionId", r.reporter_id AS "reporterId", r.held_on AS "heldOn", r.created_at AS "createdAt",
            r.reviewed_at IS NOT NULL AS resubmitted, q.total
     FROM (SELECT r.id, count(*) OVER ()::int AS total ${FROM} WHERE ${where.sql} ${filters.sql}) q
     JOIN activity_reports r ON r.id = q.id JOIN program_activities a ON a.id = r.activity_id JOIN programs p ON p.id = a.program_id
     WHERE $${k}::bigint IS NULL OR r.id > $${k}
     ORDER BY r.id LIMIT $${k + 1}`,
    [...where.params, ...filters.params, after, limit + 1],
  );
}

/** How many waiting reports the scope may review, with these filters (for a page past the end, which carries no total). */
export async function countReviewQueue(db: Queryable, scope: ReviewScope, filter: ReviewFilter): Promise<number> {
  const where = scopeCondition(scope);
  const filters = filterCondition(filter, where.params.length + 1);
  const row = await one(db, CountRow, `SELECT count(*)::int AS n ${FROM} WHERE ${where.sql} ${filters.sql}`, [
    ...where.params,
    ...filters.params,
  ]);
  return row?.n ?? 0;
}

/** One grouping set's row: a program, a region or a lead organization (the others null), and its count. */
const FacetRow = z.object({
  programId: z.number().nullable(),
  programTitle: z.string().nullable(),
  regionId: z.number().nullable(),
  organizationId: z.number().nullable(),
  count: z.number(),
});

/** The programs, regions and lead organizations with reports waiting for this reviewer, with their counts (the filters' choices), in one scan. */
export function reviewQueueFacets(db: Queryable, scope: ReviewScope): Promise<Array<z.infer<typeof FacetRow>>> {
  const where = scopeCondition(scope);
  return many(
    db,
    FacetRow,
    `SELECT p.id AS "programId", min(p.title) AS "programTitle", r.region_id AS "regionId", p.lead_organization_id AS "organizationId",
            count(*)::int AS count
     ${FROM} WHERE ${where.sql}
     GROUP BY GROUPING SETS ((p.id), (r.region_id), (p.lead_organization_id)) ORDER BY min(p.title), p.id LIMIT 1000`,
    where.params,
  );
}

const ResponsibleActivityRow = z.object({
  programId: z.number(),
  programTitle: z.string(),
  number: z.number(),
  title: z.string(),
  startsOn: DayColumn.nullable(),
  endsOn: DayColumn.nullable(),
  total: z.number(),
});
export type ResponsibleActivityRow = z.infer<typeof ResponsibleActivityRow>;

/** The person's open activities (not done or cancelled), nearest deadline first, and how many there are. */
export function openActivitiesOf(db: Queryable, userId: number, limit: number): Promise<ResponsibleActivityRow[]> {
  return many(
    db,
    ResponsibleActivityRow,
    `SELECT p.id AS "programId", p.title AS "programTitle", a.number, a.title, a.starts_on AS "startsOn", a.ends_on AS "endsOn",
            count(*) OVER ()::int AS total
     FROM program_activities a JOIN programs p ON p.id = a.program_id
     WHERE a.responsible_user_id = $1 AND a.status NOT IN ('done', 'cancelled')
     ORDER BY a.ends_on NULLS LAST, a.id LIMIT $2`,
    [userId, limit],
  );
}

const ReturnedReportRow = z.object({
  id: z.number(),
  programId: z.number(),
  programTitle: z.string(),
  activityNumber: z.number(),
  activityTitle: z.string(),
  reviewedAt: z.date().nullable(),
  total: z.number(),
});
export type ReturnedReportRow = z.infer<typeof ReturnedReportRow>;

/** The person's reports returned for correction, the longest-waiting first (at most `limit`), with how many there are. */
export function returnedReportsOf(db: Queryable, reporterId: number, limit: number): Promise<ReturnedReportRow[]> {
  return many(
    db,
    ReturnedReportRow,
    `SELECT r.id, p.id AS "programId", p.title AS "programTitle", a.number AS "activityNumber", a.title AS "activityTitle",
            r.reviewed_at AS "reviewedAt", count(*) OVER ()::int AS total
     FROM activity_reports r JOIN program_activities a ON a.id = r.activity_id JOIN programs p ON p.id = a.program_id
     WHERE r.reporter_id = $1 AND r.status = 'returned'
     ORDER BY r.reviewed_at NULLS FIRST, r.id LIMIT $2`,
    [reporterId, limit],
  );
}
