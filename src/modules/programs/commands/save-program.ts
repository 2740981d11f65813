import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { countKnown, insertProgram, replaceProgramLinks, updateProgram } from '../queries.ts';
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
    const known = await countKnown(tx, partnerIds, data.regionIds);
    if (known.orgs !== partnerIds.length) return { ok: false, reason: 'unknown_partner' } as const;
    if (known.regions !== data.regionIds.length) return { ok: false, reason: 'unknown_region' } as const;
    const values = {
      title: data.title,
      description: data.description ?? '',
      lang: data.lang,
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      agreementAreaId: data.agreementAreaId ?? null,
      status: data.status,
      isPublic: data.isPublic,
    };
    let id: number;
    if (input.programId === undefined) {
      id = await insertProgram(tx, { ...values, leadOrganizationId: input.leadOrganizationId, createdBy: deps.actorId });
    } else {
      id = input.programId;
      await updateProgram(tx, id, values);
    }
    await replaceProgramLinks(tx, id, partnerIds, data.regionIds);
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
