import type { FastifyInstance, FastifyRequest } from 'fastify';
import { permit } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, type FormState } from '../../../../core/forms.ts';
import { parseNumberedList } from '../../../../core/numbered-list.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { commandDeps } from '../../../../core/commands.ts';
import { transaction } from '../../../../db/database.ts';
import { href } from '../../../../ui/layout.tsx';
import { createDraftActivities } from '../../commands/create-draft-activities.ts';
import { saveActivity, type SaveActivityResult } from '../../commands/save-activity.ts';
import { deleteActivity } from '../../commands/delete-activity.ts';
import { deriveProgress, progressOf } from '../../domain/derive.ts';
import { activityChoices, loadActivity, loadProgramForStaff } from '../../loaders.ts';
import { canAddActivity, canEditActivity, canFileReport } from '../../policy.ts';
import { activityDetailView, activityFormValues, activitySubject, programSubject, visibleReports } from '../../presenters.ts';
import { reportsOfActivity, type ActivityRow, type ProgramRow } from '../../queries/index.ts';
import { activitySchema, pasteSchema } from '../../schemas.ts';
import { ActivityFormPage } from '../../views/activity-form-page.tsx';
import { ActivityPage } from '../../views/activity-page.tsx';
import { PastePage } from '../../views/paste-page.tsx';

const SAVE_ERRORS: Record<Exclude<SaveActivityResult, { ok: true }>['reason'], [string, string]> = {
  unknown_partner: ['partnerIds', 'programs.errors.unknownPartner'],
  lead_not_involved: ['leadOrganizationId', 'programs.errors.leadNotInvolved'],
  region_outside_program: ['regionIds', 'programs.errors.regionOutsideProgram'],
  unknown_responsible: ['responsibleUserId', 'programs.errors.unknownResponsible'],
};

/** The most items one pasted list may create. */
const MAX_PASTED = 200;

/** Activities: create, paste a list, show, edit, delete. */
export async function activityPages(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  const renderForm = async (request: FastifyRequest, program: ProgramRow, form: FormState, activity?: ActivityRow) => {
    const { ctx } = request;
    const choices = await activityChoices(db, ctx, program, activity);
    const base = `/programs/${program.id}/activities`;
    return ActivityFormPage({
      ctx,
      form,
      action: activity ? `${base}/${activity.number}/edit` : `${base}/new`,
      heading: activity ? ctx.t('programs.activity.edit', { number: activity.number }) : ctx.t('programs.activity.new'),
      programTitle: program.title,
      deleteAction: activity ? `${base}/${activity.number}/delete` : undefined,
      ...choices,
    });
  };

  /** Saves the posted activity form (new, or edits of `activity`): the number saved, or the form to show again with 422. */
  const save = async (request: FastifyRequest, program: ProgramRow, activity?: ActivityRow) => {
    const { ctx } = request;
    const parsed = parseForm(activitySchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return { status: 422, page: await renderForm(request, program, parsed.form, activity) } as const;
    const choices = await activityChoices(db, ctx, program, activity);
    const result = await saveActivity(commandDeps(request, requireActor(ctx)), {
      programId: program.id,
      programTitle: program.title,
      leadOrganizationId: program.lead.id,
      programOrganizationIds: [program.lead.id, ...program.partners.map((p) => p.id)],
      programRegionIds: program.regions.map((r) => r.id),
      responsibleChoices: choices.responsibleIds,
      activityId: activity?.id,
      data: parsed.data,
    });
    if (result.ok) return { status: 303, number: result.number } as const;
    const [field, message] = SAVE_ERRORS[result.reason];
    return {
      status: 422,
      page: await renderForm(request, program, { values: formValues(request.body), errors: { [field]: ctx.t(message) } }, activity),
    } as const;
  };

  const pastePage = (request: FastifyRequest, program: ProgramRow, form: FormState) =>
    PastePage({ ctx: request.ctx, form, action: `/programs/${program.id}/activities/paste`, programTitle: program.title });

  app.get('/:lang/programs/:id/activities/new', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    const values = { type: 'other', status: 'planned', regionIds: program.regions.map((r) => String(r.id)).join('\n') };
    return reply.render(await renderForm(request, program, emptyForm(values)));
  });

  app.post('/:lang/programs/:id/activities/new', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    const outcome = await save(request, program);
    if (outcome.status === 422) return reply.render(outcome.page, 422);
    return reply.redirectWithFlash(
      href(request.ctx, `/programs/${program.id}/activities/${outcome.number}`),
      'programs.flash.activitySaved',
    );
  });

  app.get('/:lang/programs/:id/activities/paste', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    permit(canAddActivity(request.ctx.actor, programSubject(program)));
    return reply.render(pastePage(request, program, emptyForm()));
  });

  app.post('/:lang/programs/:id/activities/paste', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const actor = requireActor(ctx);
    permit(canAddActivity(actor, programSubject(program)));
    const parsed = parseForm(pasteSchema, request.body, ctx.t);
    const items = parsed.ok ? parseNumberedList(parsed.data.list) : [];
    if (!parsed.ok) return reply.render(pastePage(request, program, parsed.form), 422);
    if (items.length === 0 || items.length > MAX_PASTED) {
      const error = ctx.t(items.length === 0 ? 'programs.errors.emptyList' : 'programs.errors.listTooLong', { max: MAX_PASTED });
      return reply.render(pastePage(request, program, { values: formValues(request.body), errors: { list: error } }), 422);
    }
    const ids = await transaction(db, (tx) => createDraftActivities(tx, { programId: program.id, actorId: actor.userId, titles: items }));
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.drafted', 'success', { count: ids.length });
  });

  app.get('/:lang/programs/:id/activities/:number', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    const [reports, progress] = await Promise.all([reportsOfActivity(db, activity.id), deriveProgress(db, [program.id])]);
    const subject = programSubject(program);
    const canReport = activity.regions.some((r) => canFileReport(ctx.actor, subject, activitySubject(activity), r));
    return reply.render(
      ActivityPage({
        ctx,
        program,
        activity: activityDetailView(activity),
        progress: progressOf(progress, program.id).activities.get(activity.id) ?? { overall: 0, byRegion: new Map() },
        reports: visibleReports(ctx.actor, program, [activity], reports),
        can: { edit: canEditActivity(ctx.actor, subject, activitySubject(activity)), report: canReport && activity.status !== 'cancelled' },
      }),
    );
  });

  app.get('/:lang/programs/:id/activities/:number/edit', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    permit(canEditActivity(request.ctx.actor, programSubject(program), activitySubject(activity)));
    return reply.render(await renderForm(request, program, emptyForm(activityFormValues(activity, request.ctx.lang)), activity));
  });

  app.post('/:lang/programs/:id/activities/:number/edit', async (request, reply) => {
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    permit(canEditActivity(request.ctx.actor, programSubject(program), activitySubject(activity)));
    const outcome = await save(request, program, activity);
    if (outcome.status === 422) return reply.render(outcome.page, 422);
    return reply.redirectWithFlash(
      href(request.ctx, `/programs/${program.id}/activities/${outcome.number}`),
      'programs.flash.activitySaved',
    );
  });

  app.post('/:lang/programs/:id/activities/:number/delete', async (request, reply) => {
    const { ctx } = request;
    const program = await loadProgramForStaff(db, request);
    const activity = await loadActivity(db, program, request);
    const actor = requireActor(ctx);
    permit(canEditActivity(actor, programSubject(program), activitySubject(activity)));
    const input = {
      programId: program.id,
      activityId: activity.id,
      organizationId: program.lead.id,
      number: activity.number,
      title: activity.title,
    };
    const deleted = await deleteActivity(commandDeps(request, actor), input);
    if (!deleted.ok)
      return reply.redirectWithFlash(
        href(ctx, `/programs/${program.id}/activities/${activity.number}/edit`),
        'programs.flash.hasReports',
        'error',
      );
    return reply.redirectWithFlash(href(ctx, `/programs/${program.id}`), 'programs.flash.activityDeleted');
  });
}
