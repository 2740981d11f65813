import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, permit } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, type FormState } from '../../../../core/forms.ts';
import { pickLocalized } from '../../../../core/i18n.ts';
import { filesOf } from '../../../../core/uploads.ts';
import { dateInputValue } from '../../../../core/dates.ts';
import { idParam, requireActor } from '../../../../core/route-params.ts';
import { commandDeps } from '../../../../core/commands.ts';
import { href } from '../../../../ui/layout.tsx';
import { fileReport } from '../../commands/file-report.ts';
import { resubmitReport } from '../../commands/resubmit-report.ts';
import { reviewReport } from '../../commands/review-report.ts';
import { prepareReportFiles } from '../../domain/report-files.ts';
import {
  latestReportDay,
  loadActivity,
  loadProgramForStaff,
  loadReport,
  reportLimiter,
  todayIso,
  type LoadedReport,
} from '../../loaders.ts';
import { canEditReport, canFileReport, canReviewReport } from '../../policy.ts';
import { activitySubject, programSubject, reportFormValues, reportSubject, returnedNoteView } from '../../presenters.ts';
import { filesOfReport, findReportFile, type ActivityRow, type ProgramRow, type ReportRow } from '../../queries/index.ts';
import { reportSchema, reviewSchema } from '../../schemas.ts';
import { ReportFormPage } from '../../views/report-form-page.tsx';
import { ReportPage } from '../../views/report-page.tsx';

/** Execution reports: file (with photos and files), read, approve or return, correct, download files. */
export async function reportPages(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const limitReports = reportLimiter(app);

  const reportableRegions = (request: FastifyRequest, program: ProgramRow, activity: ActivityRow) =>
    activity.regions.filter((r) => canFileReport(request.ctx.actor, programSubject(program), activitySubject(activity), r));

  const renderForm = (request: FastifyRequest, program: ProgramRow, activity: ActivityRow, form: FormState, report?: ReportRow) => {
    const reportId = report?.id;
    return ReportFormPage({
      ctx: request.ctx,
      form,
      action: reportId
        ? `/programs/${program.id}/reports/${reportId}/edit`
        : `/programs/${program.id}/activities/${activity.number}/reports/new`,
      heading: request.ctx.t(reportId ? 'programs.report.editFor' : 'programs.report.newFor', {
        number: activity.number,
        title: activity.title,
      }),
      regionOptions: reportableRegions(request, program, activity).map((r) => [String(r.id), pickLocalized(r.name, request.ctx.lang)]),
      returned: report ? returnedNoteView(report, request.ctx.lang) : null,
    });
  };

  /**
   * Parses a posted report form and its files for this activity: the values and prepared files, or the form to show
   * again (422) with the error beside its field. The region must be one the activity happens in and the reporter answers for.
   */
  const parseReport = async (request: FastifyRequest, program: ProgramRow, activity: ActivityRow, report?: ReportRow) => {
    const { ctx } = request;
    const parsed = parseForm(reportSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return { ok: false, page: renderForm(request, program, activity, parsed.form, report) } as const;
    const refuse = (field: string, message: string) =>
      ({
        ok: false,
        page: renderForm(request, program, activity, { values: formValues(request.body), errors: { [field]: message } }, report),
      }) as const;
    if (!reportableRegions(request, program, activity).some((r) => r.id === parsed.data.regionId))
      return refuse('regionId', ctx.t('programs.errors.regionNotYours'));
    if (parsed.data.heldOn > latestReportDay()) return refuse('heldOn', ctx.t('programs.errors.futureReport'));
    const prepared = await prepareReportFiles(filesOf(request.body, 'files'));
    if (!prepared.ok) return refuse('files', ctx.t(prepared.messageId, prepared.values));
    return { ok: true, data: parsed.data, files: prepared.files, refuse } as const;
  };

  const loadReportable = async (request: FastifyRequest) => {
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    permit(reportableRegions(request, program, activity).length > 0 && activity.status !== 'cancelled');
    return { program, activity };
  };

  const renderReport = async (request: FastifyRequest, loaded: LoadedReport, form?: FormState) => {
    const { program, report, activity } = loaded;
    const canReview =
      report.status === 'submitted' &&
      canReviewReport(request.ctx.actor, programSubject(program), activitySubject(activity), reportSubject(report));
    return ReportPage({
      ctx: request.ctx,
      program,
      report,
      files: await filesOfReport(db, report.id),
      form: canReview ? (form ?? emptyForm({ decision: 'approve' })) : null,
      canEdit: canEditReport(request.ctx.actor, report),
    });
  };

  app.get('/:lang/programs/:id/activities/:number/reports/new', async (request, reply) => {
    const { program, activity } = await loadReportable(request);
    return reply.render(renderForm(request, program, activity, emptyForm({ heldOn: dateInputValue(todayIso(), request.ctx.lang) })));
  });

  app.post('/:lang/programs/:id/activities/:number/reports/new', async (request, reply) => {
    const { ctx } = request;
    const { program, activity } = await loadReportable(request);
    const actor = requireActor(ctx);
    await limitReports.hit(request, reply, String(actor.userId));
    const parsed = await parseReport(request, program, activity);
    if (!parsed.ok) return reply.render(parsed.page, 422);
    const input = { activityId: activity.id, organizationId: activity.lead.id, data: parsed.data, files: parsed.files };
    const result = await fileReport(commandDeps(request, actor), input);
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${result.id}`), 'programs.flash.reportFiled');
  });

  app.get('/:lang/programs/:id/reports/:reportId', async (request, reply) =>
    reply.render(await renderReport(request, await loadReport(db, request))),
  );

  app.post('/:lang/programs/:id/reports/:reportId', async (request, reply) => {
    const { ctx } = request;
    const loaded = await loadReport(db, request);
    const { program, report, activity } = loaded;
    const actor = requireActor(ctx);
    permit(canReviewReport(actor, programSubject(program), activitySubject(activity), reportSubject(report)));
    const reportPath = `/programs/${program.id}/reports/${report.id}`;
    if (report.status !== 'submitted') return reply.redirectWithFlash(href(ctx, reportPath), 'programs.flash.alreadyReviewed', 'error');
    const parsed = parseForm(reviewSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderReport(request, loaded, parsed.form), 422);
    const { decision, comment } = parsed.data;
    const result = await reviewReport(commandDeps(request, actor), {
      programId: program.id,
      organizationId: program.lead.id,
      reportId: report.id,
      decision,
      comment: comment ?? '',
      activityNumber: activity.number,
      activityTitle: activity.title,
    });
    if (!result.ok) return reply.redirectWithFlash(href(ctx, reportPath), 'programs.flash.alreadyReviewed', 'error');
    const flash = decision === 'approve' ? 'programs.flash.reportApproved' : 'programs.flash.reportReturned';
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/activities/${activity.number}`), flash);
  });

  app.get('/:lang/programs/:id/reports/:reportId/edit', async (request, reply) => {
    const { program, report, activity } = await loadReport(db, request);
    permit(canEditReport(request.ctx.actor, report));
    return reply.render(renderForm(request, program, activity, emptyForm(reportFormValues(report, request.ctx.lang)), report));
  });

  app.post('/:lang/programs/:id/reports/:reportId/edit', async (request, reply) => {
    const { ctx } = request;
    const { program, report, activity } = await loadReport(db, request);
    const actor = requireActor(ctx);
    permit(canEditReport(actor, report));
    const parsed = await parseReport(request, program, activity, report);
    if (!parsed.ok) return reply.render(parsed.page, 422);
    const input = { reportId: report.id, organizationId: activity.lead.id, data: parsed.data, files: parsed.files };
    const result = await resubmitReport(commandDeps(request, actor), input);
    if (!result.ok) {
      const messageId = result.reason === 'too_many_files' ? 'programs.errors.tooManyFiles' : 'programs.flash.alreadyReviewed';
      return reply.render(parsed.refuse('files', ctx.t(messageId, { max: 10 })).page, 422);
    }
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/reports/${report.id}`), 'programs.flash.reportFiled');
  });

  app.get('/:lang/programs/:id/reports/:reportId/files/:fileId', async (request, reply) => {
    const { report } = await loadReport(db, request);
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
