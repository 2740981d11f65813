import type { Queryable } from '../../../db/database.ts';
import { notifyMany } from '../../notifications/index.ts';
import { listRoleHoldersAsActors } from '../../organizations/index.ts';
import { loadMeeting } from '../loaders.ts';
import { canApproveMinutes } from '../policy.ts';
import { meetingRef } from '../presenters.ts';
import { MINUTES_AWAITING_APPROVAL } from './notification-kinds.ts';

/**
 * Tells everyone who may approve a meeting's draft minutes (meetings' own rule, canApproveMinutes: coordinators and
 * admins of the organizer reaching the meeting's region) that they wait for them; never the actor who drafted them.
 * Values: the meeting's title, which every approver may see.
 */
export async function notifyMinutesApprovers(tx: Queryable, meetingId: number, actorId: number): Promise<void> {
  const meeting = await loadMeeting(tx, meetingId);
  if (!meeting) return;
  const ref = meetingRef(meeting);
  if (ref.minutesApproved) return;
  const candidates = await listRoleHoldersAsActors(tx, [meeting.organizer.id], ['coordinator', 'admin']);
  await notifyMany(
    tx,
    candidates
      .filter((actor) => actor.userId !== actorId && canApproveMinutes(actor, ref))
      .map((approver) => ({
        userId: approver.userId,
        kind: MINUTES_AWAITING_APPROVAL,
        messageId: 'meetings.notification.minutesAwaitingApproval',
        values: { meeting: meeting.title.slice(0, 200) },
        link: `/meetings/${meetingId}/minutes`,
      })),
  );
}
