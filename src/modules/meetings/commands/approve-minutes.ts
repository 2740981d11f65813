import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { approveMinutes as approve, insertMinutesCorrection } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

/** Approves a meeting's draft minutes; from then on they are read only and corrections become versions. */
export async function approveMinutes(db: Pool, actor: ActorInfo, meeting: { id: number; organizerId: number }): Promise<{ ok: true } | { ok: false; reason: 'alreadyApproved' }> {
  return transaction(db, async (tx) => {
    if (!(await approve(tx, meeting.id, actor.userId))) return { ok: false, reason: 'alreadyApproved' } as const;
    await recordAudit(tx, { actorId: actor.userId, organizationId: meeting.organizerId, action: 'meeting.minutes_approved', subjectType: 'meeting', subjectId: meeting.id, ip: actor.ip });
    return { ok: true } as const;
  });
}

/** Corrects approved minutes: the new text becomes the next version, with the reason kept in the history. */
export async function correctMinutes(
  db: Pool,
  actor: ActorInfo,
  meeting: { id: number; organizerId: number },
  input: { minutes: string; reason: string },
): Promise<{ ok: true; version: number } | { ok: false; reason: 'notApproved' }> {
  return transaction(db, async (tx) => {
    const version = await insertMinutesCorrection(tx, meeting.id, input.minutes, input.reason, actor.userId);
    if (version === null) return { ok: false, reason: 'notApproved' } as const;
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: meeting.organizerId,
      action: 'meeting.minutes_corrected',
      subjectType: 'meeting',
      subjectId: meeting.id,
      details: { version, reason: input.reason },
      ip: actor.ip,
    });
    return { ok: true, version } as const;
  });
}
