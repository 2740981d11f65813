import type { Queryable } from '../../db/database.ts';
import { insertMeeting, insertResolution, insertTask, type MeetingAttendee } from './queries.ts';

/** What a test may set on a meeting; everything else gets a plain default. */
export interface MeetingOverrides {
  title?: string;
  /** ISO day. */
  heldOn?: string;
  startsAt?: string | null;
  place?: string;
  agenda?: string;
  /** Draft minutes. */
  minutes?: string;
  attendingIds?: number[];
  attendees?: MeetingAttendee[];
  /** null: the organizer's region. */
  regionId?: number | null;
  createdBy?: number;
}

/**
 * A meeting organized by this organization, written through the module's own insert (no audit entry: a test's
 * setup, not a recorded act), for any module's tests. Returns its id.
 */
export function createMeeting(db: Queryable, organizerId: number, overrides: MeetingOverrides = {}): Promise<number> {
  return insertMeeting(
    db,
    {
      organizerId,
      regionId: overrides.regionId ?? null,
      title: overrides.title ?? 'Coordination meeting',
      heldOn: overrides.heldOn ?? '2022-04-11',
      startsAt: overrides.startsAt ?? null,
      place: overrides.place ?? '',
      agenda: overrides.agenda ?? '',
      minutes: overrides.minutes ?? '',
      attendingIds: overrides.attendingIds ?? [],
      attendees: overrides.attendees ?? [],
    },
    overrides.createdBy ?? null,
  );
}

/** A task assigned by a new resolution of the meeting (through the module's own inserts, no audit entry). Returns its id. */
export async function createTask(
  db: Queryable,
  input: { meetingId: number; ownerId: number; createdBy: number; title: string; dueOn: string },
): Promise<number> {
  const resolution = await insertResolution(db, {
    meetingId: input.meetingId,
    kind: 'task',
    body: input.title,
    programId: null,
    createdBy: input.createdBy,
  });
  return insertTask(db, {
    meetingId: input.meetingId,
    resolutionId: resolution.id,
    ownerId: input.ownerId,
    title: input.title,
    dueOn: input.dueOn,
  });
}
