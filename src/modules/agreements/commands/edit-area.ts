import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { updateArea } from '../queries.ts';

export interface EditAreaInput {
  agreement: { id: number; partyIds: number[] };
  areaId: number;
  description: string;
  /** The wording replaced, kept in the audit log. */
  previous: string;
}

/** Rewrites one area's description (a typo, a clearer wording); the old text stays in the audit log. */
export async function editArea(deps: CommandDeps, input: EditAreaInput): Promise<CommandResult<object, 'noSuchArea'>> {
  const { agreement } = input;
  return transaction(deps.db, async (tx) => {
    if (!(await updateArea(tx, agreement.id, input.areaId, input.description))) return { ok: false, reason: 'noSuchArea' } as const;
    // One entry in the first party's log: the agreement page shows all parties.
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: agreement.partyIds[0] ?? null,
      action: 'agreement.area_edited',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { areaId: input.areaId, previous: input.previous },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
