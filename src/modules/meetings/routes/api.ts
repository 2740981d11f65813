import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { NotFoundError, permit } from '../../core/errors.ts';
import { parseForm, type FormState } from '../../core/forms.ts';
import { canApproveActivities, canAssignTask, canCompleteTask, meetingAbilities } from './policy.ts';
import { meetingRef, presentMeeting, presentOwnedTask, presentResolution, todayIn } from './presenters.ts';
import { findMeeting, findMeetingOrganizations, findTask, listResolutions, listTasksForOwner, listVisibleMeetings } from './queries.ts';
import { meetingFormSchema, minutesFormSchema, resolutionFormSchema } from './schemas.ts';
import { approveMinutes, correctMinutes } from './commands/review-minutes.ts';
import { saveMeeting } from './commands/save-meeting.ts';
import { recordResolution } from './commands/record-resolution.ts';
import { completeTask } from './commands/complete-task.ts';
import { idParam, loadVisibleMeeting, organizationChoices, requireActor } from './loaders.ts';
import { listProgramsForOrganization } from '../programs/index.ts';

type Params = { id: string };

/** 422 with a translated message per field, in the language of the viewer (their account's, else the browser's). */
function invalid(reply: FastifyReply, form: FormState, message: string) {
  return reply.code(422).send({ error: { code: 'invalid', message, fields: form.errors } });
}

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The meetings' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function meetingApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get('/api/v1/meetings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const page = pageQuery.safeParse(request.query ?? {});
    if (!page.success) return reply.code(400).send({ error: { code: 'badRequest', message: ctx.t('errors.badRequest') } });
    const { rows, total } = await listVisibleMeetings(db, actor, page.data);
    return { total, meetings: rows.map((m) => presentMeeting(m, ctx.lang)) };
  });

  app.get<{ Params: Params }>('/api/v1/meetings/:id', async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const resolutions = await listResolutions(db, meeting.id);
    const titles = resolutions.some((r) => r.programId !== null)
      ? new Map((await listProgramsForOrganization(db, meeting.organizer.id)).map((p) => [p.id, p.title]))
      : new Map<number, string>();
    const today = todayIn(ctx.lang);
    return {
      meeting: presentMeeting(meeting, ctx.lang),
      resolutions: resolutions.map((r) => presentResolution(r, ctx.lang, today, titles)),
      abilities: meetingAbilities(actor, meetingRef(meeting)),
    };
  });

  app.post('/api/v1/meetings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The API takes attendees as [{name, role}] and ISO dates; the form's schema does the rest.
    const attendees = Array.isArray(body.attendees)
      ? body.attendees.map((a) => (a && typeof a === 'object' ? [String((a as { name?: unknown }).name ?? ''), String((a as { role?: unknown }).role ?? '')].filter(Boolean).join(' — ') : '')).join('\n')
      : undefined;
    const input = { ...body, organizerId: body.organizerId === undefined ? undefined : String(body.organizerId), attendees, attending: Array.isArray(body.attending) ? body.attending.map(String) : [] };
    const parsed = parseForm(meetingFormSchema('en'), input, ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    const choices = await organizationChoices(db, actor, ctx.lang);
    if (parsed.data.organizerId === undefined || !choices.organizerIds.has(parsed.data.organizerId)) {
      return invalid(reply, { values: {}, errors: { organizerId: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    }
    const found = await findMeetingOrganizations(db, parsed.data.attending);
    if (found.length !== new Set(parsed.data.attending).size) {
      return invalid(reply, { values: {}, errors: { attending: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    }
    const result = await saveMeeting(db, { userId: actor.userId, ip: ctx.ip }, { meetingId: null, organizerId: parsed.data.organizerId, regionId: choices.regionFor(parsed.data.organizerId) }, {
      title: parsed.data.title,
      heldOn: parsed.data.heldOn,
      startsAt: parsed.data.startsAt,
      place: parsed.data.place ?? '',
      agenda: parsed.data.agenda ?? '',
      minutes: parsed.data.minutes ?? '',
      attendingIds: parsed.data.attending,
      attendees: (parsed.data.attendees ?? '').split('\n').filter(Boolean).map((line) => {
        const [name = '', ...role] = line.split(' — ');
        return { name: name.slice(0, 200), role: role.join(' — ').slice(0, 300), userId: null, email: null };
      }),
    });
    if (!result.ok) return invalid(reply, { values: {}, errors: { attendees: ctx.t('forms.invalid') } }, ctx.t('errors.badRequest'));
    const meeting = await findMeeting(db, result.id);
    return reply.code(201).send({ meeting: presentMeeting(meeting!, ctx.lang) });
  });

  app.post<{ Params: Params }>('/api/v1/meetings/:id/resolutions', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const ref = meetingRef(meeting);
    permit(meetingAbilities(actor, ref).recordResolution);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
    const parsed = parseForm(resolutionFormSchema('en'), input, ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    if (parsed.data.kind === 'activities') permit(canApproveActivities(actor, ref));
    if (parsed.data.kind === 'task') permit(canAssignTask(actor, ref));
    const result = await recordResolution(
      db,
      { userId: actor.userId, ip: ctx.ip },
      { id: meeting.id, title: meeting.title, organizerId: meeting.organizer.id, attendingIds: meeting.attending.map((o) => o.id) },
      parsed.data,
    );
    if (!result.ok) {
      const field = result.reason === 'noSuchProgram' ? 'programId' : 'ownerId';
      return invalid(reply, { values: {}, errors: { [field]: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    }
    return reply.code(201).send({ number: result.number, activityIds: result.activityIds, taskId: result.taskId });
  });

  app.post<{ Params: Params }>('/api/v1/meetings/:id/minutes', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const can = meetingAbilities(actor, meetingRef(meeting));
    const parsed = parseForm(minutesFormSchema, request.body ?? {}, ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    const who = { userId: actor.userId, ip: ctx.ip };
    const target = { id: meeting.id, organizerId: meeting.organizer.id };
    if (parsed.data.intent === 'approve') {
      permit(can.approveMinutes);
      if (meeting.minutes.trim() === '') return invalid(reply, { values: {}, errors: { minutes: ctx.t('meetings.minutes.emptyCannotApprove') } }, ctx.t('errors.badRequest'));
      const result = await approveMinutes(db, who, target);
      return { minutesStatus: 'approved', changed: result.ok };
    }
    permit(can.correctMinutes);
    const result = await correctMinutes(db, who, target, { minutes: parsed.data.minutes, reason: parsed.data.reason });
    if (!result.ok) return invalid(reply, { values: {}, errors: { intent: ctx.t('meetings.flash.notApproved') } }, ctx.t('errors.badRequest'));
    return { minutesStatus: 'approved', version: result.version };
  });

  app.get('/api/v1/tasks', async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const today = todayIn(ctx.lang);
    return { tasks: (await listTasksForOwner(db, actor.userId)).map((t) => presentOwnedTask(t, ctx.lang, today)) };
  });

  app.post<{ Params: Params }>('/api/v1/tasks/:id/done', async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const task = await findTask(db, idParam(request.params.id));
    const meeting = task ? await findMeeting(db, task.meetingId) : undefined;
    if (!task || !meeting || !canCompleteTask(actor, task, meetingRef(meeting))) throw new NotFoundError();
    const result = await completeTask(db, { userId: actor.userId, ip: ctx.ip }, { id: task.id, meetingId: task.meetingId, organizerId: meeting.organizer.id });
    return { done: true, changed: result.ok };
  });
}
