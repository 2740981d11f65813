import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, permit } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { dirOf, translator } from '../../../../core/i18n.ts';
import { idParam, requireActor } from '../../../../core/route-params.ts';
import { commandDeps } from '../../../../core/commands.ts';
import { href } from '../../../../ui/layout.tsx';
import { saveProgram, type SaveProgramResult } from '../../commands/save-program.ts';
import { deleteProgram } from '../../commands/delete-program.ts';
import type { AgreementAreaDirectory } from '../../domain/agreement-areas.ts';
import { cachedProgramProgress, deriveProgress, progressOf } from '../../domain/derive.ts';
import { programCsv, programXlsx } from '../../domain/exports.ts';
import { leadChoices, loadProgramForStaff, programChoices, todayIso } from '../../loaders.ts';
import { canCreateProgram, canAddActivity, canEditProgram, canViewProgram, canViewPublicPage, mayReviewReports } from '../../policy.ts';
import {
  activitySummaryView,
  agendaByMonth,
  overdueAndUpcoming,
  programFormValues,
  programSubject,
  progressInputs,
  progressMatrix,
  publicProgramView,
  visiblePendingCount,
  visibleReports,
  withProgress,
} from '../../presenters.ts';
import {
  activitiesOfProgram,
  allOrganizations,
  findProgram,
  organizationBySlug,
  organizationsAtOrBelow,
  programsOfOrganizations,
  publicPrograms,
  reportsOfProgram,
  type ProgramRow,
} from '../../queries/index.ts';
import { programSchema } from '../../schemas.ts';
import { ProgramFormPage } from '../../views/program-form-page.tsx';
import { ProgramPage } from '../../views/program-page.tsx';
import { ProgramsIndexPage } from '../../views/programs-index-page.tsx';
import { PublicProgramPage } from '../../views/public-program-page.tsx';
import { PrintPage } from '../../views/print-page.tsx';

const SAVE_ERRORS: Record<Exclude<SaveProgramResult, { ok: true }>['reason'], [string, string]> = {
  unknown_partner: ['partnerIds', 'programs.errors.unknownPartner'],
  unknown_region: ['regionIds', 'programs.errors.unknownRegion'],
  unknown_area: ['agreementAreaId', 'programs.errors.unknownArea'],
};

/** Programs: list, create, edit, delete, dashboard, public page, printable report, exports. */
export async function programPages(app: FastifyInstance, options: { agreementAreas: AgreementAreaDirectory }): Promise<void> {
  const { db } = app.uh;
  const { agreementAreas } = options;

  app.get('/:lang/programs', async (request, reply) => {
    const { ctx } = request;
    const staffOrgs = ctx.actor ? ctx.actor.grants.filter((g) => g.role !== 'member').map((g) => g.organizationId) : [];
    const [mineRows, publishedRows, orgs] = await Promise.all([
      organizationsAtOrBelow(db, [...new Set(staffOrgs)]).then((ids) => programsOfOrganizations(db, ids)),
      publicPrograms(db),
      ctx.actor ? allOrganizations(db) : Promise.resolve([]),
    ]);
    const mine = mineRows.filter((p) => canViewProgram(ctx.actor, programSubject(p)));
    const progress = await deriveProgress(db, [...new Set([...mine, ...publishedRows].map((p) => p.id))]);
    const canCreate = orgs.some((o) => canCreateProgram(ctx.actor, o));
    return reply.render(
      ProgramsIndexPage({ ctx, mine: withProgress(mine, progress), published: withProgress(publishedRows, progress), canCreate }),
    );
  });

  app.get('/:lang/organizations/:slug/programs', async (request, reply) => {
    const { ctx } = request;
    const org = await organizationBySlug(db, (request.params as { slug: string }).slug);
    authorize(!!org);
    const rows = await programsOfOrganizations(db, [org.id]);
    const mine = rows.filter((p) => canViewProgram(ctx.actor, programSubject(p)));
    const published = rows.filter((p) => canViewPublicPage(programSubject(p)) && !mine.includes(p));
    const progress = await deriveProgress(
      db,
      [...mine, ...published].map((p) => p.id),
    );
    return reply.render(
      ProgramsIndexPage({
        ctx,
        mine: withProgress(mine, progress),
        published: withProgress(published, progress),
        canCreate: canCreateProgram(ctx.actor, org),
      }),
    );
  });

  const renderNew = async (request: FastifyRequest, form = emptyForm({ lang: request.ctx.lang, status: 'draft' })) => {
    const { ctx } = request;
    const leads = await leadChoices(db, ctx);
    permit(leads.length > 0);
    const choices = await programChoices(
      db,
      ctx,
      agreementAreas,
      null,
      leads.map(([id]) => Number(id)),
    );
    return ProgramFormPage({ ctx, form, action: '/programs/new', heading: ctx.t('programs.program.new'), leadOptions: leads, ...choices });
  };
  const renderEdit = async (
    request: FastifyRequest,
    program: ProgramRow,
    form: FormState = emptyForm(programFormValues(program, request.ctx.lang)),
  ) => {
    const { ctx } = request;
    const choices = await programChoices(db, ctx, agreementAreas, null, [program.lead.id]);
    const action = `/programs/${program.id}/edit`;
    return ProgramFormPage({
      ctx,
      form,
      action,
      heading: ctx.t('programs.program.edit'),
      leadOptions: null,
      deleteAction: `/programs/${program.id}/delete`,
      ...choices,
    });
  };
  const failed = (request: FastifyRequest, reason: keyof typeof SAVE_ERRORS): FormState => {
    const [field, message] = SAVE_ERRORS[reason];
    return { values: formValues(request.body), errors: { [field]: request.ctx.t(message) } };
  };

  app.get('/:lang/programs/new', async (request, reply) => {
    requireActor(request.ctx);
    return reply.render(await renderNew(request));
  });

  app.post('/:lang/programs/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(programSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderNew(request, parsed.form), 422);
    const lead = (await allOrganizations(db)).find((o) => o.id === parsed.data.leadOrganizationId);
    if (!lead || !canCreateProgram(actor, lead)) {
      return reply.render(
        await renderNew(request, withError(formValues(request.body), 'leadOrganizationId', ctx.t('forms.invalidChoice'))),
        422,
      );
    }
    const result = await saveProgram(commandDeps(request, actor), { leadOrganizationId: lead.id, data: parsed.data, agreementAreas });
    if (!result.ok) return reply.render(await renderNew(request, failed(request, result.reason)), 422);
    return reply.redirectWithFlash(href(ctx, `/programs/${result.id}`), 'programs.flash.programSaved');
  });

  app.get('/:lang/programs/:id', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const activities = await activitiesOfProgram(db, program);
    const p = await cachedProgramProgress(db, program, progressInputs(activities));
    const timing = activities.map((a) => ({
      number: a.number,
      title: a.title,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      status: a.status,
      progress: p.activities.get(a.id)?.overall ?? 0,
    }));
    const { overdue, upcoming } = overdueAndUpcoming(timing, todayIso());
    const summaries = activities.map(activitySummaryView);
    return reply.render(
      ProgramPage({
        ctx,
        program,
        overall: p.overall,
        activities: summaries,
        matrix: progressMatrix(program, summaries, p.activities, ctx.lang),
        overdue,
        upcoming,
        agenda: agendaByMonth(summaries, ctx.lang, program.periodStart),
        pendingReports: visiblePendingCount(ctx.actor, program, activities, p.pending),
        canReview: mayReviewReports(ctx.actor),
        can: { edit: canEditProgram(ctx.actor, programSubject(program)), addActivity: canAddActivity(ctx.actor, programSubject(program)) },
      }),
    );
  });

  app.get('/:lang/programs/:id/edit', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    permit(canEditProgram(request.ctx.actor, programSubject(program)));
    return reply.render(await renderEdit(request, program));
  });

  app.post('/:lang/programs/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const actor = requireActor(ctx);
    permit(canEditProgram(actor, programSubject(program)));
    const parsed = parseForm(programSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderEdit(request, program, parsed.form), 422);
    const result = await saveProgram(commandDeps(request, actor), {
      programId: program.id,
      currentAgreementAreaId: program.agreementAreaId,
      leadOrganizationId: program.lead.id,
      data: parsed.data,
      agreementAreas,
    });
    if (!result.ok) return reply.render(await renderEdit(request, program, failed(request, result.reason)), 422);
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.programSaved');
  });

  app.post('/:lang/programs/:id/delete', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const actor = requireActor(ctx);
    permit(canEditProgram(actor, programSubject(program)));
    const deleted = await deleteProgram(commandDeps(request, actor), {
      programId: program.id,
      organizationId: program.lead.id,
      title: program.title,
    });
    if (!deleted.ok) return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/edit`), 'programs.flash.hasReports', 'error');
    return reply.redirectWithFlash(href(ctx, '/programs'), 'programs.flash.programDeleted');
  });

  app.get('/:lang/programs/:id/public', async (request, reply) => {
    const program = await findProgram(db, idParam((request.params as { id: string }).id));
    authorize(!!program && canViewPublicPage(programSubject(program)));
    const activities = await activitiesOfProgram(db, program);
    const progress = await cachedProgramProgress(db, program, progressInputs(activities));
    return reply.render(PublicProgramPage({ ctx: request.ctx, ...publicProgramView(program, activities, progress, request.ctx.lang) }));
  });

  app.get('/:lang/programs/:id/print', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    const [activities, reports, progress] = await Promise.all([
      activitiesOfProgram(db, program),
      reportsOfProgram(db, program.id, { approvedOnly: true }),
      deriveProgress(db, [program.id]),
    ]);
    // The report is written in the program's language, whatever the page's language.
    const lang = program.lang;
    const ctx = { ...request.ctx, lang, dir: dirOf(lang), t: translator(lang), pathInLang: `/programs/${program.id}/print` };
    const p = progressOf(progress, program.id);
    const summaries = activities.map(activitySummaryView);
    const matrix = progressMatrix(program, summaries, p.activities, lang);
    const regionTotals = matrix.regions.map((r, i) => ({ name: r.name, progress: matrix.regionTotals[i] ?? null }));
    const preparedBy = request.ctx.user?.name ?? '';
    return reply.render(
      PrintPage({
        ctx,
        program,
        overall: p.overall,
        activities: summaries,
        progress: p.activities,
        reports,
        today: todayIso(),
        preparedBy,
        regionTotals,
      }),
    );
  });

  const exportData = async (request: FastifyRequest) => {
    const program = await loadProgramForStaff(db, request);
    const [activities, reports, progress] = await Promise.all([
      activitiesOfProgram(db, program),
      reportsOfProgram(db, program.id),
      deriveProgress(db, [program.id]),
    ]);
    return {
      program,
      activities,
      reports: visibleReports(request.ctx.actor, program, activities, reports),
      progress: progressOf(progress, program.id),
    };
  };
  /** Sends an export as a download that no cache keeps. */
  const download = (reply: FastifyReply, programId: number, type: string, ext: string, body: string | Buffer) =>
    reply
      .type(type)
      .header('content-disposition', `attachment; filename="program-${programId}.${ext}"`)
      .header('cache-control', 'no-store')
      .send(body);

  app.get('/:lang/programs/:id/export.csv', async (request, reply) => {
    const data = await exportData(request);
    return download(reply, data.program.id, 'text/csv; charset=utf-8', 'csv', programCsv(data, request.ctx.lang, request.ctx.t));
  });

  app.get('/:lang/programs/:id/export.xlsx', async (request, reply) => {
    const data = await exportData(request);
    const xlsx = await programXlsx(data, request.ctx.lang, request.ctx.t);
    return download(reply, data.program.id, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', xlsx);
  });
}
