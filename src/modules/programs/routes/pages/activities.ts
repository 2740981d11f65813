import type { FastifyInstance, FastifyRequest } from 'fastify';
import { permit } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm } from '../../../core/forms.ts';
import { dateInputValue } from '../../../core/dates.ts';
import { parseNumberedList } from '../../../core/numbered-list.ts';
import { transaction } from '../../../db/database.ts';
import { href } from '../../../ui/layout.tsx';
import { createDraftActivities } from '../commands/create-draft-activities.ts';
import { saveActivity, type SaveActivityResult } from '../commands/save-activity.ts';
import { deleteActivity } from '../commands/delete-program.ts';
import { deriveProgress } from '../derive.ts';
import { canAddActivity, canEditActivity, canFileReport } from '../policy.ts';
import { activitySubject, programSubject, visibleReports } from '../presenters.ts';
import { reportsOfActivity, type ActivityRow, type ProgramRow } from '../queries.ts';
import { activitySchema, pasteSchema, TARGET_ROWS } from '../schemas.ts';
import { ActivityFormPage, PastePage } from '../views/forms.tsx';
import { ActivityPage } from '../views/pages.tsx';
import { loadActivity, loadProgramForStaff } from './load.ts';
import { activityChoices } from './options.ts';

const activityFormValues = (a: ActivityRow, lang: 'fa' | 'vi' | 'en'): Record<string, string> => {
  const values: Record<string, string> = {
    title: a.title,
    description: a.description,
    type: a.type,
    status: a.status,
    leadOrganizationId: a.ownLead ? String(a.lead.id) : '',
    partnerIds: a.partners.map((p) => String(p.id)).join('\n'),
    regionIds: a.regions.map((r) => String(r.id)).join('\n'),
    startsOn: dateInputValue(a.startsOn, lang),
    endsOn: dateInputValue(a.endsOn, lang),
    responsibleUserId: a.responsibleUserId === null ? '' : String(a.responsibleUserId),
    budget: a.budget === null ? '' : String(a.budget),
    budgetCurrency: a.budgetCurrency ?? '',
    publicNotes: a.publicNotes,
    internalNotes: a.internalNotes,
  };
  a.targets.slice(0, TARGET_ROWS).forEach((t, i) => {
    values[`target${i + 1}Amount`] = String(t.amount);
    values[`target${i + 1}Unit`] = t.unitLabel;
    values[`target${i + 1}Measure`] = t.measure;
    values[`target${i + 1}Scope`] = t.scope;
  });
  return values;
};

const SAVE_ERRORS: Record<Exclude<SaveActivityResult, { ok: true }>['reason'], [string, string]> = {
  unknown_partner: ['partnerIds', 'programs.errors.unknownPartner'],
  lead_not_involved: ['leadOrganizationId', 'programs.errors.leadNotInvolved'],
  region_outside_program: ['regionIds', 'programs.errors.regionOutsideProgram'],
  unknown_responsible: ['responsibleUserId', 'programs.errors.unknownResponsible'],
};

/** Activities: create, paste a list, show, edit. */
export async function activityRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const programOf = (request: FastifyRequest) => loadProgramForStaff(db, request, (request.params as { id: string }).id);

  const renderForm = async (request: FastifyRequest, program: ProgramRow, form: ReturnType<typeof emptyForm>, activity?: ActivityRow) => {
    const { ctx } = request;
    const choices = await activityChoices(db, ctx, program, activity);
    return ActivityFormPage({
      ctx,
      form,
      action: activity ? `/programs/${program.id}/activities/${activity.number}/edit` : `/programs/${program.id}/activities/new`,
      heading: activity ? ctx.t('programs.activity.edit', { number: activity.number }) : ctx.t('programs.activity.new'),
      programTitle: program.title,
      canDelete: !!activity,
      ...choices,
    });
  };

  const save = async (request: FastifyRequest, program: ProgramRow, activity?: ActivityRow) => {
    const { ctx } = request;
    const parsed = parseForm(activitySchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return { status: 422, page: await renderForm(request, program, parsed.form, activity) } as const;
    const choices = await activityChoices(db, ctx, program, activity);
    const result = await saveActivity(
      { db, actorId: ctx.actor!.userId, ip: ctx.ip },
      {
        programId: program.id,
        leadOrganizationId: program.lead.id,
        programOrganizationIds: [program.lead.id, ...program.partners.map((p) => p.id)],
        programRegionIds: program.regions.map((r) => r.id),
        responsibleChoices: choices.responsibleIds,
        activityId: activity?.id,
        data: parsed.data,
      },
    );
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return { status: 422, page: await renderForm(request, program, { values: formValues(request.body), errors: { [field]: ctx.t(message) } }, activity) } as const;
    }
    return { status: 303, number: result.number } as const;
  };

  app.get('/:lang/programs/:id/activities/new', async (request, reply) => {
    const program = await programOf(request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    const values = { type: 'other', status: 'planned', regionIds: program.regions.map((r) => String(r.id)).join('\n') };
    return reply.render(await renderForm(request, program, emptyForm(values)));
  });

  app.post('/:lang/programs/:id/activities/new', async (request, reply) => {
    const program = await programOf(request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    const outcome = await save(request, program);
    if (outcome.status === 422) return reply.render(outcome.page, 422);
    return reply.redirectWithFlash(href(request.ctx, `/programs/${program.id}/activities/${outcome.number}`), 'programs.flash.activitySaved');
  });

  app.get('/:lang/programs/:id/activities/paste', async (request, reply) => {
    const program = await programOf(request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    return reply.render(PastePage({ ctx: request.ctx, form: emptyForm(), action: `/programs/${program.id}/activities/paste`, programTitle: program.title }));
  });

  app.post('/:lang/programs/:id/activities/paste', async (request, reply) => {
    const { ctx } = request;
    const program = await programOf(request);
    permit(canAddActivity(ctx.actor, programSubject(program)));
    const parsed = parseForm(pasteSchema, request.body, ctx.t);
    const items = parsed.ok ? parseNumberedList(parsed.data.list) : [];
    if (!parsed.ok || items.length === 0 || items.length > 200) {
      const form = parsed.ok
        ? { values: formValues(request.body), errors: { list: ctx.t(items.length === 0 ? 'programs.errors.emptyList' : 'programs.errors.listTooLong', { max: 200 }) } }
        : parsed.form;
      return reply.render(PastePage({ ctx, form, action: `/programs/${program.id}/activities/paste`, programTitle: program.title }), 422);
    }
    const ids = await transaction(db, (tx) => createDraftActivities(tx, { programId: program.id, actorId: ctx.actor!.userId, titles: items }));
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.drafted', 'success', { count: ids.length });
  });

  app.get('/:lang/programs/:id/activities/:number', async (request, reply) => {
    const { ctx } = request;
    const program = await programOf(request);
    const activity = await loadActivity(db, program, (request.params as { number: string }).number);
    const [reports, progress] = await Promise.all([reportsOfActivity(db, activity.id), deriveProgress(db, [program.id])]);
    const subject = programSubject(program);
    const canReport = activity.regions.some((r) => canFileReport(ctx.actor, subject, activitySubject(activity), r));
    return reply.render(
      ActivityPage({
        ctx,
        program,
        activity,
        progress: progress.get(program.id)!.activities.get(activity.id) ?? { overall: 0, byRegion: new Map() },
        reports: visibleReports(ctx.actor, program, [activity], reports),
        can: { edit: canEditActivity(ctx.actor, subject, activitySubject(activity)), report: canReport && activity.status !== 'cancelled' },
      }),
    );
  });

  app.get('/:lang/programs/:id/activities/:number/edit', async (request, reply) => {
    const program = await programOf(request);
    const activity = await loadActivity(db, program, (request.params as { number: string }).number);
    permit(canEditActivity(request.ctx.actor, programSubject(program), activitySubject(activity)));
    return reply.render(await renderForm(request, program, emptyForm(activityFormValues(activity, request.ctx.lang)), activity));
  });

  app.post('/:lang/programs/:id/activities/:number/edit', async (request, reply) => {
    const program = await programOf(request);
    const activity = await loadActivity(db, program, (request.params as { number: string }).number);
    permit(canEditActivity(request.ctx.actor, programSubject(program), activitySubject(activity)));
    if ((request.body as Record<string, unknown> | undefined)?.intent === 'delete') {
      const { ctx } = request;
      const deleted = await deleteActivity(
        { db, actorId: ctx.actor!.userId, ip: ctx.ip },
        { programId: program.id, activityId: activity.id, organizationId: program.lead.id, number: activity.number, title: activity.title },
      );
      if (!deleted.ok) return reply.redirectWithFlash(href(ctx, `/programs/${program.id}/activities/${activity.number}/edit`), 'programs.flash.hasReports', 'error');
      return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.activityDeleted');
    }
    const outcome = await save(request, program, activity);
    if (outcome.status === 422) return reply.render(outcome.page, 422);
    return reply.redirectWithFlash(href(request.ctx, `/programs/${program.id}/activities/${outcome.number}`), 'programs.flash.activitySaved');
  });
}
