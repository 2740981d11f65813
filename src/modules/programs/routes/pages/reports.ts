import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, permit } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm, type FormState } from '../../../core/forms.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { filesOf } from '../../../core/uploads.ts';
import { dateInputValue } from '../../../core/dates.ts';
import { href } from '../../../ui/layout.tsx';
import { fileReport } from '../commands/file-report.ts';
import { reviewReport } from '../commands/review-report.ts';
import { canEditReport, canFileReport, canReviewReport, canSeeReport } from '../policy.ts';
import { resubmitReport } from '../commands/resubmit-report.ts';
import { activitySubject, programSubject, reportSubject } from '../presenters.ts';
import { filesOfReport, findActivity, findProgram, findReport, findReportFile, type ActivityRow, type ProgramRow } from '../queries.ts';
import { prepareReportFiles } from '../report-files.ts';
import { reportSchema, reviewSchema } from '../schemas.ts';
import { ReportFormPage } from '../views/forms.tsx';
import { ReportPage } from '../views/pages.tsx';
import { idParam, latestReportDay, loadActivity, loadProgramForStaff, reportLimiter, todayIso } from './load.ts';
import { LoginRequiredError } from '../../../core/errors.ts';

/** Execution reports: file (with photos and files), read, approve or return, download files. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const limitReports = reportLimiter(app);

  const reportableRegions = (request: FastifyRequest, program: ProgramRow, activity: ActivityRow) =>
    activity.regions.filter((r) => canFileReport(request.ctx.actor, programSubject(program), activitySubject(activity), r));

  const renderForm = (request: FastifyRequest, program: ProgramRow, activity: ActivityRow, form: FormState, reportId?: number) =>
    ReportFormPage({
      ctx: request.ctx,
      form,
      action: reportId ? `/programs/${program.id}/reports/${reportId}/edit` : `/programs/${program.id}/activities/${activity.number}/reports/new`,
      heading: request.ctx.t(reportId ? 'programs.report.editFor' : 'programs.report.newFor', { number: activity.number, title: activity.title }),
      regionOptions: reportableRegions(request, program, activity).map((r) => [String(r.id), pickLocalized(r.name, request.ctx.lang)]),
    });

  const load = async (request: FastifyRequest) => {
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    const activity = await loadActivity(db, program, (request.params as { number: string }).number);
    permit(reportableRegions(request, program, activity).length > 0 && activity.status !== 'cancelled');
    return { program, activity };
  };

  app.get('/:lang/programs/:id/activities/:number/reports/new', async (request, reply) => {
    const { program, activity } = await load(request);
    return reply.render(renderForm(request, program, activity, emptyForm({ heldOn: dateInputValue(todayIso(), request.ctx.lang) })));
  });

  app.post('/:lang/programs/:id/activities/:number/reports/new', async (request, reply) => {
    const { ctx } = request;
    const { program, activity } = await load(request);
    await limitReports(request, reply);
    const parsed = parseForm(reportSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(renderForm(request, program, activity, parsed.form), 422);
    const values = formValues(request.body);
    // The region must be one the activity happens in and the reporter answers for.
    if (!reportableRegions(request, program, activity).some((r) => r.id === parsed.data.regionId)) {
      return reply.render(renderForm(request, program, activity, { values, errors: { regionId: ctx.t('programs.errors.regionNotYours') } }), 422);
    }
    if (parsed.data.heldOn > latestReportDay()) {
      return reply.render(renderForm(request, program, activity, { values, errors: { heldOn: ctx.t('programs.errors.futureReport') } }), 422);
    }
    const prepared = await prepareReportFiles(filesOf(request.body, 'files'));
    if (!prepared.ok) return reply.render(renderForm(request, program, activity, { values, errors: { files: ctx.t(prepared.messageId, prepared.values) } }), 422);
    const result = await fileReport(
      { db, actorId: ctx.actor!.userId, ip: ctx.ip },
      { activityId: activity.id, organizationId: activity.lead.id, data: parsed.data, files: prepared.files },
    );
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${result.id}`), 'programs.flash.reportFiled');
  });

  /** Loads a report the viewer may see: its reporter, staff reaching its region, or anyone who may view an approved one. */
  const loadReport = async (request: FastifyRequest) => {
    const { ctx } = request;
    if (!ctx.actor) throw new LoginRequiredError();
    const params = request.params as { id: string; reportId: string };
    const program = await findProgram(db, idParam(params.id));
    const report = program ? await findReport(db, program.id, idParam(params.reportId)) : undefined;
    const activity = program && report ? await findActivity(db, program.id, report.activityNumber) : undefined;
    authorize(!!program && !!report && !!activity && canSeeReport(ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    return { program, report, activity };
  };

  const renderReport = async (request: FastifyRequest, loaded: Awaited<ReturnType<typeof loadReport>>, form?: FormState) => {
    const { program, report, activity } = loaded;
    const canReview = report.status === 'submitted' && canReviewReport(request.ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report));
    return ReportPage({
      ctx: request.ctx,
      program,
      report,
      files: await filesOfReport(db, report.id),
      form: canReview ? (form ?? emptyForm({ decision: 'approve' })) : null,
      canEdit: canEditReport(request.ctx.actor, report),
    });
  };

  app.get('/:lang/programs/:id/reports/:reportId', async (request, reply) => reply.render(await renderReport(request, await loadReport(request))));

  app.post('/:lang/programs/:id/reports/:reportId', async (request, reply) => {
    const { ctx } = request;
    const loaded = await loadReport(request);
    const { program, report, activity } = loaded;
    permit(canReviewReport(ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    if (report.status !== 'submitted') return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${report.id}`), 'programs.flash.alreadyReviewed', 'error');
    const parsed = parseForm(reviewSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderReport(request, loaded, parsed.form), 422);
    const result = await reviewReport(
      { db, actorId: ctx.actor!.userId, ip: ctx.ip },
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
    if (!result.ok) return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${report.id}`), 'programs.flash.alreadyReviewed', 'error');
    return reply.redirectWithFlash(
      href(ctx, `/programs/${program.id}/activities/${activity.number}`),
      parsed.data.decision === 'approve' ? 'programs.flash.reportApproved' : 'programs.flash.reportReturned',
    );
  });

  const reportFormValues = (report: Awaited<ReturnType<typeof loadReport>>['report'], lang: 'fa' | 'vi' | 'en'): Record<string, string> => ({
    regionId: String(report.regionId),
    heldOn: dateInputValue(report.heldOn, lang),
    place: report.place,
    workers: String(report.workers),
    employers: String(report.employers),
    families: String(report.families),
    otherParticipants: String(report.otherParticipants),
    beneficiaries: String(report.beneficiaries),
    moneySpent: String(report.moneySpent),
    notes: report.notes,
  });

  app.get('/:lang/programs/:id/reports/:reportId/edit', async (request, reply) => {
    const { program, report, activity } = await loadReport(request);
    permit(canEditReport(request.ctx.actor, report));
    return reply.render(renderForm(request, program, activity, emptyForm(reportFormValues(report, request.ctx.lang)), report.id));
  });

  app.post('/:lang/programs/:id/reports/:reportId/edit', async (request, reply) => {
    const { ctx } = request;
    const { program, report, activity } = await loadReport(request);
    permit(canEditReport(ctx.actor, report));
    const parsed = parseForm(reportSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(renderForm(request, program, activity, parsed.form, report.id), 422);
    const values = formValues(request.body);
    if (!reportableRegions(request, program, activity).some((r) => r.id === parsed.data.regionId)) {
      return reply.render(renderForm(request, program, activity, { values, errors: { regionId: ctx.t('programs.errors.regionNotYours') } }, report.id), 422);
    }
    if (parsed.data.heldOn > latestReportDay()) {
      return reply.render(renderForm(request, program, activity, { values, errors: { heldOn: ctx.t('programs.errors.futureReport') } }, report.id), 422);
    }
    const prepared = await prepareReportFiles(filesOf(request.body, 'files'));
    if (!prepared.ok) return reply.render(renderForm(request, program, activity, { values, errors: { files: ctx.t(prepared.messageId, prepared.values) } }, report.id), 422);
    const result = await resubmitReport({ db, actorId: ctx.actor!.userId, ip: ctx.ip }, { reportId: report.id, organizationId: activity.lead.id, data: parsed.data, files: prepared.files });
    if (!result.ok) {
      const messageId = result.reason === 'too_many_files' ? 'programs.errors.tooManyFiles' : 'programs.flash.alreadyReviewed';
      return reply.render(renderForm(request, program, activity, { values, errors: { files: ctx.t(messageId, { max: 10 }) } }, report.id), 422);
    }
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${report.id}`), 'programs.flash.reportFiled');
  });

  app.get('/:lang/programs/:id/reports/:reportId/files/:fileId', async (request, reply) => {
    const { report } = await loadReport(request);
    const file = await findReportFile(db, report.id, idParam((request.params as { fileId: string }).fileId));
    authorize(!!file);
    const inline = file.contentType.startsWith('image/');
    return reply
      .type(file.contentType)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .send(file.data);
  });
}
