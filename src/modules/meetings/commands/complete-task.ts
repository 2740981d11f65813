import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { markTaskDone } from '../queries.ts';

export interface CompleteTaskInput {
  task: { id: number; meetingId: number; organizerId: number };
}

/** Marks a task done (its owner, or a coordinator of the organizer, after the route's policy check). */
export async function completeTask(deps: CommandDeps, input: CompleteTaskInput): Promise<CommandResult<object, 'alreadyDone'>> {
  const { task } = input;
  return transaction(deps.db, async (tx) => {
    if (!(await markTaskDone(tx, task.id))) return { ok: false, reason: 'alreadyDone' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: task.organizerId,
      action: 'meeting.task_done',
      subjectType: 'meeting_task',
      subjectId: task.id,
      details: { meetingId: task.meetingId },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
