import type { Pool } from '../../../db/database.ts';
import { one, transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { ProgramInput } from '../schemas.ts';

export type SaveProgramResult = { ok: true; id: number } | { ok: false; reason: 'unknown_partner' | 'unknown_region' | 'unknown_area' };

/**
 * Creates a program (when programId is absent) or updates one, with its partners and regions, in one transaction.
 * `areaExists` checks an agreement area through the agreements module.
 */
export async function saveProgram(
  deps: { db: Pool; actorId: number; ip: string; areaExists: (id: number) => Promise<boolean> },
  input: { programId?: number; leadOrganizationId: number; data: ProgramInput },
): Promise<SaveProgramResult> {
  const { data } = input;
  const partnerIds = data.partnerIds.filter((id) => id !== input.leadOrganizationId);
  if (data.agreementAreaId !== undefined && !(await deps.areaExists(data.agreementAreaId))) return { ok: false, reason: 'unknown_area' };
  return transaction(deps.db, async (tx) => {
    const known = await one<{ orgs: number; regions: number }>(
      tx,
      `SELECT (SELECT count(*) FROM organizations WHERE id = ANY($1::bigint[]))::int AS orgs,
              (SELECT count(*) FROM regions WHERE id = ANY($2::bigint[]))::int AS regions`,
      [partnerIds, data.regionIds],
    );
    if (known!.orgs !== partnerIds.length) return { ok: false, reason: 'unknown_partner' } as const;
    if (known!.regions !== data.regionIds.length) return { ok: false, reason: 'unknown_region' } as const;
    const values = [data.title, data.description ?? '', data.lang, data.periodStart, data.periodEnd, data.agreementAreaId ?? null, data.status, data.isPublic];
    let id: number;
    if (input.programId === undefined) {
      const row = await one<{ id: number }>(
        tx,
        `INSERT INTO programs (title, description, lang, period_start, period_end, agreement_area_id, status, is_public, lead_organization_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [...values, input.leadOrganizationId, deps.actorId],
      );
      id = row!.id;
    } else {
      id = input.programId;
      await tx.query(
        `UPDATE programs SET title = $1, description = $2, lang = $3, period_start = $4, period_end = $5, agreement_area_id = $6,
                status = $7, is_public = $8, updated_at = now() WHERE id = $9`,
        [...values, id],
      );
      await tx.query(`DELETE FROM program_partners WHERE program_id = $1`, [id]);
      await tx.query(`DELETE FROM program_regions WHERE program_id = $1`, [id]);
    }
    await tx.query(`INSERT INTO program_partners (program_id, organization_id) SELECT $1, unnest($2::bigint[])`, [id, partnerIds]);
    await tx.query(`INSERT INTO program_regions (program_id, region_id) SELECT $1, unnest($2::bigint[])`, [id, data.regionIds]);
    await recordAudit(tx, {
      actorId: deps.actorId,
      organizationId: input.leadOrganizationId,
      action: input.programId === undefined ? 'programs.program.created' : 'programs.program.updated',
      subjectType: 'program',
      subjectId: id,
      details: { title: data.title, status: data.status },
      ip: deps.ip,
    });
    return { ok: true, id } as const;
  });
}
