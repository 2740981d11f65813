import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, apiRefusals, apiSecurity, apiWriteRefusals, idPathSegment, visitorOrApiSecurity } from '../../../core/api-docs.ts';
import { authorize, permit } from '../../../core/errors.ts';
import { invalidInput } from '../../../core/api-validation.ts';
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
import { activityJsonBody, programDetailJsonSchema, programJsonSchema, reportJsonBody, reviewSchema } from '../schemas.ts';

const tags = ['programs'];

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
    body: activityJsonBody,
    response: { 201: z.object({ id: z.number().int(), number: z.number().int() }), ...apiWriteRefusals },
  };
  app.post<{ Body: z.output<typeof activityJsonBody> }>(
    '/api/v1/programs/:id/activities',
    { schema: activitySchemaDoc },
    async (request, reply) => {
      const { ctx } = request;
      const actor = requireActor(ctx);
      const program = await loadProgramForStaff(db, request);
      permit(canAddActivity(actor, programSubject(program)));
      const organizationIds = [program.lead.id, ...program.partners.map((p) => p.id)];
      const people = await officialsOf(db, organizationIds);
      const result = await saveActivity(commandDeps(request, actor), {
        programId: program.id,
        programTitle: program.title,
        leadOrganizationId: program.lead.id,
        programOrganizationIds: organizationIds,
        programRegionIds: program.regions.map((r) => r.id),
        responsibleChoices: people.map((p) => p.id),
        data: request.body,
      });
      if (!result.ok) return invalidInput(reply, ctx.t, { _form: result.reason });
      return reply.code(201).send({ id: result.id, number: result.number });
    },
  );

  const reportSchemaDoc = {
    tags,
    summary: 'File an execution report for an activity in one of your regions',
    security: apiSecurity,
    params: z.object({ id: idPathSegment(), number: idPathSegment() }),
    body: reportJsonBody,
    response: { 201: z.object({ id: z.number().int(), status: z.literal('submitted') }), 429: apiErrorSchema, ...apiWriteRefusals },
  };
  app.post<{ Body: z.output<typeof reportJsonBody> }>(
    '/api/v1/programs/:id/activities/:number/reports',
    {
      schema: reportSchemaDoc,
      // Attempts count, valid or not: the limit is taken before the body's schema refuses anything.
      preValidation: async (request, reply) => limitReports.hit(request, reply, String(requireActor(request.ctx).userId)),
    },
    async (request, reply) => {
      const { ctx } = request;
      const actor = requireActor(ctx);
      const program = await loadProgramForStaff(db, request);
      const activity = await loadActivity(db, program, request);
      const regions = activity.regions.filter((r) => canFileReport(actor, programSubject(program), activitySubject(activity), r));
      permit(regions.length > 0 && activity.status !== 'cancelled');
      const data = request.body;
      if (!regions.some((r) => r.id === data.regionId))
        return invalidInput(reply, ctx.t, { regionId: ctx.t('programs.errors.regionNotYours') });
      if (data.heldOn > latestReportDay()) return invalidInput(reply, ctx.t, { heldOn: ctx.t('programs.errors.futureReport') });
      const result = await fileReport(commandDeps(request, actor), {
        activityId: activity.id,
        organizationId: activity.lead.id,
        data,
        files: [],
      });
      return reply.code(201).send({ id: result.id, status: 'submitted' });
    },
  );

  const reviewSchemaDoc = {
    tags,
    summary: 'Approve or return a submitted report (the program’s coordinators)',
    security: apiSecurity,
    params: z.object({ id: idPathSegment(), reportId: idPathSegment() }),
    body: reviewSchema,
    response: {
      200: z.object({ id: z.number().int(), status: z.enum(['approved', 'returned']) }),
      409: apiErrorSchema,
      ...apiWriteRefusals,
    },
  };
  app.post<{ Body: z.output<typeof reviewSchema> }>(
    '/api/v1/programs/:id/reports/:reportId/review',
    { schema: reviewSchemaDoc },
    async (request, reply) => {
      const { ctx } = request;
      const { program, report, activity } = await loadReport(db, request);
      const actor = requireActor(ctx);
      permit(canReviewReport(actor, programSubject(program), activitySubject(activity), reportSubject(report)));
      const review = request.body;
      const result = await reviewReport(commandDeps(request, actor), {
        programId: program.id,
        organizationId: program.lead.id,
        reportId: report.id,
        decision: review.decision,
        comment: review.comment ?? '',
        activityNumber: activity.number,
        activityTitle: activity.title,
      });
      if (!result.ok)
        return reply.code(409).send({ error: { code: 'already_reviewed', message: ctx.t('programs.flash.alreadyReviewed') } });
      return { id: report.id, status: review.decision === 'approve' ? 'approved' : 'returned' };
    },
  );
}
