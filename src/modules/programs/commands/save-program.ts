import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { countKnown, insertProgram, replaceProgramLinks, updateProgram } from '../queries/index.ts';
import type { ProgramInput } from '../schemas.ts';
import { agreementAreaExists, type AgreementAreaDirectory } from '../domain/agreement-areas.ts';

export type SaveProgramResult = { ok: true; id: number } | { ok: false; reason: 'unknown_partner' | 'unknown_region' | 'unknown_area' };

export interface SaveProgramInput {
  /** Absent: a new program. */
  programId?: number;
  /** The area the program serves now: kept even if its agreement no longer lists it. */
  currentAgreementAreaId?: number | null;
  leadOrganizationId: number;
  data: ProgramInput;
  /** Agreement areas, read through the agreements module (see domain/agreement-areas.ts). */
  agreementAreas: AgreementAreaDirectory;
}

/** Creates a program (when programId is absent) or updates one, with its partners and regions, in one transaction. */
export async function saveProgram(deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>, input: SaveProgramInput): Promise<SaveProgramResult> {
  const { data } = input;
  const partnerIds = data.partnerIds.filter((id) => id !== input.leadOrganizationId);
  const area = data.agreementAreaId;
  if (area !== undefined && area !== input.currentAgreementAreaId && !(await agreementAreaExists(input.agreementAreas, deps.db, area))) {
    return { ok: false, reason: 'unknown_area' };
  }
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
      id = await insertProgram(tx, { ...values, leadOrganizationId: input.leadOrganizationId, createdBy: deps.actor.userId });
    } else {
      id = input.programId;
      await updateProgram(tx, id, values);
    }
    await replaceProgramLinks(tx, id, partnerIds, data.regionIds);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
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
