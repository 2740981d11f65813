import type { Queryable } from '../../../db/database.ts';
import { one } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';

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
  const program = await one<{ id: number; leadOrganizationId: number }>(
    tx,
    `SELECT id, lead_organization_id AS "leadOrganizationId" FROM programs WHERE id = $1 FOR UPDATE`,
    [input.programId],
  );
  if (!program) throw new Error(`Program ${input.programId} does not exist`);
  if (titles.length === 0) return [];
  const result = await tx.query<{ id: number; number: number }>(
    `INSERT INTO program_activities (program_id, number, title, status, resolution_id, created_by)
     SELECT $1, COALESCE((SELECT max(number) FROM program_activities WHERE program_id = $1), 0) + t.ord, t.title, 'draft', $3, $4
     FROM unnest($2::text[]) WITH ORDINALITY AS t(title, ord)
     ORDER BY t.ord
     RETURNING id, number`,
    [input.programId, titles, input.resolutionId ?? null, input.actorId],
  );
  const ids = result.rows.sort((a, b) => a.number - b.number).map((r) => r.id);
  // The activities inherit the program's regions until the official narrows them.
  await tx.query(
    `INSERT INTO activity_regions (activity_id, region_id)
     SELECT a.id, pr.region_id FROM unnest($1::bigint[]) AS a(id) CROSS JOIN program_regions pr WHERE pr.program_id = $2`,
    [ids, input.programId],
  );
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
