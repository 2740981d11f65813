import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { insertTarget } from '../queries.ts';

export interface AddTargetInput {
  agreement: { id: number; partyIds: number[] };
  areaId: number;
  /** The Gregorian year. */
  year: number;
  target: string;
  amount: number | null;
  unit: string;
}

/** Adds a yearly target to one of the agreement's areas; an area of another agreement is 'noSuchArea'. */
export async function addTarget(deps: CommandDeps, input: AddTargetInput): Promise<CommandResult<object, 'noSuchArea'>> {
  const { agreement, ...target } = input;
  return transaction(deps.db, async (tx) => {
    if (!(await insertTarget(tx, agreement.id, target))) return { ok: false, reason: 'noSuchArea' } as const;
    // One entry in the first party's log: the agreement page shows all parties.
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: agreement.partyIds[0] ?? null,
      action: 'agreement.target_added',
      subjectType: 'agreement',
      subjectId: agreement.id,
      details: { areaId: target.areaId, year: target.year },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
