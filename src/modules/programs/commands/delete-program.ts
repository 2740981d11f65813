import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { deleteProgramWithoutReports } from '../queries/index.ts';

export type DeleteResult = { ok: true } | { ok: false; reason: 'has_reports' };

/** Deletes a program (and its activities) that has no execution report yet. */
export async function deleteProgram(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: { programId: number; organizationId: number; title: string },
): Promise<DeleteResult> {
  return transaction(deps.db, async (tx) => {
    if (!(await deleteProgramWithoutReports(tx, input.programId))) return { ok: false, reason: 'has_reports' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
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
