import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { findRegion, insertRegion, regionCodeTaken } from '../../../core/regions.ts';
import type { RegionForm } from '../schemas.ts';

export type CreateRegionResult = CommandResult<{ id: number }, 'codeTaken' | 'noSuchParent'>;

/** Adds a region to the tree (names in fa, vi and en) and records it in the platform's audit log. */
export async function createRegion(deps: CommandDeps, input: RegionForm): Promise<CreateRegionResult> {
  return transaction(deps.db, async (tx): Promise<CreateRegionResult> => {
    if (input.parent !== undefined && !(await findRegion(tx, input.parent))) return { ok: false, reason: 'noSuchParent' };
    if (await regionCodeTaken(tx, input.code)) return { ok: false, reason: 'codeTaken' };
    const region = await insertRegion(tx, {
      parentId: input.parent ?? null,
      kind: input.kind,
      code: input.code,
      name: { fa: input.name_fa, vi: input.name_vi, en: input.name_en },
    });
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      action: 'region.created',
      subjectType: 'region',
      subjectId: region.id,
      details: { code: region.code, kind: region.kind },
      ip: deps.ip,
    });
    return { ok: true, id: region.id };
  }).catch((error: unknown): CreateRegionResult => {
    // Two administrators adding the same code at the same instant.
    if (error instanceof Object && 'code' in error && error.code === '23505') return { ok: false, reason: 'codeTaken' };
    throw error;
  });
}
