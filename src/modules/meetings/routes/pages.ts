import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commandDeps } from '../../../core/commands.ts';
import { NotFoundError, permit } from '../../../core/errors.ts';
import type { RequestContext } from '../../../core/context.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../core/forms.ts';
import { dateInputValue } from '../../../core/dates.ts';
import { pickLocalized, type Lang } from '../../../core/i18n.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { listProgramsForOrganization } from '../../programs/index.ts';
import { findOrganizationBySlug, listPeopleOfOrganizations } from '../../organizations/index.ts';
import { canCompleteTask, canRecordResolutionOfKind, meetingAbilities } from '../policy.ts';
import { meetingRef, presentMeeting, presentOwnedTask, presentVersion, todayIn } from '../presenters.ts';
import { findTask, type Meeting } from '../queries.ts';
import {
  meetingFormSchema,
  minutesCorrectionSchema,
  parseAttendees,
  resolutionFormSchema,
  taskDoneSchema,
  type MeetingForm,
} from '../schemas.ts';
import { saveMeeting, type MeetingFields } from '../commands/save-meeting.ts';
import { approveMinutes } from '../commands/approve-minutes.ts';
import { correctMinutes } from '../commands/correct-minutes.ts';
import { recordResolution } from '../commands/record-resolution.ts';
import { completeTask } from '../commands/complete-task.ts';
import {
  loadMeeting,
  loadVisibleMeeting,
  loadVisibleMeetings,
  organizationChoices,
  organizationsExist,
  loadMeetingDetail,
  loadTasksOf,
  loadMinutesVersions,
} from '../loaders.ts';
import { MeetingListPage } from '../views/meeting-list-page.tsx';
import { MeetingFormPage } from '../views/meeting-form-page.tsx';
import { MeetingPage } from '../views/meeting-page.tsx';
import { MinutesPage } from '../views/minutes-page.tsx';
import { ResolutionFormPage } from '../views/resolution-form-page.tsx';
import { TasksPage } from '../views/tasks-page.tsx';

type Params = { id: string };

/** The form's values when editing a saved meeting. */
function valuesOf(meeting: Meeting, lang: Lang): Record<string, string> {
  return {
    title: meeting.title,
    heldOn: dateInputValue(meeting.heldOn, lang),
    startsAt: meeting.startsAt ?? '',
    place: meeting.place,
    attending: meeting.attending.map((o) => String(o.id)).join('\n'),
    attendees: meeting.attendees.map((a) => (a.role ? `${a.name} — ${a.role}` : a.name)).join('\n'),
    agenda: meeting.agenda,
    minutes: meeting.minutes,
  };
}

/** The coordination meetings' pages: list, record, edit, minutes and their versions, resolutions, my tasks. */
export async function meetingPages(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get('/:lang/meetings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const [{ rows }, choices] = await Promise.all([
      loadVisibleMeetings(db, actor, { limit: 200, offset: 0 }),
      organizationChoices(db, actor, ctx.lang),
    ]);
    return reply.render(
      MeetingListPage({ ctx, meetings: rows.map((m) => presentMeeting(m, ctx.lang)), canCreate: choices.organizerIds.size > 0 }),
    );
  });

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/meetings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const organization = await findOrganizationBySlug(db, request.params.slug);
    if (!organization) throw new NotFoundError();
    const [{ rows }, choices] = await Promise.all([
      loadVisibleMeetings(db, actor, { limit: 200, offset: 0 }, organization.id),
      organizationChoices(db, actor, ctx.lang),
    ]);
    return reply.render(
      MeetingListPage({
        ctx,
        meetings: rows.map((m) => presentMeeting(m, ctx.lang)),
        canCreate: choices.organizerIds.size > 0,
        organizationName: pickLocalized(organization.name, ctx.lang),
      }),
    );
  });

  const renderForm = async (ctx: RequestContext, form: FormState, meeting: Meeting | null) => {
    const actor = requireActor(ctx);
    const choices = await organizationChoices(db, actor, ctx.lang);
    return MeetingFormPage({
      ctx,
      form,
      meetingId: meeting?.id ?? null,
      organizerOptions: choices.organizerOptions,
      organizationOptions: choices.all,
      minutesLocked: meeting?.minutesStatus === 'approved',
    });
  };

  /** Validates the meeting form; returns the data or the form state to show again. */
  const readMeetingForm = async (
    ctx: RequestContext,
    body: unknown,
  ): Promise<{ ok: true; data: MeetingForm } | { ok: false; form: FormState }> => {
    const parsed = parseForm(meetingFormSchema(ctx.lang), body, ctx.t);
    if (!parsed.ok) return parsed;
    if (!(await organizationsExist(db, parsed.data.attending))) {
      return { ok: false, form: withError(formValues(body), 'attending', ctx.t('forms.invalidChoice')) };
    }
    return parsed;
  };

  app.get('/:lang/meetings/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const choices = await organizationChoices(db, actor, ctx.lang);
    permit(choices.organizerIds.size > 0);
    return reply.render(await renderForm(ctx, emptyForm(), null));
  });

  app.post('/:lang/meetings/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const choices = await organizationChoices(db, actor, ctx.lang);
    permit(choices.organizerIds.size > 0);
    const parsed = await readMeetingForm(ctx, request.body);
    if (!parsed.ok) return reply.render(await renderForm(ctx, parsed.form, null), 422);
    const data = parsed.data;
    if (data.organizerId === undefined || !choices.organizerIds.has(data.organizerId)) {
      const field = data.organizerId === undefined ? ctx.t('forms.required') : ctx.t('forms.invalidChoice');
      return reply.render(await renderForm(ctx, withError(formValues(request.body), 'organizerId', field), null), 422);
    }
    const result = await saveMeeting(commandDeps(request, actor), {
      meetingId: null,
      organizerId: data.organizerId,
      regionId: choices.regionFor(data.organizerId),
      meeting: toInput(data, true),
    });
    if (!result.ok) {
      return reply.render(
        await renderForm(
          ctx,
          withError(formValues(request.body), 'attendees', ctx.t('meetings.form.unknownEmail', { email: result.email })),
          null,
        ),
        422,
      );
    }
    return reply.redirectWithFlash(`/${ctx.lang}/meetings/${result.id}`, 'meetings.flash.created');
  });

  app.get<{ Params: Params }>('/:lang/meetings/:id', async (request, reply) => {
    const { ctx } = request;
    const detail = await loadMeetingDetail(db, requireActor(ctx), idParam(request.params.id), ctx.lang);
    return reply.render(MeetingPage({ ctx, ...detail }));
  });

  app.get<{ Params: Params }>('/:lang/meetings/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    permit(meetingAbilities(actor, meetingRef(meeting)).edit);
    return reply.render(await renderForm(ctx, emptyForm(valuesOf(meeting, ctx.lang)), meeting));
  });

  app.post<{ Params: Params }>('/:lang/meetings/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    permit(meetingAbilities(actor, meetingRef(meeting)).edit);
    const parsed = await readMeetingForm(ctx, request.body);
    if (!parsed.ok) return reply.render(await renderForm(ctx, parsed.form, meeting), 422);
    const canDraft = meetingAbilities(actor, meetingRef(meeting)).draftMinutes;
    const result = await saveMeeting(commandDeps(request, actor), {
      meetingId: meeting.id,
      organizerId: meeting.organizer.id,
      meeting: toInput(parsed.data, canDraft),
    });
    if (!result.ok) {
      return reply.render(
        await renderForm(
          ctx,
          withError(formValues(request.body), 'attendees', ctx.t('meetings.form.unknownEmail', { email: result.email })),
          meeting,
        ),
        422,
      );
    }
    return reply.redirectWithFlash(`/${ctx.lang}/meetings/${meeting.id}`, 'meetings.flash.updated');
  });

  const renderMinutes = async (ctx: RequestContext, meeting: Meeting, form: FormState) => {
    const actor = requireActor(ctx);
    const versions = await loadMinutesVersions(db, meeting.id);
    return MinutesPage({
      ctx,
      meeting: presentMeeting(meeting, ctx.lang),
      versions: versions.map((v) => presentVersion(v, ctx.lang)),
      can: meetingAbilities(actor, meetingRef(meeting)),
      form,
    });
  };

  app.get<{ Params: Params }>('/:lang/meetings/:id/minutes', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    return reply.render(await renderMinutes(ctx, meeting, emptyForm()));
  });

  /** A meeting whose minutes the actor reviews, with the page to come back to. */
  const reviewed = async (request: FastifyRequest<{ Params: Params }>) => {
    const actor = requireActor(request.ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const target = { id: meeting.id, organizerId: meeting.organizer.id };
    return {
      deps: commandDeps(request, actor),
      meeting,
      target,
      can: meetingAbilities(actor, meetingRef(meeting)),
      back: `/${request.ctx.lang}/meetings/${meeting.id}/minutes`,
    };
  };

  app.post<{ Params: Params }>('/:lang/meetings/:id/minutes/approve', async (request, reply) => {
    const { deps, meeting, target, can, back } = await reviewed(request);
    permit(can.approveMinutes);
    if (meeting.minutes.trim() === '') {
      return reply.render(
        await renderMinutes(request.ctx, meeting, withError({}, '_form', request.ctx.t('meetings.minutes.emptyCannotApprove'))),
        422,
      );
    }
    const result = await approveMinutes(deps, { meeting: target });
    if (!result.ok) return reply.redirectWithFlash(back, 'meetings.flash.alreadyApproved', 'error');
    return reply.redirectWithFlash(back, 'meetings.flash.minutesApproved');
  });

  app.post<{ Params: Params }>('/:lang/meetings/:id/minutes/corrections', async (request, reply) => {
    const { deps, meeting, target, can, back } = await reviewed(request);
    permit(can.correctMinutes);
    const parsed = parseForm(minutesCorrectionSchema, request.body, request.ctx.t);
    if (!parsed.ok) return reply.render(await renderMinutes(request.ctx, meeting, parsed.form), 422);
    const result = await correctMinutes(deps, { meeting: target, minutes: parsed.data.minutes, reason: parsed.data.reason });
    if (!result.ok) return reply.redirectWithFlash(back, 'meetings.flash.notApproved', 'error');
    return reply.redirectWithFlash(back, 'meetings.flash.minutesCorrected', 'success', { version: result.version });
  });

  const renderResolutionForm = async (ctx: RequestContext, meeting: Meeting, form: FormState) => {
    const actor = requireActor(ctx);
    const can = meetingAbilities(actor, meetingRef(meeting));
    const [programs, people] = await Promise.all([
      can.approveActivities ? listProgramsForOrganization(db, meeting.organizer.id) : Promise.resolve([]),
      can.assignTask ? listPeopleOfOrganizations(db, [meeting.organizer.id, ...meeting.attending.map((o) => o.id)]) : Promise.resolve([]),
    ]);
    return ResolutionFormPage({
      ctx,
      meeting: { id: meeting.id, title: meeting.title },
      form,
      programOptions: programs.map((p): [string, string] => [String(p.id), p.title]),
      peopleOptions: people.map((p): [string, string] => [String(p.id), p.name]),
      can,
    });
  };

  app.get<{ Params: Params }>('/:lang/meetings/:id/resolutions/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    permit(meetingAbilities(actor, meetingRef(meeting)).recordResolution);
    return reply.render(await renderResolutionForm(ctx, meeting, emptyForm({ kind: 'decision' })));
  });

  app.post<{ Params: Params }>('/:lang/meetings/:id/resolutions/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const ref = meetingRef(meeting);
    permit(meetingAbilities(actor, ref).recordResolution);
    const parsed = parseForm(resolutionFormSchema(ctx.lang), request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderResolutionForm(ctx, meeting, parsed.form), 422);
    permit(canRecordResolutionOfKind(actor, ref, parsed.data.kind));
    const result = await recordResolution(commandDeps(request, actor), { meeting, form: parsed.data });
    if (!result.ok) {
      const field = result.reason === 'noSuchProgram' ? 'programId' : 'ownerId';
      return reply.render(
        await renderResolutionForm(ctx, meeting, withError(formValues(request.body), field, ctx.t('forms.invalidChoice'))),
        422,
      );
    }
    return reply.redirectWithFlash(
      `/${ctx.lang}/meetings/${meeting.id}#resolution-${result.number}`,
      'meetings.flash.resolutionRecorded',
      'success',
      {
        number: result.number,
        activities: result.activityIds.length,
      },
    );
  });

  app.get('/:lang/tasks', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const today = todayIn(ctx.lang);
    const tasks = await loadTasksOf(db, actor.userId);
    return reply.render(TasksPage({ ctx, tasks: tasks.map((task) => presentOwnedTask(task, ctx.lang, today)) }));
  });

  app.post('/:lang/tasks', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(taskDoneSchema, request.body, ctx.t);
    if (!parsed.ok) throw new NotFoundError();
    const task = await findTask(db, parsed.data.taskId);
    const meeting = task ? await loadMeeting(db, task.meetingId) : undefined;
    // Someone else's task answers like a missing one.
    if (!task || !meeting || !canCompleteTask(actor, task, meetingRef(meeting))) throw new NotFoundError();
    const result = await completeTask(commandDeps(request, actor), {
      task: { id: task.id, meetingId: task.meetingId, organizerId: meeting.organizer.id },
    });
    return reply.redirectWithFlash(`/${ctx.lang}/tasks`, result.ok ? 'meetings.flash.taskDone' : 'meetings.flash.taskAlreadyDone');
  });
}

/** The command's fields from a valid meeting form; the minutes only when the actor may draft them. */
function toInput(data: MeetingForm, withMinutes: boolean): MeetingFields {
  return {
    title: data.title,
    heldOn: data.heldOn,
    startsAt: data.startsAt,
    place: data.place ?? '',
    agenda: data.agenda ?? '',
    minutes: withMinutes ? (data.minutes ?? '') : null,
    attendingIds: data.attending,
    attendees: parseAttendees(data.attendees),
  };
}
