import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, apiRefusals, apiSecurity, idPathSegment } from '../../../core/api-docs.ts';
import { commandDeps } from '../../../core/commands.ts';
import { NotFoundError, permit } from '../../../core/errors.ts';
import { formBodyFromJson } from '../../../core/form-body.ts';
import { parseForm, type FormState } from '../../../core/forms.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { canCompleteTask, canRecordResolutionOfKind, meetingAbilities } from '../policy.ts';
import { meetingRef, presentMeeting, presentOwnedTask, todayIn } from '../presenters.ts';
import { findTask } from '../queries.ts';
import {
  meetingAbilitiesJson,
  meetingFormSchema,
  meetingJson,
  meetingListQuery,
  minutesCorrectionSchema,
  ownedTaskJson,
  resolutionFormSchema,
  resolutionJson,
} from '../schemas.ts';
import { approveMinutes } from '../commands/approve-minutes.ts';
import { correctMinutes } from '../commands/correct-minutes.ts';
import { saveMeeting } from '../commands/save-meeting.ts';
import { recordResolution } from '../commands/record-resolution.ts';
import { completeTask } from '../commands/complete-task.ts';
import {
  loadMeeting,
  loadMeetingDetail,
  loadTasksOf,
  loadVisibleMeeting,
  loadVisibleMeetings,
  organizationChoices,
  organizationsExist,
} from '../loaders.ts';

type Params = { id: string };

/** 422 with a translated message per field, in the language of the viewer (their account's, else the browser's). */
function invalid(reply: FastifyReply, form: FormState, message: string) {
  return reply.code(422).send({ error: { code: 'invalid', message, fields: form.errors } });
}

const tags = ['meetings'];
const params = z.object({ id: idPathSegment() });
// A write's refusals: 403 seen but not allowed, 422 a field refused (with a message per field).
const writeRefusals = { ...apiRefusals, 403: apiErrorSchema, 422: apiErrorSchema };
/** The schema part every route here shares: tag, signed-in security, and the id in the path when there is one. */
const doc = (summary: string, withId: boolean) => ({ tags, summary, security: apiSecurity, ...(withId ? { params } : {}) });

/** An attendee's name or role as a line's text: a string or a number as typed, anything else nothing. */
const lineText = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** The API's meeting body as the form's fields: attendees as [{name, role}] become "name — role" lines. */
function meetingFields(body: unknown): Record<string, string | string[]> {
  const fields = formBodyFromJson(body);
  const attendees = (body as { attendees?: unknown } | null)?.attendees;
  if (Array.isArray(attendees)) {
    fields.attendees = attendees
      .map((a) =>
        a && typeof a === 'object'
          ? [lineText((a as { name?: unknown }).name), lineText((a as { role?: unknown }).role)].filter(Boolean).join(' — ')
          : '',
      )
      .join('\n');
  }
  return fields;
}

/** Attendee lines as the API sends them: never linked to an account (the API takes no emails here). */
const apiAttendees = (lines: string | undefined) =>
  (lines ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', ...role] = line.split(' — ');
      return { name: name.slice(0, 200), role: role.join(' — ').slice(0, 300), userId: null, email: null };
    });

/** The meetings' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function meetingApi(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  const listSchema = {
    ...doc('Meetings you may see, newest first', false),
    querystring: meetingListQuery,
    response: { 200: z.object({ total: z.number().int(), meetings: z.array(meetingJson) }), 400: apiErrorSchema, ...apiRefusals },
  };
  app.get('/api/v1/meetings', { schema: listSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const page = meetingListQuery.safeParse(request.query ?? {});
    if (!page.success) return reply.code(400).send({ error: { code: 'badRequest', message: ctx.t('errors.badRequest') } });
    const { rows, total } = await loadVisibleMeetings(db, actor, page.data);
    return { total, meetings: rows.map((m) => presentMeeting(m, ctx.lang)) };
  });

  const detailSchema = {
    ...doc('A meeting with its resolutions and what you may do with it', true),
    response: {
      200: z.object({ meeting: meetingJson, resolutions: z.array(resolutionJson), abilities: meetingAbilitiesJson }),
      ...apiRefusals,
    },
  };
  app.get<{ Params: Params }>('/api/v1/meetings/:id', { schema: detailSchema }, async (request) => {
    const { ctx } = request;
    const { meeting, resolutions, can } = await loadMeetingDetail(db, requireActor(ctx), idParam(request.params.id), ctx.lang);
    return { meeting, resolutions, abilities: can };
  });

  const createSchema = {
    ...doc('Record a meeting (coordinators of the organizing organization)', false),
    response: { 201: z.object({ meeting: meetingJson }), ...writeRefusals },
  };
  app.post('/api/v1/meetings', { schema: createSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(meetingFormSchema('en'), meetingFields(request.body), ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    const { organizerId, ...data } = parsed.data;
    const choices = await organizationChoices(db, actor, ctx.lang);
    if (organizerId === undefined || !choices.organizerIds.has(organizerId)) {
      return invalid(reply, { values: {}, errors: { organizerId: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    }
    if (!(await organizationsExist(db, data.attending)))
      return invalid(reply, { values: {}, errors: { attending: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    const fields = {
      title: data.title,
      heldOn: data.heldOn,
      startsAt: data.startsAt,
      place: data.place ?? '',
      agenda: data.agenda ?? '',
      minutes: data.minutes ?? '',
    };
    const result = await saveMeeting(commandDeps(request, actor), {
      meetingId: null,
      organizerId,
      regionId: choices.regionFor(organizerId),
      meeting: { ...fields, attendingIds: data.attending, attendees: apiAttendees(data.attendees) },
    });
    if (!result.ok) return invalid(reply, { values: {}, errors: { attendees: ctx.t('forms.invalid') } }, ctx.t('errors.badRequest'));
    const meeting = await loadMeeting(db, result.id);
    if (!meeting) throw new Error(`Meeting ${result.id}, just saved, is missing`);
    return reply.code(201).send({ meeting: presentMeeting(meeting, ctx.lang) });
  });

  const resolutionSchema = {
    ...doc('Record a resolution: approve activities of a program, assign a task, or a decision', true),
    response: {
      201: z.object({ number: z.number().int(), activityIds: z.array(z.number().int()), taskId: z.number().int().nullable() }),
      ...writeRefusals,
    },
  };
  app.post<{ Params: Params }>('/api/v1/meetings/:id/resolutions', { schema: resolutionSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    const ref = meetingRef(meeting);
    permit(meetingAbilities(actor, ref).recordResolution);
    const parsed = parseForm(resolutionFormSchema('en'), formBodyFromJson(request.body), ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    permit(canRecordResolutionOfKind(actor, ref, parsed.data.kind));
    const result = await recordResolution(commandDeps(request, actor), { meeting, form: parsed.data });
    if (!result.ok) {
      const field = result.reason === 'noSuchProgram' ? 'programId' : 'ownerId';
      return invalid(reply, { values: {}, errors: { [field]: ctx.t('forms.invalidChoice') } }, ctx.t('errors.badRequest'));
    }
    return reply.code(201).send({ number: result.number, activityIds: result.activityIds, taskId: result.taskId });
  });

  /** A meeting whose minutes the actor reviews, with what the pages' policy says they may do. */
  const reviewed = async (request: FastifyRequest<{ Params: Params }>) => {
    const actor = requireActor(request.ctx);
    const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
    return {
      deps: commandDeps(request, actor),
      meeting,
      target: { id: meeting.id, organizerId: meeting.organizer.id },
      can: meetingAbilities(actor, meetingRef(meeting)),
    };
  };

  const approveSchema = {
    ...doc('Approve the minutes', true),
    response: { 200: z.object({ minutesStatus: z.literal('approved'), changed: z.boolean() }), ...writeRefusals },
  };
  app.post<{ Params: Params }>('/api/v1/meetings/:id/minutes/approve', { schema: approveSchema }, async (request, reply) => {
    const { ctx } = request;
    const { deps, meeting, target, can } = await reviewed(request);
    permit(can.approveMinutes);
    if (meeting.minutes.trim() === '')
      return invalid(reply, { values: {}, errors: { minutes: ctx.t('meetings.minutes.emptyCannotApprove') } }, ctx.t('errors.badRequest'));
    const result = await approveMinutes(deps, { meeting: target });
    return { minutesStatus: 'approved', changed: result.ok };
  });

  const correctionSchema = {
    ...doc('Correct approved minutes, with a reason (keeps every version)', true),
    response: { 200: z.object({ minutesStatus: z.literal('approved'), version: z.number().int() }), ...writeRefusals },
  };
  app.post<{ Params: Params }>('/api/v1/meetings/:id/minutes/corrections', { schema: correctionSchema }, async (request, reply) => {
    const { ctx } = request;
    const { deps, target, can } = await reviewed(request);
    const parsed = parseForm(minutesCorrectionSchema, formBodyFromJson(request.body), ctx.t);
    if (!parsed.ok) return invalid(reply, parsed.form, ctx.t('errors.badRequest'));
    permit(can.correctMinutes);
    const result = await correctMinutes(deps, { meeting: target, minutes: parsed.data.minutes, reason: parsed.data.reason });
    if (!result.ok)
      return invalid(reply, { values: {}, errors: { minutes: ctx.t('meetings.flash.notApproved') } }, ctx.t('errors.badRequest'));
    return { minutesStatus: 'approved', version: result.version };
  });

  const tasksSchema = {
    ...doc('Tasks assigned to you', false),
    response: { 200: z.object({ tasks: z.array(ownedTaskJson) }), ...apiRefusals },
  };
  app.get('/api/v1/tasks', { schema: tasksSchema }, async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const today = todayIn(ctx.lang);
    return { tasks: (await loadTasksOf(db, actor.userId)).map((t) => presentOwnedTask(t, ctx.lang, today)) };
  });

  const doneSchema = {
    ...doc('Mark one of your tasks done', true),
    response: { 200: z.object({ done: z.literal(true), changed: z.boolean() }), ...apiRefusals },
  };
  app.post<{ Params: Params }>('/api/v1/tasks/:id/done', { schema: doneSchema }, async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const task = await findTask(db, idParam(request.params.id));
    const meeting = task ? await loadMeeting(db, task.meetingId) : undefined;
    if (!task || !meeting || !canCompleteTask(actor, task, meetingRef(meeting))) throw new NotFoundError();
    const result = await completeTask(commandDeps(request, actor), {
      task: { id: task.id, meetingId: task.meetingId, organizerId: meeting.organizer.id },
    });
    return { done: true, changed: result.ok };
  });
}
