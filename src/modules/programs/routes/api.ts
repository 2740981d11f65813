import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, apiRefusals, apiSecurity, idPathSegment, visitorOrApiSecurity } from '../../../core/api-docs.ts';
import { HttpError, authorize, permit } from '../../../core/errors.ts';
import { parseForm } from '../../../core/forms.ts';
import { formBodyFromJson } from '../../../core/form-body.ts';
import { commandDeps } from '../../../core/commands.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { saveActivity } from '../commands/save-activity.ts';
import { fileReport } from '../commands/file-report.ts';
import { reviewReport } from '../commands/review-report.ts';
import { deriveProgress, progressOf } from '../domain/derive.ts';
import { latestReportDay, loadActivity, loadProgramForStaff, loadReport, reportLimiter } from '../loaders.ts';
import { canAddActivity, canFileReport, canReviewReport, canViewProgram, canViewPublicPage } from '../policy.ts';
import { activityJson, activitySubject, programJson, programSubject, reportSubject } from '../presenters.ts';
import {
  activitiesOfProgram,
  findProgram,
  officialsOf,
  organizationsAtOrBelow,
  programsOfOrganizations,
  publicPrograms,
  type ProgramRow,
} from '../queries/index.ts';
import { activitySchema, programDetailJsonSchema, programJsonSchema, reportSchema, reviewSchema, TARGET_ROWS } from '../schemas.ts';

const invalid = (reply: FastifyReply, request: FastifyRequest, fields: Record<string, string>) =>
  reply
    .code(422)
    .send({ error: { code: 'invalid', message: request.ctx.t('forms.errorSummary', { count: Object.keys(fields).length }), fields } });

/** The JSON body as an object, or 400. */
function body(request: FastifyRequest): Record<string, unknown> {
  const raw = request.body;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'errors.badRequest');
  return raw as Record<string, unknown>;
}

/** An activity posted as JSON, as the activity form's fields: targets come as a list, the form reads numbered rows. */
function activityFields(raw: Record<string, unknown>): Record<string, string | string[]> {
  const input: Record<string, unknown> = { type: 'other', status: 'planned', ...raw };
  const targets = Array.isArray(input.targets) ? (input.targets as Array<Record<string, unknown> | null>) : [];
  targets.forEach((t, i) => {
    input[`target${i + 1}Amount`] = t?.amount; // formBodyFromJson keeps a number's digits
    input[`target${i + 1}Unit`] = t?.unitLabel;
    input[`target${i + 1}Measure`] = t?.measure ?? 'beneficiaries';
    input[`target${i + 1}Scope`] = t?.scope ?? 'total';
  });
  delete input.targets;
  return formBodyFromJson(input);
}

const tags = ['programs'];
// A write's refusals: 403 seen but not allowed, 422 a field refused (with a message per field).
const writeRefusals = { ...apiRefusals, 403: apiErrorSchema, 422: apiErrorSchema };

/** JSON API under /api/v1/programs, with the pages' loaders, policies and commands. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const limitReports = reportLimiter(app);

  const listSchema = {
    tags,
    summary: 'Programs you may see: those of organizations you are staff of (and below), and every published one',
    security: visitorOrApiSecurity,
    response: { 200: z.object({ programs: z.array(programJsonSchema) }) },
  };
  app.get('/api/v1/programs', { schema: listSchema }, async (request) => {
    const { ctx } = request;
    const staffOrgs = ctx.actor ? [...new Set(ctx.actor.grants.filter((g) => g.role !== 'member').map((g) => g.organizationId))] : [];
    const [mine, published] = await Promise.all([
      organizationsAtOrBelow(db, staffOrgs).then((ids) => programsOfOrganizations(db, ids)),
      publicPrograms(db),
    ]);
    const byId = new Map<number, ProgramRow>();
    for (const p of [...mine.filter((p) => canViewProgram(ctx.actor, programSubject(p))), ...published]) byId.set(p.id, p);
    const progress = await deriveProgress(db, [...byId.keys()]);
    return { programs: [...byId.values()].map((p) => programJson(p, ctx.lang, progress.get(p.id)?.overall ?? 0)) };
  });

  const detailSchema = {
    tags,
    summary: 'A program with its activities (staff see drafts and internal fields)',
    security: visitorOrApiSecurity,
    params: z.object({ id: idPathSegment() }),
    response: { 200: programDetailJsonSchema, ...apiRefusals },
  };
  app.get('/api/v1/programs/:id', { schema: detailSchema }, async (request) => {
    const { ctx } = request;
    const program = await findProgram(db, idParam((request.params as { id: string }).id));
    const staff = !!program && canViewProgram(ctx.actor, programSubject(program));
    authorize(!!program && (staff || canViewPublicPage(programSubject(program))));
    const [activities, progress] = await Promise.all([activitiesOfProgram(db, program), deriveProgress(db, [program.id])]);
    const p = progressOf(progress, program.id);
    return {
      ...programJson(program, ctx.lang, p.overall),
      activities: activities
        .filter((a) => staff || a.status !== 'draft')
        .map((a) => activityJson(a, p.activities.get(a.id), ctx.lang, staff)),
    };
  });

  const activitySchemaDoc = {
    tags,
    summary: 'Add an activity to a program (its staff)',
    security: apiSecurity,
    params: z.object({ id: idPathSegment() }),
    response: { 201: z.object({ id: z.number().int(), number: z.number().int() }), ...writeRefusals },
  };
  app.post('/api/v1/programs/:id/activities', { schema: activitySchemaDoc }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const program = await loadProgramForStaff(db, request);
    permit(canAddActivity(actor, programSubject(program)));
    const raw = body(request);
    if (Array.isArray(raw.targets) && raw.targets.length > TARGET_ROWS)
      return invalid(reply, request, { targets: ctx.t('forms.tooLarge', { max: TARGET_ROWS }) });
    const parsed = parseForm(activitySchema('en'), activityFields(raw), ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    const organizationIds = [program.lead.id, ...program.partners.map((p) => p.id)];
    const people = await officialsOf(db, organizationIds);
    const result = await saveActivity(commandDeps(request, actor), {
      programId: program.id,
      programTitle: program.title,
      leadOrganizationId: program.lead.id,
      programOrganizationIds: organizationIds,
      programRegionIds: program.regions.map((r) => r.id),
      responsibleChoices: people.map((p) => p.id),
      data: parsed.data,
    });
    if (!result.ok) return invalid(reply, request, { _form: result.reason });
    return reply.code(201).send({ id: result.id, number: result.number });
  });

  const reportSchemaDoc = {
    tags,
    summary: 'File an execution report for an activity in one of your regions',
    security: apiSecurity,
    params: z.object({ id: idPathSegment(), number: idPathSegment() }),
    response: { 201: z.object({ id: z.number().int(), status: z.literal('submitted') }), 429: apiErrorSchema, ...writeRefusals },
  };
  app.post('/api/v1/programs/:id/activities/:number/reports', { schema: reportSchemaDoc }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    const regions = activity.regions.filter((r) => canFileReport(actor, programSubject(program), activitySubject(activity), r));
    permit(regions.length > 0 && activity.status !== 'cancelled');
    await limitReports.hit(request, reply, String(actor.userId));
    const parsed = parseForm(reportSchema('en'), formBodyFromJson(body(request)), ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    if (!regions.some((r) => r.id === parsed.data.regionId))
      return invalid(reply, request, { regionId: ctx.t('programs.errors.regionNotYours') });
    if (parsed.data.heldOn > latestReportDay()) return invalid(reply, request, { heldOn: ctx.t('programs.errors.futureReport') });
    const result = await fileReport(commandDeps(request, actor), {
      activityId: activity.id,
      organizationId: activity.lead.id,
      data: parsed.data,
      files: [],
    });
    return reply.code(201).send({ id: result.id, status: 'submitted' });
  });

  const reviewSchemaDoc = {
    tags,
    summary: 'Approve or return a submitted report (the program’s coordinators)',
    security: apiSecurity,
    params: z.object({ id: idPathSegment(), reportId: idPathSegment() }),
    response: {
      200: z.object({ id: z.number().int(), status: z.enum(['approved', 'returned']) }),
      409: apiErrorSchema,
      ...writeRefusals,
    },
  };
  app.post('/api/v1/programs/:id/reports/:reportId/review', { schema: reviewSchemaDoc }, async (request, reply) => {
    const { ctx } = request;
    const { program, report, activity } = await loadReport(db, request);
    const actor = requireActor(ctx);
    permit(canReviewReport(actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    const parsed = parseForm(reviewSchema, formBodyFromJson(body(request)), ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    const result = await reviewReport(commandDeps(request, actor), {
      programId: program.id,
      organizationId: program.lead.id,
      reportId: report.id,
      decision: parsed.data.decision,
      comment: parsed.data.comment ?? '',
      activityNumber: activity.number,
      activityTitle: activity.title,
    });
    if (!result.ok) return reply.code(409).send({ error: { code: 'already_reviewed', message: ctx.t('programs.flash.alreadyReviewed') } });
    return { id: report.id, status: parsed.data.decision === 'approve' ? 'approved' : 'returned' };
  });
}
