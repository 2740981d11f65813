import type { FastifyInstance } from 'fastify';
import { LoginRequiredError, authorize, permit } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError } from '../../../core/forms.ts';
import { dirOf, pickLocalized, translator } from '../../../core/i18n.ts';
import { dateInputValue } from '../../../core/dates.ts';
import { href } from '../../../ui/layout.tsx';
import { saveProgram } from '../commands/save-program.ts';
import { deleteProgram } from '../commands/delete-program.ts';
import { cachedProgramProgress, deriveProgress } from '../derive.ts';
import { programCsv, programXlsx } from '../exports.ts';
import { canCreateProgram, canAddActivity, canEditProgram, canViewProgram, canViewPublicPage } from '../policy.ts';
import { agendaByMonth, overdueAndUpcoming, progressMatrix, programSubject, visiblePendingCount, visibleReports } from '../presenters.ts';
import {
  activitiesOfProgram, allOrganizations, findProgram, organizationBySlug, organizationsAtOrBelow, programsOfOrganizations, publicPrograms,
  reportsOfProgram, type ProgramRow,
} from '../queries.ts';
import { programSchema } from '../schemas.ts';
import { ProgramFormPage } from '../views/forms.tsx';
import { ProgramPage } from '../views/program-page.tsx';
import { ProgramsIndexPage, PublicProgramPage } from '../views/pages.tsx';
import { PrintPage } from '../views/print-page.tsx';
import { agreementAreaExists } from '../agreement-link.ts';
import { idParam, loadProgramForStaff, todayIso } from './load.ts';
import { leadChoices, programChoices } from './options.ts';

const programFormValues = (p: ProgramRow, lang: 'fa' | 'vi' | 'en'): Record<string, string> => ({
  title: p.title,
  description: p.description,
  lang: p.lang,
  periodStart: dateInputValue(p.periodStart, lang),
  periodEnd: dateInputValue(p.periodEnd, lang),
  status: p.status,
  isPublic: p.isPublic ? 'on' : '',
  partnerIds: p.partners.map((o) => String(o.id)).join('\n'),
  regionIds: p.regions.map((r) => String(r.id)).join('\n'),
  agreementAreaId: p.agreementAreaId === null ? '' : String(p.agreementAreaId),
});

const SAVE_ERRORS = { unknown_partner: ['partnerIds', 'programs.errors.unknownPartner'], unknown_region: ['regionIds', 'programs.errors.unknownRegion'], unknown_area: ['agreementAreaId', 'programs.errors.unknownArea'] } as const;

/** Programs: list, create, edit, dashboard, public page, printable report, exports. */
export async function programRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const areaExists = (id: number) => agreementAreaExists(db, id);

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
    const withProgress = (list: ProgramRow[]) => list.map((program) => ({ program, progress: progress.get(program.id)?.overall ?? 0 }));
    return reply.render(
      ProgramsIndexPage({ ctx, mine: withProgress(mine), published: withProgress(publishedRows), canCreate: orgs.some((o) => canCreateProgram(ctx.actor, o)) }),
    );
  });

  app.get('/:lang/organizations/:slug/programs', async (request, reply) => {
    const { ctx } = request;
    const org = await organizationBySlug(db, String((request.params as { slug: string }).slug));
    authorize(!!org);
    const rows = await programsOfOrganizations(db, [org.id]);
    const mine = rows.filter((p) => canViewProgram(ctx.actor, programSubject(p)));
    const published = rows.filter((p) => canViewPublicPage(programSubject(p)) && !mine.includes(p));
    const progress = await deriveProgress(db, [...mine, ...published].map((p) => p.id));
    const withProgress = (list: ProgramRow[]) => list.map((program) => ({ program, progress: progress.get(program.id)?.overall ?? 0 }));
    return reply.render(ProgramsIndexPage({ ctx, mine: withProgress(mine), published: withProgress(published), canCreate: canCreateProgram(ctx.actor, org) }));
  });

  const renderNew = async (request: import('fastify').FastifyRequest, form = emptyForm({ lang: request.ctx.lang, status: 'draft' })) => {
    const { ctx } = request;
    const leads = await leadChoices(db, ctx);
    permit(leads.length > 0);
    const choices = await programChoices(db, ctx, null, leads.map(([id]) => Number(id)));
    return ProgramFormPage({ ctx, form, action: '/programs/new', heading: ctx.t('programs.program.new'), leadOptions: leads, ...choices });
  };

  app.get('/:lang/programs/new', async (request, reply) => {
    if (!request.ctx.actor) throw new LoginRequiredError();
    return reply.render(await renderNew(request));
  });

  app.post('/:lang/programs/new', async (request, reply) => {
    const { ctx } = request;
    if (!ctx.actor) throw new LoginRequiredError();
    const parsed = parseForm(programSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderNew(request, parsed.form), 422);
    const orgs = await allOrganizations(db);
    const lead = orgs.find((o) => o.id === parsed.data.leadOrganizationId);
    if (!lead || !canCreateProgram(ctx.actor, lead)) {
      return reply.render(await renderNew(request, withError(formValues(request.body), 'leadOrganizationId', ctx.t('forms.invalidChoice'))), 422);
    }
    const result = await saveProgram({ db, actorId: ctx.actor.userId, ip: ctx.ip, areaExists }, { leadOrganizationId: lead.id, data: parsed.data });
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return reply.render(await renderNew(request, { values: formValues(request.body), errors: { [field]: ctx.t(message) } }), 422);
    }
    return reply.redirectWithFlash(href(ctx, `/programs/${result.id}`), 'programs.flash.programSaved');
  });

  app.get('/:lang/programs/:id', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    const activities = await activitiesOfProgram(db, program.id, program.regions);
    const p = await cachedProgramProgress(db, program, activities.map((a) => ({ id: a.id, programId: a.programId, status: a.status, regionIds: a.regions.map((r) => r.id), targets: a.targets })));
    const timing = activities.map((a) => ({ number: a.number, title: a.title, startsOn: a.startsOn, endsOn: a.endsOn, status: a.status, progress: p.activities.get(a.id)?.overall ?? 0 }));
    const { overdue, upcoming } = overdueAndUpcoming(timing, todayIso());
    const pendingReports = visiblePendingCount(ctx.actor, program, activities, p.pending);
    return reply.render(
      ProgramPage({
        ctx,
        program,
        overall: p.overall,
        activities,
        matrix: progressMatrix(program, activities, p.activities, ctx.lang),
        overdue,
        upcoming,
        agenda: agendaByMonth(activities, ctx.lang, program.periodStart),
        pendingReports,
        can: { edit: canEditProgram(ctx.actor, programSubject(program)), addActivity: canAddActivity(ctx.actor, programSubject(program)) },
      }),
    );
  });

  const renderEdit = async (request: import('fastify').FastifyRequest, program: ProgramRow, form = emptyForm(programFormValues(program, request.ctx.lang))) => {
    const { ctx } = request;
    const choices = await programChoices(db, ctx, null, [program.lead.id]);
    return ProgramFormPage({ ctx, form, action: `/programs/${program.id}/edit`, heading: ctx.t('programs.program.edit'), leadOptions: null, canDelete: true, ...choices });
  };

  app.get('/:lang/programs/:id/edit', async (request, reply) => {
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    permit(canEditProgram(request.ctx.actor, programSubject(program)));
    return reply.render(await renderEdit(request, program));
  });

  app.post('/:lang/programs/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    permit(canEditProgram(ctx.actor, programSubject(program)));
    if ((request.body as Record<string, unknown> | undefined)?.intent === 'delete') {
      const deleted = await deleteProgram({ db, actorId: ctx.actor!.userId, ip: ctx.ip }, { programId: program.id, organizationId: program.lead.id, title: program.title });
      if (!deleted.ok) return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/edit`), 'programs.flash.hasReports', 'error');
      return reply.redirectWithFlash(href(ctx, '/programs'), 'programs.flash.programDeleted');
    }
    const parsed = parseForm(programSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderEdit(request, program, parsed.form), 422);
    const result = await saveProgram(
      { db, actorId: ctx.actor!.userId, ip: ctx.ip, areaExists: async (id) => id === program.agreementAreaId || (await areaExists(id)) },
      { programId: program.id, leadOrganizationId: program.lead.id, data: parsed.data },
    );
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return reply.render(await renderEdit(request, program, { values: formValues(request.body), errors: { [field]: ctx.t(message) } }), 422);
    }
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.programSaved');
  });

  app.get('/:lang/programs/:id/public', async (request, reply) => {
    const { ctx } = request;
    const program = await findProgram(db, idParam((request.params as { id: string }).id));
    authorize(!!program && canViewPublicPage(programSubject(program)));
    const activities = await activitiesOfProgram(db, program.id, program.regions);
    const p = await cachedProgramProgress(db, program, activities.map((a) => ({ id: a.id, programId: a.programId, status: a.status, regionIds: a.regions.map((r) => r.id), targets: a.targets })));
    // Built field by field: internal notes, budgets, responsible people and reports never reach this page.
    return reply.render(
      PublicProgramPage({
        ctx,
        program: {
          title: program.title,
          description: program.description,
          lead: pickLocalized(program.lead.name, ctx.lang),
          partners: program.partners.map((o) => pickLocalized(o.name, ctx.lang)),
          periodStart: program.periodStart,
          periodEnd: program.periodEnd,
          progress: p.overall,
        },
        activities: activities
          .filter((a) => a.status !== 'draft')
          .map((a) => ({
            number: a.number,
            title: a.title,
            description: a.description,
            publicNotes: a.publicNotes,
            type: a.type,
            status: a.status,
            regions: a.regions.map((r) => pickLocalized(r.name, ctx.lang)),
            startsOn: a.startsOn,
            endsOn: a.endsOn,
            progress: p.activities.get(a.id)?.overall ?? 0,
          })),
      }),
    );
  });

  app.get('/:lang/programs/:id/print', async (request, reply) => {
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    const [activities, reports, progress] = await Promise.all([
      activitiesOfProgram(db, program.id),
      reportsOfProgram(db, program.id, { approvedOnly: true }),
      deriveProgress(db, [program.id]),
    ]);
    // The report is written in the program's language, whatever the page's language.
    const lang = program.lang;
    const ctx = { ...request.ctx, lang, dir: dirOf(lang), t: translator(lang), pathInLang: `/programs/${program.id}/print` };
    const p = progress.get(program.id)!;
    const matrix = progressMatrix(program, activities, p.activities, lang);
    const regionTotals = matrix.regions.map((r, i) => ({ name: r.name, progress: matrix.regionTotals[i] }));
    return reply.render(
      PrintPage({ ctx, program, overall: p.overall, activities, progress: p.activities, reports, today: todayIso(), preparedBy: request.ctx.user?.name ?? '', regionTotals }),
    );
  });

  const exportData = async (request: import('fastify').FastifyRequest) => {
    const program = await loadProgramForStaff(db, request, (request.params as { id: string }).id);
    const [activities, reports, progress] = await Promise.all([activitiesOfProgram(db, program.id), reportsOfProgram(db, program.id), deriveProgress(db, [program.id])]);
    return { program, activities, reports: visibleReports(request.ctx.actor, program, activities, reports), progress: progress.get(program.id)! };
  };
  const filename = (id: number, ext: string) => `attachment; filename="program-${id}.${ext}"`;

  app.get('/:lang/programs/:id/export.csv', async (request, reply) => {
    const data = await exportData(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', filename(data.program.id, 'csv'))
      .header('cache-control', 'no-store')
      .send(programCsv(data, request.ctx.lang, request.ctx.t));
  });

  app.get('/:lang/programs/:id/export.xlsx', async (request, reply) => {
    const data = await exportData(request);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', filename(data.program.id, 'xlsx'))
      .header('cache-control', 'no-store')
      .send(await programXlsx(data, request.ctx.lang, request.ctx.t));
  });
}
