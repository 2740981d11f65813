import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, LoginRequiredError, authorize, permit } from '../../../core/errors.ts';
import { parseForm } from '../../../core/forms.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { saveActivity } from '../commands/save-activity.ts';
import { fileReport } from '../commands/file-report.ts';
import { reviewReport } from '../commands/review-report.ts';
import { deriveProgress } from '../derive.ts';
import { canAddActivity, canFileReport, canReviewReport, canSeeReport, canViewProgram, canViewPublicPage } from '../policy.ts';
import { activitySubject, programSubject, reportSubject } from '../presenters.ts';
import {
  activitiesOfProgram, findActivity, findProgram, findReport, officialsOf, organizationsAtOrBelow, programsOfOrganizations, publicPrograms,
  type ProgramRow,
} from '../queries.ts';
import { activitySchema, reportSchema, reviewSchema, TARGET_ROWS } from '../schemas.ts';
import { idParam, latestReportDay, reportLimiter } from './load.ts';

const invalid = (reply: FastifyReply, request: FastifyRequest, fields: Record<string, string>) =>
  reply.code(422).send({ error: { code: 'invalid', message: request.ctx.t('forms.errorSummary', { count: Object.keys(fields).length }), fields } });

/** The program as the API shows it; `internal` adds what only staff may see. */
function programJson(p: ProgramRow, lang: 'fa' | 'vi' | 'en', progress: number) {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    lang: p.lang,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status,
    isPublic: p.isPublic,
    agreementAreaId: p.agreementAreaId,
    leadOrganization: { id: p.lead.id, slug: p.lead.slug, name: pickLocalized(p.lead.name, lang) },
    partnerOrganizations: p.partners.map((o) => ({ id: o.id, slug: o.slug, name: pickLocalized(o.name, lang) })),
    regions: p.regions.map((r) => ({ id: r.id, code: r.code, name: pickLocalized(r.name, lang) })),
    progress,
  };
}

/** JSON API under /api/v1/programs, with the pages' policies. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const limitReports = reportLimiter(app);

  app.get('/api/v1/programs', async (request) => {
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

  app.get('/api/v1/programs/:id', async (request) => {
    const { ctx } = request;
    const program = await findProgram(db, idParam((request.params as { id: string }).id));
    const staff = !!program && canViewProgram(ctx.actor, programSubject(program));
    authorize(!!program && (staff || canViewPublicPage(programSubject(program))));
    const [activities, progress] = await Promise.all([activitiesOfProgram(db, program.id), deriveProgress(db, [program.id])]);
    const p = progress.get(program.id)!;
    return {
      ...programJson(program, ctx.lang, p.overall),
      activities: activities
        .filter((a) => staff || a.status !== 'draft')
        .map((a) => {
          const ap = p.activities.get(a.id);
          return {
            id: a.id,
            number: a.number,
            title: a.title,
            description: a.description,
            type: a.type,
            status: a.status,
            startsOn: a.startsOn,
            endsOn: a.endsOn,
            leadOrganizationId: a.lead.id,
            partnerOrganizationIds: a.partners.map((o) => o.id),
            targets: a.targets.map((t) => ({ amount: t.amount, unitLabel: t.unitLabel, measure: t.measure, scope: t.scope })),
            publicNotes: a.publicNotes,
            progress: ap?.overall ?? 0,
            regions: a.regions.map((r) => ({ id: r.id, code: r.code, name: pickLocalized(r.name, ctx.lang), progress: ap?.byRegion.get(r.id) ?? 0 })),
            ...(staff
              ? { internalNotes: a.internalNotes, budget: a.budget, budgetCurrency: a.budgetCurrency, responsibleUserId: a.responsibleUserId, resolutionId: a.resolutionId }
              : {}),
          };
        }),
    };
  });

  const staffProgram = async (request: FastifyRequest) => {
    if (!request.ctx.actor) throw new LoginRequiredError();
    const program = await findProgram(db, idParam((request.params as { id: string }).id));
    authorize(!!program && canViewProgram(request.ctx.actor, programSubject(program)));
    return program;
  };
  const body = (request: FastifyRequest) => {
    const raw = request.body;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'errors.badRequest');
    return raw as Record<string, unknown>;
  };

  app.post('/api/v1/programs/:id/activities', async (request, reply) => {
    const { ctx } = request;
    const program = await staffProgram(request);
    permit(canAddActivity(ctx.actor, programSubject(program)));
    const input = { type: 'other', status: 'planned', ...body(request) } as Record<string, unknown>;
    // Targets come as a list in JSON; the form's schema reads numbered fields.
    const targets = Array.isArray(input.targets) ? input.targets : [];
    if (targets.length > TARGET_ROWS) return invalid(reply, request, { targets: ctx.t('forms.tooLarge', { max: TARGET_ROWS }) });
    targets.forEach((t: Record<string, unknown>, i: number) => {
      input[`target${i + 1}Amount`] = t?.amount === undefined ? undefined : String(t.amount);
      input[`target${i + 1}Unit`] = t?.unitLabel;
      input[`target${i + 1}Measure`] = t?.measure ?? 'beneficiaries';
      input[`target${i + 1}Scope`] = t?.scope ?? 'total';
    });
    delete input.targets;
    const parsed = parseForm(activitySchema('en'), input, ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    const people = await officialsOf(db, [program.lead.id, ...program.partners.map((p) => p.id)]);
    const result = await saveActivity(
      { db, actorId: ctx.actor!.userId, ip: ctx.ip },
      {
        programId: program.id,
        leadOrganizationId: program.lead.id,
        programOrganizationIds: [program.lead.id, ...program.partners.map((p) => p.id)],
        programRegionIds: program.regions.map((r) => r.id),
        responsibleChoices: people.map((p) => p.id),
        data: parsed.data,
      },
    );
    if (!result.ok) return invalid(reply, request, { _form: result.reason });
    return reply.code(201).send({ id: result.id, number: result.number });
  });

  app.post('/api/v1/programs/:id/activities/:number/reports', async (request, reply) => {
    const { ctx } = request;
    const program = await staffProgram(request);
    const activity = await findActivity(db, program.id, idParam((request.params as { number: string }).number));
    authorize(!!activity);
    const regions = activity.regions.filter((r) => canFileReport(ctx.actor, programSubject(program), activitySubject(activity), r));
    permit(regions.length > 0 && activity.status !== 'cancelled');
    await limitReports(request, reply);
    const parsed = parseForm(reportSchema('en'), body(request), ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    if (!regions.some((r) => r.id === parsed.data.regionId)) return invalid(reply, request, { regionId: ctx.t('programs.errors.regionNotYours') });
    if (parsed.data.heldOn > latestReportDay()) return invalid(reply, request, { heldOn: ctx.t('programs.errors.futureReport') });
    const result = await fileReport({ db, actorId: ctx.actor!.userId, ip: ctx.ip }, { activityId: activity.id, organizationId: activity.lead.id, data: parsed.data, files: [] });
    return reply.code(201).send({ id: result.id, status: 'submitted' });
  });

  app.post('/api/v1/programs/:id/reports/:reportId/review', async (request, reply) => {
    const { ctx } = request;
    if (!ctx.actor) throw new LoginRequiredError();
    const params = request.params as { id: string; reportId: string };
    const program = await findProgram(db, idParam(params.id));
    const report = program ? await findReport(db, program.id, idParam(params.reportId)) : undefined;
    const activity = program && report ? await findActivity(db, program.id, report.activityNumber) : undefined;
    authorize(!!program && !!report && !!activity && canSeeReport(ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    permit(canReviewReport(ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    const parsed = parseForm(reviewSchema, body(request), ctx.t);
    if (!parsed.ok) return invalid(reply, request, parsed.form.errors);
    const result = await reviewReport(
      { db, actorId: ctx.actor.userId, ip: ctx.ip },
      {
        programId: program.id,
        organizationId: program.lead.id,
        reportId: report.id,
        decision: parsed.data.decision,
        comment: parsed.data.comment ?? '',
        activityNumber: activity.number,
        activityTitle: activity.title,
      },
    );
    if (!result.ok) return reply.code(409).send({ error: { code: 'already_reviewed', message: ctx.t('programs.flash.alreadyReviewed') } });
    return { id: report.id, status: parsed.data.decision === 'approve' ? 'approved' : 'returned' };
  });
}
