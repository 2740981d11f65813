import type { Queryable } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { copyProgramRegionsTo, insertDraftActivities, lockProgram } from '../queries/index.ts';

/**
 * Creates one draft activity per title, numbered after the program's last activity, in the caller's transaction.
 * Titles are trimmed and empty ones skipped; the caller has already checked who may do this.
 */
export async function createDraftActivities(
  tx: Queryable,
  input: { programId: number; actorId: number; titles: string[]; resolutionId?: number | null },
): Promise<number[]> {
  const titles = input.titles.map((t) => t.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 500)).filter((t) => t.length > 0);
  // Lock the program so two pastes at once cannot take the same numbers.
  const program = await lockProgram(tx, input.programId);
  if (!program) throw new Error(`Program ${input.programId} does not exist`);
  if (titles.length === 0) return [];
  const ids = (await insertDraftActivities(tx, input.programId, titles, input.resolutionId ?? null, input.actorId)).map((r) => r.id);
  // The activities inherit the program's regions until the official narrows them.
  await copyProgramRegionsTo(tx, input.programId, ids);
  await recordAudit(tx, {
    actorId: input.actorId,
    organizationId: program.leadOrganizationId,
    action: 'programs.activities.drafted',
    subjectType: 'program',
    subjectId: input.programId,
    details: { count: ids.length, resolutionId: input.resolutionId ?? null },
  });
  return ids;
}
