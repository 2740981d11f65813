import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { createLimiter, type Limiter } from '../../core/rate-limit.ts';
import { idParam, numberParam, requireActor } from '../../core/route-params.ts';
import type { Queryable } from '../../db/database.ts';
import { agreementAreaOptions, type AgreementAreaDirectory } from './domain/agreement-areas.ts';
import { canCreateProgram, canSeeReport, canViewProgram } from './policy.ts';
import { activitySubject, programSubject, reportSubject } from './presenters.ts';
import {
  allOrganizations,
  findActivity,
  findProgram,
  findReport,
  officialsOf,
  regionsAtOrBelow,
  type ActivityRow,
  type ProgramRow,
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
