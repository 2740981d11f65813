import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { insertAgreement, insertAreas, updateAgreement, type AgreementInput } from '../queries.ts';

/** Who runs a command and from where (for the audit log). */
export interface ActorInfo {
  userId: number;
  ip: string;
}

/** Creates an agreement with its parties and its pasted areas, or updates one; one transaction, audited. */
export async function saveAgreement(db: Pool, actor: ActorInfo, agreementId: number | null, input: AgreementInput, areas: string[] = []): Promise<{ ok: true; id: number }> {
  return transaction(db, async (tx) => {
    let id: number;
    if (agreementId === null) id = await insertAgreement(tx, input, actor.userId);
    else {
      id = agreementId;
      await updateAgreement(tx, id, input);
    }
    if (areas.length > 0) await insertAreas(tx, id, areas);
    for (const party of input.parties) {
      await recordAudit(tx, {
        actorId: actor.userId,
        organizationId: party.organizationId,
        action: agreementId === null ? 'agreement.created' : 'agreement.updated',
        subjectType: 'agreement',
        subjectId: id,
        details: { status: input.status, areas: areas.length },
        ip: actor.ip,
      });
    }
    return { ok: true, id } as const;
  });
}
