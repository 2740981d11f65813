import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { markTaskDone } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

/** Marks a task done (its owner, or a coordinator of the organizer, after the route's policy check). */
export async function completeTask(db: Pool, actor: ActorInfo, task: { id: number; meetingId: number; organizerId: number }): Promise<{ ok: true } | { ok: false; reason: 'alreadyDone' }> {
  return transaction(db, async (tx) => {
    if (!(await markTaskDone(tx, task.id))) return { ok: false, reason: 'alreadyDone' } as const;
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: task.organizerId,
      action: 'meeting.task_done',
      subjectType: 'meeting_task',
      subjectId: task.id,
      details: { meetingId: task.meetingId },
      ip: actor.ip,
    });
    return { ok: true } as const;
  });
}
