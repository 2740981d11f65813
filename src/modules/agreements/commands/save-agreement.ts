import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { insertAgreement, insertAreas, updateAgreement, type AgreementInput } from '../queries.ts';

export interface SaveAgreementInput {
  /** null creates a new agreement. */
  agreementId: number | null;
  agreement: AgreementInput;
  /** Areas pasted when creating, added after the last one. */
  areas?: string[];
}

/** Creates an agreement with its parties and its pasted areas, or updates one; one transaction, audited in every party's log. */
export async function saveAgreement(deps: CommandDeps, input: SaveAgreementInput): Promise<{ ok: true; id: number }> {
  const { agreementId, agreement, areas = [] } = input;
  return transaction(deps.db, async (tx) => {
    let id: number;
    if (agreementId === null) id = await insertAgreement(tx, agreement, deps.actor.userId);
    else {
      id = agreementId;
      await updateAgreement(tx, id, agreement);
    }
    if (areas.length > 0) await insertAreas(tx, id, areas);
    for (const party of agreement.parties) {
      await recordAudit(tx, {
        actorId: deps.actor.userId,
        organizationId: party.organizationId,
        action: agreementId === null ? 'agreement.created' : 'agreement.updated',
        subjectType: 'agreement',
        subjectId: id,
        details: { status: agreement.status, areas: areas.length },
        ip: deps.ip,
      });
    }
    return { ok: true, id } as const;
  });
}
