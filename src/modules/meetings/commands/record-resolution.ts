import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { parseNumberedList } from '../../../core/numbered-list.ts';
import { createDraftActivities, listProgramsForOrganization } from '../../programs/index.ts';
import { notify } from '../../notifications/index.ts';
import { listPeopleOfOrganizations } from '../../organizations/index.ts';
import { insertResolution, insertTask } from '../queries.ts';
import type { ResolutionForm } from '../schemas.ts';

export interface RecordResolutionInput {
  meeting: { id: number; title: string; organizer: { id: number }; attending: Array<{ id: number }> };
  form: ResolutionForm;
}

type RecordResult = CommandResult<
  { number: number; activityIds: number[]; taskId: number | null },
  'noSuchProgram' | 'ownerNotParticipant'
>;

/**
 * Records a numbered resolution of a meeting. An "activities" resolution creates one draft activity per item
 * of the pasted list in a program the organizer leads or partners in; a "task" resolution assigns a task to a
 * person of the organizer or an attending organization and notifies them. All of it lands together or not at all.
 */
export async function recordResolution(deps: CommandDeps, input: RecordResolutionInput): Promise<RecordResult> {
  const { form } = input;
  const meeting = { ...input.meeting, organizerId: input.meeting.organizer.id, attendingIds: input.meeting.attending.map((o) => o.id) };
  const { actor } = deps;
  return transaction(deps.db, async (tx) => {
    let programId: number | null = null;
    if (form.kind === 'activities') {
      const programs = await listProgramsForOrganization(tx, meeting.organizerId);
      const chosen = form.programId;
      if (chosen === undefined || !programs.some((p) => p.id === chosen)) return { ok: false, reason: 'noSuchProgram' } as const;
      programId = chosen;
    }
    let task: { ownerId: number; dueOn: NonNullable<typeof form.dueOn> } | null = null;
    if (form.kind === 'task') {
      const { ownerId, dueOn } = form;
      const people = await listPeopleOfOrganizations(tx, [meeting.organizerId, ...meeting.attendingIds]);
      // The form schema requires both for a task; a form without them names no participant either.
      if (ownerId === undefined || dueOn === undefined || !people.some((p) => p.id === ownerId))
        return { ok: false, reason: 'ownerNotParticipant' } as const;
      task = { ownerId, dueOn };
    }
    const titles = programId !== null ? parseNumberedList(form.items ?? '') : [];
    const resolution = await insertResolution(tx, {
      meetingId: meeting.id,
      kind: form.kind,
      body: form.body,
      programId,
      createdBy: actor.userId,
      items: titles,
    });
    let activityIds: number[] = [];
    let taskId: number | null = null;
    if (programId !== null) {
      activityIds = await createDraftActivities(tx, { programId, actorId: actor.userId, titles, resolutionId: resolution.id });
    }
    if (task) {
      taskId = await insertTask(tx, {
        meetingId: meeting.id,
        resolutionId: resolution.id,
        ownerId: task.ownerId,
        title: form.body,
        dueOn: task.dueOn,
      });
      await notify(tx, {
        userId: task.ownerId,
        kind: 'meetings.task',
        messageId: 'meetings.notification.taskAssigned',
        values: { task: form.body.slice(0, 200), meeting: meeting.title.slice(0, 200) },
        link: '/tasks',
      });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: meeting.organizerId,
      action: 'meeting.resolution_recorded',
      subjectType: 'meeting',
      subjectId: meeting.id,
      details: { number: resolution.number, kind: form.kind, programId, activities: activityIds.length, taskOwnerId: form.ownerId ?? null },
      ip: deps.ip,
    });
    return { ok: true, number: resolution.number, activityIds, taskId } as const;
  });
}
