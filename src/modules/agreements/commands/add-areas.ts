import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { insertAreas, insertDocument, insertTarget, updateArea } from '../queries.ts';
import type { ActorInfo } from './save-agreement.ts';

type Agreement = { id: number; partyIds: number[] };

async function audit(tx: Parameters<typeof recordAudit>[0], actor: ActorInfo, agreement: Agreement, action: string, details: Record<string, unknown>) {
  // One entry in the first party's log: the agreement page shows all parties.
  await recordAudit(tx, { actorId: actor.userId, organizationId: agreement.partyIds[0] ?? null, action, subjectType: 'agreement', subjectId: agreement.id, details, ip: actor.ip });
}

/** Adds numbered areas (from a pasted list) after the agreement's last one. */
export async function addAreas(db: Pool, actor: ActorInfo, agreement: Agreement, descriptions: string[]): Promise<{ ok: true; count: number }> {
  return transaction(db, async (tx) => {
    const ids = await insertAreas(tx, agreement.id, descriptions);
    await audit(tx, actor, agreement, 'agreement.areas_added', { count: ids.length });
    return { ok: true, count: ids.length } as const;
  });
}

/** Adds a yearly target to one of the agreement's areas. */
export async function addTarget(
  db: Pool,
  actor: ActorInfo,
  agreement: Agreement,
  input: { areaId: number; year: number; target: string; amount: number | null; unit: string },
): Promise<{ ok: true } | { ok: false; reason: 'noSuchArea' }> {
  return transaction(db, async (tx) => {
    if (!(await insertTarget(tx, agreement.id, input))) return { ok: false, reason: 'noSuchArea' } as const;
    await audit(tx, actor, agreement, 'agreement.target_added', { areaId: input.areaId, year: input.year });
    return { ok: true } as const;
  });
}

/** Stores a checked document. */
export async function addDocument(db: Pool, actor: ActorInfo, agreement: Agreement, file: { filename: string; contentType: string; data: Buffer }): Promise<{ ok: true; id: number }> {
  return transaction(db, async (tx) => {
    const id = await insertDocument(tx, agreement.id, file, actor.userId);
    await audit(tx, actor, agreement, 'agreement.document_added', { documentId: id, filename: file.filename, bytes: file.data.length });
    return { ok: true, id } as const;
  });
}

/** Rewrites one area's description (a typo, a clearer wording); the old text stays in the audit log. */
export async function editArea(db: Pool, actor: ActorInfo, agreement: Agreement, input: { areaId: number; description: string; previous: string }): Promise<{ ok: true } | { ok: false; reason: 'noSuchArea' }> {
  return transaction(db, async (tx) => {
    if (!(await updateArea(tx, agreement.id, input.areaId, input.description))) return { ok: false, reason: 'noSuchArea' } as const;
    await audit(tx, actor, agreement, 'agreement.area_edited', { areaId: input.areaId, previous: input.previous });
    return { ok: true } as const;
  });
}
