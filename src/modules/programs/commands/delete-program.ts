import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { deleteActivityWithoutReports, deleteProgramWithoutReports } from '../queries.ts';

export type DeleteResult = { ok: true } | { ok: false; reason: 'has_reports' };

/** Deletes a program (and its activities) that has no execution report yet. */
export async function deleteProgram(deps: { db: Pool; actorId: number; ip: string }, input: { programId: number; organizationId: number; title: string }): Promise<DeleteResult> {
  return transaction(deps.db, async (tx) => {
    if (!(await deleteProgramWithoutReports(tx, input.programId))) return { ok: false, reason: 'has_reports' } as const;
    await recordAudit(tx, {
      actorId: deps.actorId,
      organizationId: input.organizationId,
      action: 'programs.program.deleted',
      subjectType: 'program',
      subjectId: input.programId,
      details: { title: input.title },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}

/** Deletes an activity that has no execution report yet; the other activities keep their numbers. */
export async function deleteActivity(
  deps: { db: Pool; actorId: number; ip: string },
  input: { programId: number; activityId: number; organizationId: number; number: number; title: string },
): Promise<DeleteResult> {
  return transaction(deps.db, async (tx) => {
    if (!(await deleteActivityWithoutReports(tx, input.programId, input.activityId))) return { ok: false, reason: 'has_reports' } as const;
    await recordAudit(tx, {
      actorId: deps.actorId,
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
