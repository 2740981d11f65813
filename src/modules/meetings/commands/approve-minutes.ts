import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { approveMinutes as approve } from '../queries.ts';

export interface ApproveMinutesInput {
  meeting: { id: number; organizerId: number };
}

/** Approves a meeting's draft minutes; from then on they are read only and corrections become versions. */
export async function approveMinutes(deps: CommandDeps, input: ApproveMinutesInput): Promise<CommandResult<object, 'alreadyApproved'>> {
  const { meeting } = input;
  return transaction(deps.db, async (tx) => {
    if (!(await approve(tx, meeting.id, deps.actor.userId))) return { ok: false, reason: 'alreadyApproved' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: meeting.organizerId,
      action: 'meeting.minutes_approved',
      subjectType: 'meeting',
      subjectId: meeting.id,
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
