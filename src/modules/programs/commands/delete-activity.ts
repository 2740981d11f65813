import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { deleteActivityWithoutReports } from '../queries/index.ts';
import type { DeleteResult } from './delete-program.ts';

/** Deletes an activity that has no execution report yet; the other activities keep their numbers. */
export async function deleteActivity(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: { programId: number; activityId: number; organizationId: number; number: number; title: string },
): Promise<DeleteResult> {
  return transaction(deps.db, async (tx) => {
    if (!(await deleteActivityWithoutReports(tx, input.programId, input.activityId))) return { ok: false, reason: 'has_reports' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'programs.activity.deleted',
      subjectType: 'program_activity',
      subjectId: input.activityId,
      details: { programId: input.programId, number: input.number, title: input.title },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
