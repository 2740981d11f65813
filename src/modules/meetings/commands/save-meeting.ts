import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { listPeopleOfOrganizations } from '../../organizations/index.ts';
import { findMeeting, insertMeeting, updateMeeting, type MeetingAttendee } from '../queries.ts';
import { notifyMinutesApprovers } from '../domain/notify-approvers.ts';

/** What a meeting form holds. */
export interface MeetingFields {
  title: string;
  heldOn: string;
  startsAt: string | null;
  place: string;
  agenda: string;
  /** Draft minutes; null leaves them unchanged (approved minutes never change here). */
  minutes: string | null;
  attendingIds: number[];
  attendees: Array<MeetingAttendee & { email: string | null }>;
}

export interface SaveMeetingInput {
  /** null records a new meeting. */
  meetingId: number | null;
  organizerId: number;
  /** A new meeting's region (null: the organizer's); never changed on update. */
  regionId?: number | null;
  meeting: MeetingFields;
}

type SaveResult = { ok: true; id: number } | { ok: false; reason: 'unknownAttendeeEmail'; email: string };

/**
 * Records a new meeting (meetingId null) or updates one, in one transaction. An attendee line that names an
 * email is linked to that person's account, but only if they hold a role in the organizer or an attending
 * organization: an email of anyone else is refused, so the form cannot probe who has an account.
 */
export async function saveMeeting(deps: CommandDeps, saved: SaveMeetingInput): Promise<SaveResult> {
  const { meeting: input, ...target } = saved;
  const { actor } = deps;
  return transaction(deps.db, async (tx) => {
    const attendingIds = [...new Set(input.attendingIds.filter((id) => id !== target.organizerId))];
    const wanted = input.attendees.filter((a) => a.email !== null);
    const people = wanted.length > 0 ? await listPeopleOfOrganizations(tx, [target.organizerId, ...attendingIds]) : [];
    const attendees: MeetingAttendee[] = [];
    for (const a of input.attendees) {
      let userId: number | null = null;
      if (a.email) {
        const person = people.find((p) => p.email === a.email);
        if (!person) return { ok: false, reason: 'unknownAttendeeEmail', email: a.email } as const;
        userId = person.id;
      }
      attendees.push({ name: a.name, role: a.role, userId });
    }
    const fields = { ...input, attendingIds, attendees };
    let id: number;
    let hadMinutes = false;
    if (target.meetingId === null) {
      id = await insertMeeting(
        tx,
        { ...fields, organizerId: target.organizerId, regionId: target.regionId ?? null, minutes: input.minutes ?? '' },
        actor.userId,
      );
    } else {
      id = target.meetingId;
      hadMinutes = ((await findMeeting(tx, id))?.minutes ?? '').trim() !== '';
      await updateMeeting(tx, id, fields);
    }
    // Draft minutes written for the first time wait for approval: their approvers are told (once, not per edit).
    if (!hadMinutes && (input.minutes ?? '').trim() !== '') await notifyMinutesApprovers(tx, id, actor.userId);
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: target.organizerId,
      action: target.meetingId === null ? 'meeting.created' : 'meeting.updated',
      subjectType: 'meeting',
      subjectId: id,
      details: { heldOn: input.heldOn, attending: attendingIds },
      ip: deps.ip,
    });
    return { ok: true, id } as const;
  });
}
