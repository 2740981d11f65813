import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { insertMinutesCorrection } from '../queries.ts';

export interface CorrectMinutesInput {
  meeting: { id: number; organizerId: number };
  /** The corrected text. */
  minutes: string;
  /** Why it changed, shown in the history. */
  reason: string;
}

/** Corrects approved minutes: the new text becomes the next version, with the reason kept in the history. */
export async function correctMinutes(
  deps: CommandDeps,
  input: CorrectMinutesInput,
): Promise<CommandResult<{ version: number }, 'notApproved'>> {
  const { meeting } = input;
  return transaction(deps.db, async (tx) => {
    const version = await insertMinutesCorrection(tx, meeting.id, input.minutes, input.reason, deps.actor.userId);
    if (version === null) return { ok: false, reason: 'notApproved' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: meeting.organizerId,
      action: 'meeting.minutes_corrected',
      subjectType: 'meeting',
      subjectId: meeting.id,
      details: { version, reason: input.reason },
      ip: deps.ip,
    });
    return { ok: true, version } as const;
  });
}
