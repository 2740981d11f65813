import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import { formatNumber, pickLocalized, translator, type Lang, type LocalizedText } from '../../core/i18n.ts';
import { createLimiter, type Limiter } from '../../core/rate-limit.ts';
import { idParam, numberParam, requireActor } from '../../core/route-params.ts';
import type { Queryable } from '../../db/database.ts';
import { agreementAreaOptions, type AgreementAreaDirectory } from './domain/agreement-areas.ts';
import { canCreateProgram, canSeeReport, canViewProgram, mayReviewReports, REVIEWING_ROLES } from './policy.ts';
import type { Actor } from '../../core/authorization.ts';
import { WORK_ITEMS_SHOWN, workSection, type WorkLoader } from '../../core/work.ts';
import { activityLabel, activitySubject, programSubject, queueItemView, reportSubject } from './presenters.ts';
import type { ReviewQueueQuery } from './schemas.ts';
import {
  allOrganizations,
  findActivity,
  findProgram,
  findReport,
  officialsOf,
  regionsAtOrBelow,
  countReviewQueue,
  openActivitiesOf,
  returnedReportsOf,
  organizationsAtOrBelow,
  regionIdsAtOrBelow,
  regionsByIds,
  organizationBriefs,
  reviewQueue,
  reviewQueueFacets,
  userNames,
  type ActivityRow,
  type ProgramRow,
  type QueueRow,
  type ReviewFilter,
  type ReviewScope,
} from './queries/index.ts';

/** Today as an ISO day (UTC). */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** The latest day a report may say it was held: tomorrow in UTC, since Tehran and Hanoi are ahead of UTC. */
export const latestReportDay = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Loads a program the signed-in viewer may work on (staff of the lead or a partner); 404 otherwise. */
export async function loadProgramForStaff(db: Queryable, request: FastifyRequest): Promise<ProgramRow> {
  const id = idParam((request.params as { id?: string }).id);
  const actor = requireActor(request.ctx);
  const program = await findProgram(db, id);
  authorize(!!program && canViewProgram(actor, programSubject(program)));
  return program;
}

/** Loads an activity of a program by its number (the `number` path parameter); 404 when there is none. */
export async function loadActivity(db: Queryable, program: ProgramRow, request: FastifyRequest): Promise<ActivityRow> {
  const activity = await findActivity(db, program.id, numberParam((request.params as { number?: string }).number));
  authorize(!!activity);
  return activity;
}

/** Loads a report the viewer may see (its reporter, staff reaching its region, anyone who may view an approved one), with its program and activity. */
export async function loadReport(db: Queryable, request: FastifyRequest) {
  const actor = requireActor(request.ctx);
  const params = request.params as { id?: string; reportId?: string };
  const program = await findProgram(db, idParam(params.id));
  const report = program ? await findReport(db, program.id, idParam(params.reportId)) : undefined;
  const activity = program && report ? await findActivity(db, program.id, report.activityNumber) : undefined;
  authorize(
    !!program && !!report && !!activity && canSeeReport(actor, programSubject(program), activitySubject(activity), reportSubject(report)),
  );
  return { program, report, activity };
}
export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

/** Reports a person may file in an hour (photos are re-encoded on the server: a runaway script must not hog it). */
export const REPORTS_PER_HOUR = 60;

/** Counts filed reports per signed-in person (shared by pages and API): 429 with Retry-After past the limit. */
export const reportLimiter = (app: FastifyInstance): Limiter =>
  createLimiter(app, 'programs:report', { max: REPORTS_PER_HOUR, windowMs: 3_600_000 });

type Option = [string, string];

/** Organizations the viewer may start a program for. */
export async function leadChoices(db: Queryable, ctx: RequestContext): Promise<Option[]> {
  const orgs = await allOrganizations(db);
  return orgs.filter((o) => canCreateProgram(ctx.actor, o)).map((o) => [String(o.id), pickLocalized(o.name, ctx.lang)]);
}

/** Choices for the program form: partner organizations, regions (below the lead's region) and agreement areas. */
export async function programChoices(
  db: Queryable,
  ctx: RequestContext,
  areas: AgreementAreaDirectory,
  leadRegionId: number | null,
  leadIds: number[],
) {
  const [orgs, regions, areaOptions] = await Promise.all([
    allOrganizations(db),
    regionsAtOrBelow(db, leadRegionId),
    agreementAreaOptions(areas, db, leadIds),
  ]);
  return {
    areaOptions,
    partnerOptions: orgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    regionOptions: regions.map((r): Option => [String(r.id), pickLocalized(r.name, ctx.lang)]),
  };
}

/** Choices for the activity form, all drawn from the program. */
export async function activityChoices(db: Queryable, ctx: RequestContext, program: ProgramRow, activity?: ActivityRow) {
  const programOrgs = [program.lead, ...program.partners];
  const orgs = await allOrganizations(db);
  const regions = program.regions.length > 0 ? program.regions : await regionsAtOrBelow(db, null);
  const people = await officialsOf(db, [...programOrgs.map((o) => o.id), ...(activity?.partners.map((p) => p.id) ?? [])]);
  return {
    leadOptions: programOrgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    partnerOptions: orgs.map((o): Option => [String(o.id), pickLocalized(o.name, ctx.lang)]),
    regionOptions: regions.map((r): Option => [String(r.id), pickLocalized(r.name, ctx.lang)]),
    responsibleOptions: people.map((p): Option => [String(p.id), p.name]),
    responsibleIds: people.map((p) => p.id),
  };
}

/**
 * The reports this actor may review, as ids for the queue's SQL (null: none at all). Grants without a region limit
 * reach their organization and every one below it; a grant limited to a region reaches that region and those below it.
 */
export async function reviewScopeOf(db: Queryable, actor: Actor): Promise<ReviewScope | null> {
  if (actor.isPlatformAdmin) return { everything: true, actorId: actor.userId, orgIds: [], limitedOrgIds: [], limitedRegionIds: [] };
  if (!mayReviewReports(actor)) return null;
  const grants = actor.grants.filter((g) => REVIEWING_ROLES.includes(g.role));
  const limited = grants.filter((g) => g.regionId !== null);
  const [orgIds, ...limitedReach] = await Promise.all([
    organizationsAtOrBelow(
      db,
      grants.filter((g) => g.regionId === null).map((g) => g.organizationId),
    ),
    ...limited.map(async (g) => {
      const [orgs, regions] = await Promise.all([organizationsAtOrBelow(db, [g.organizationId]), regionIdsAtOrBelow(db, g.regionId ?? 0)]);
      return orgs.flatMap((org) => regions.map((region) => [org, region] as const));
    }),
  ]);
  const pairs = limitedReach.flat();
  return {
    everything: false,
    actorId: actor.userId,
    orgIds,
    limitedOrgIds: pairs.map(([org]) => org),
    limitedRegionIds: pairs.map(([, region]) => region),
  };
}

/** Waiting reports with their regions' and reporters' names, one lookup each (no query per report). */
export async function namedQueueRows(db: Queryable, rows: QueueRow[]) {
  const [regionName, name] = await Promise.all([
    regionNames(
      db,
      rows.map((r) => r.regionId),
    ),
    userNames(
      db,
      rows.map((r) => r.reporterId),
    ),
  ]);
  return rows.map((row) => ({ ...row, regionName: regionName(row.regionId), reporterName: name(row.reporterId) }));
}

/** Regions' names by id, in one lookup (an unknown id reads as no name). */
async function regionNames(db: Queryable, ids: number[]): Promise<(id: number) => LocalizedText> {
  const names = new Map((await regionsByIds(db, ids)).map((r) => [r.id, r.name]));
  return (id) => names.get(id) ?? {};
}
export type NamedQueueRow = Awaited<ReturnType<typeof namedQueueRows>>[number];

const NO_FILTER: ReviewFilter = { organizationId: null, programId: null, regionIds: null, resubmitted: null };

/** "My work" from programs: reports waiting for the actor's review, their own reports returned for correction, and the activities they are responsible for. */
export const programsWorkFor: WorkLoader = async (db, actor, lang) => {
  const t = translator(lang);
  const scope = await reviewScopeOf(db, actor);
  const [waiting, returned, activities] = await Promise.all([
    scope ? reviewQueue(db, scope, NO_FILTER, null, WORK_ITEMS_SHOWN) : [],
    returnedReportsOf(db, actor.userId, WORK_ITEMS_SHOWN),
    openActivitiesOf(db, actor.userId, WORK_ITEMS_SHOWN),
  ]);
  const regionName = await regionNames(
    db,
    waiting.map((r) => r.regionId),
  );
  return [
    ...workSection('reviews', waiting, '/reviews', (r) => ({
      title: activityLabel(t, r.activityNumber, r.activityTitle),
      context: [r.programTitle, pickLocalized(regionName(r.regionId), lang)],
      path: `/programs/${r.programId}/reports/${r.id}`,
      dueOn: null,
      since: r.createdAt,
    })),
    ...workSection('returned', returned, null, (r) => ({
      title: activityLabel(t, r.activityNumber, r.activityTitle),
      context: [r.programTitle],
      path: `/programs/${r.programId}/reports/${r.id}/edit`,
      dueOn: null,
      since: r.reviewedAt,
    })),
    ...workSection('activities', activities, null, (a) => ({
      title: activityLabel(t, a.number, a.title),
      context: [a.programTitle],
      path: `/programs/${a.programId}/activities/${a.number}`,
      dueOn: a.endsOn ?? a.startsOn,
      since: null,
    })),
  ];
};

/** Reports per page of the review queue. */
export const QUEUE_PAGE_SIZE = 25;

/**
 * One page of the actor's review queue with the filters' choices (the programs, regions and organizations that
 * have reports waiting for them, with counts): a page query, a count and one grouped scan, then one name lookup each.
 */
export async function loadReviewQueue(db: Queryable, scope: ReviewScope, query: ReviewQueueQuery, lang: Lang) {
  const filter: ReviewFilter = {
    organizationId: query.organization ?? null,
    programId: query.program ?? null,
    regionIds: query.region ? await regionIdsAtOrBelow(db, query.region) : null,
    resubmitted: query.status ? query.status === 'resubmitted' : null,
  };
  const [rows, facets] = await Promise.all([
    reviewQueue(db, scope, filter, query.after ?? null, QUEUE_PAGE_SIZE),
    reviewQueueFacets(db, scope),
  ]);
  // Every row carries the filtered total; a page past the end has none, so only then is it counted apart.
  const total = rows[0]?.total ?? (query.after ? await countReviewQueue(db, scope, filter) : 0);
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const regionCounts = facets.filter((f) => f.regionId !== null);
  const orgCounts = facets.filter((f) => f.organizationId !== null);
  const [items, regions, orgs] = await Promise.all([
    namedQueueRows(db, page),
    regionsByIds(
      db,
      regionCounts.map((f) => f.regionId ?? 0),
    ),
    organizationBriefs(
      db,
      orgCounts.map((f) => f.organizationId ?? 0),
    ),
  ]);
  const count = (n: number) => formatNumber(n, lang);
  return {
    total,
    items: items.map((row) => queueItemView(row, lang)),
    nextAfter: rows.length > QUEUE_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
    programOptions: facets
      .filter((f) => f.programId !== null)
      .map((f): Option => [String(f.programId), `${f.programTitle ?? ''} (${count(f.count)})`]),
    regionOptions: regions.map((r): Option => [
      String(r.id),
      `${pickLocalized(r.name, lang)} (${count(regionCounts.find((f) => f.regionId === r.id)?.count ?? 0)})`,
    ]),
    organizationOptions: orgCounts.flatMap((f): Option[] => {
      const org = orgs.get(f.organizationId ?? 0);
      return org ? [[String(org.id), `${pickLocalized(org.name, lang)} (${count(f.count)})`]] : [];
    }),
  };
}
