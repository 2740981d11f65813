import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiQueryRefusals, apiRefusals, apiSecurity, apiWriteRefusals, idPathSegment } from '../../../core/api-docs.ts';
import { invalidInput } from '../../../core/api-validation.ts';
import { commandDeps } from '../../../core/commands.ts';
import { NotFoundError, permit } from '../../../core/errors.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { canCompleteTask, canRecordResolutionOfKind, meetingAbilities } from '../policy.ts';
import { meetingRef, presentMeeting, presentOwnedTask, todayIn } from '../presenters.ts';
import { findTask } from '../queries.ts';
import {
  meetingAbilitiesJson,
  meetingJsonBody,
  meetingJson,
  meetingListQuery,
  minutesCorrectionSchema,
  ownedTaskJson,
  resolutionJsonBody,
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

const tags = ['meetings'];
const params = z.object({ id: idPathSegment() });
/** The schema part every route here shares: tag, signed-in security, and the id in the path when there is one. */
const doc = (summary: string, withId: boolean) => ({ tags, summary, security: apiSecurity, ...(withId ? { params } : {}) });

/** The meetings' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function meetingApi(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  const listSchema = {
    ...doc('Meetings you may see, newest first', false),
    querystring: meetingListQuery,
    response: { 200: z.object({ total: z.number().int(), meetings: z.array(meetingJson) }), ...apiQueryRefusals, ...apiRefusals },
  };
  app.get('/api/v1/meetings', { schema: listSchema }, async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    // The route's schema has refused a bad query string (422); this only reads the values it passed.
    const page = meetingListQuery.parse(request.query ?? {});
    const { rows, total } = await loadVisibleMeetings(db, actor, page);
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
    body: meetingJsonBody,
    response: { 201: z.object({ meeting: meetingJson }), ...apiWriteRefusals },
  };
  app.post<{ Body: z.output<typeof meetingJsonBody> }>('/api/v1/meetings', { schema: createSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const { organizerId, ...data } = request.body;
    const choices = await organizationChoices(db, actor, ctx.lang);
    if (organizerId === undefined || !choices.organizerIds.has(organizerId)) {
      return invalidInput(reply, ctx.t, { organizerId: ctx.t(organizerId === undefined ? 'forms.required' : 'forms.invalidChoice') });
    }
    if (!(await organizationsExist(db, data.attending))) return invalidInput(reply, ctx.t, { attending: ctx.t('forms.invalidChoice') });
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
      meeting: {
        ...fields,
        attendingIds: data.attending,
        attendees: data.attendees.map((a) => ({ name: a.name, role: a.role ?? '', userId: null, email: null })),
      },
    });
    if (!result.ok) return invalidInput(reply, ctx.t, { attendees: ctx.t('forms.invalid') });
    const meeting = await loadMeeting(db, result.id);
    if (!meeting) throw new Error(`Meeting ${result.id}, just saved, is missing`);
    return reply.code(201).send({ meeting: presentMeeting(meeting, ctx.lang) });
  });

  const resolutionSchema = {
    ...doc('Record a resolution: approve activities of a program, assign a task, or a decision', true),
    body: resolutionJsonBody,
    response: {
      201: z.object({ number: z.number().int(), activityIds: z.array(z.number().int()), taskId: z.number().int().nullable() }),
      ...apiWriteRefusals,
    },
  };
  app.post<{ Params: Params; Body: z.output<typeof resolutionJsonBody> }>(
    '/api/v1/meetings/:id/resolutions',
    { schema: resolutionSchema },
    async (request, reply) => {
      const { ctx } = request;
      const actor = requireActor(ctx);
      const meeting = await loadVisibleMeeting(db, actor, idParam(request.params.id));
      const ref = meetingRef(meeting);
      permit(meetingAbilities(actor, ref).recordResolution);
      permit(canRecordResolutionOfKind(actor, ref, request.body.kind));
      const result = await recordResolution(commandDeps(request, actor), { meeting, form: request.body });
      if (!result.ok) {
        const field = result.reason === 'noSuchProgram' ? 'programId' : 'ownerId';
        return invalidInput(reply, ctx.t, { [field]: ctx.t('forms.invalidChoice') });
      }
      return reply.code(201).send({ number: result.number, activityIds: result.activityIds, taskId: result.taskId });
    },
  );

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
    response: { 200: z.object({ minutesStatus: z.literal('approved'), changed: z.boolean() }), ...apiWriteRefusals },
  };
  app.post<{ Params: Params }>('/api/v1/meetings/:id/minutes/approve', { schema: approveSchema }, async (request, reply) => {
    const { ctx } = request;
    const { deps, meeting, target, can } = await reviewed(request);
    permit(can.approveMinutes);
    if (meeting.minutes.trim() === '') return invalidInput(reply, ctx.t, { minutes: ctx.t('meetings.minutes.emptyCannotApprove') });
    const result = await approveMinutes(deps, { meeting: target });
    return { minutesStatus: 'approved', changed: result.ok };
  });

  const correctionSchema = {
    ...doc('Correct approved minutes, with a reason (keeps every version)', true),
    body: minutesCorrectionSchema,
    response: { 200: z.object({ minutesStatus: z.literal('approved'), version: z.number().int() }), ...apiWriteRefusals },
  };
  app.post<{ Params: Params; Body: z.output<typeof minutesCorrectionSchema> }>(
    '/api/v1/meetings/:id/minutes/corrections',
    { schema: correctionSchema },
    async (request, reply) => {
      const { ctx } = request;
      const { deps, target, can } = await reviewed(request);
      permit(can.correctMinutes);
      const result = await correctMinutes(deps, { meeting: target, minutes: request.body.minutes, reason: request.body.reason });
      if (!result.ok) return invalidInput(reply, ctx.t, { minutes: ctx.t('meetings.flash.notApproved') });
      return { minutesStatus: 'approved', version: result.version };
    },
  );

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
    response: { 200: z.object({ done: z.literal(true), changed: z.boolean() }), ...apiWriteRefusals },
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
