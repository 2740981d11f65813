import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { findRegion, insertRegion, regionCodeTaken } from '../../organizations/index.ts';
import type { RegionForm } from '../schemas.ts';

/** Adds a region to the tree (names in fa, vi and en) and records it in the platform's audit log. */
export async function createRegion(
  db: Pool,
  actor: { userId: number; ip: string },
  form: RegionForm,
): Promise<{ ok: true; id: number } | { ok: false; reason: 'codeTaken' | 'noSuchParent' }> {
  return transaction(db, async (tx) => {
    if (form.parent !== undefined && !(await findRegion(tx, form.parent))) return { ok: false, reason: 'noSuchParent' } as const;
    if (await regionCodeTaken(tx, form.code)) return { ok: false, reason: 'codeTaken' } as const;
    const region = await insertRegion(tx, {
      parentId: form.parent ?? null,
      kind: form.kind,
      code: form.code,
      name: { fa: form.name_fa, vi: form.name_vi, en: form.name_en },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'region.created',
      subjectType: 'region',
      subjectId: region.id,
      details: { code: region.code, kind: region.kind },
      ip: actor.ip,
    });
    return { ok: true, id: region.id } as const;
  }).catch((error: { code?: string }) => {
    // Two administrators adding the same code at the same instant.
    if (error.code === '23505') return { ok: false, reason: 'codeTaken' } as const;
    throw error;
  });
}
