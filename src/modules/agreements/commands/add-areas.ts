import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { insertAreas } from '../queries.ts';

export interface AddAreasInput {
  agreement: { id: number; partyIds: number[] };
  /** The areas' descriptions, from a pasted numbered list. */
  descriptions: string[];
}

/** Adds numbered areas (from a pasted list) after the agreement's last one. */
export async function addAreas(deps: CommandDeps, input: AddAreasInput): Promise<{ ok: true; count: number }> {
  const { agreement } = input;
  return transaction(deps.db, async (tx) => {
    const ids = await insertAreas(tx, agreement.id, input.descriptions);
    // One entry in the first party's log: the agreement page shows all parties.
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: agreement.partyIds[0] ?? null,
      action: 'agreement.areas_added',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { count: ids.length },
      ip: deps.ip,
    });
    return { ok: true, count: ids.length } as const;
  });
}
