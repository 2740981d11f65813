import { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import { reachedOrganizationsSql } from '../../core/reach-sql.ts';
import type { DueQuery } from '../../core/reminders.ts';
import { DayColumn, IdRow, IdsColumn, oneOrThrow } from '../../core/rows.ts';

/** An organization as the meeting pages show it and the policy needs it. */
export interface MeetingOrganization {
  id: number;
  slug: string;
  name: LocalizedText;
  ancestorIds: number[];
}

const MeetingAttendee = z.object({ name: z.string(), role: z.string(), userId: z.number().nullable() });
export type MeetingAttendee = z.infer<typeof MeetingAttendee>;

/** A meeting's own columns; its organizations and region are read through their modules (loaders.ts). */
const MeetingRow = z.object({
  id: z.number(),
  title: z.string(),
  heldOn: DayColumn,
  /** "HH:MM", local wall-clock time, or null when not recorded. */
  startsAt: z.string().nullable(),
  place: z.string(),
  agenda: z.string(),
  minutes: z.string(),
  minutesStatus: z.enum(['draft', 'approved']),
  minutesApprovedAt: z.date().nullable(),
  organizerId: z.number(),
  /** The region recorded for the meeting; null means the organizer's. */
  regionId: z.number().nullable(),
  /** The attending organizations besides the organizer, by id. */
  attendingIds: IdsColumn,
  attendees: z.array(MeetingAttendee),
});
export type MeetingRow = z.infer<typeof MeetingRow>;

/** A meeting with its organizer, attending organizations and region. */
export interface Meeting extends Omit<MeetingRow, 'organizerId' | 'regionId' | 'attendingIds'> {
  organizer: MeetingOrganization;
  /** The region the meeting is for: its own, else the organizer's; null when neither has one. */
  region: { id: number; ancestorIds: number[] } | null;
  attending: MeetingOrganization[];
}

const MEETING_SELECT = `
  SELECT m.id, m.title, m.held_on AS "heldOn", to_char(m.starts_at, 'HH24:MI') AS "startsAt", m.place, m.agenda, m.minutes,
         m.minutes_status AS "minutesStatus", m.minutes_approved_at AS "minutesApprovedAt",
         m.organizer_id AS "organizerId", m.region_id AS "regionId",
         ARRAY(SELECT mo.organization_id FROM meeting_organizations mo WHERE mo.meeting_id = m.id ORDER BY mo.organization_id) AS "attendingIds",
         COALESCE((SELECT json_agg(json_build_object('name', a.name, 'role', a.role, 'userId', a.user_id) ORDER BY a.position)
                     FROM meeting_attendees a WHERE a.meeting_id = m.id), '[]') AS attendees
    FROM meetings m`;

/** One meeting with its attending organizations' ids and attendees; undefined when there is none. */
export function findMeeting(db: Queryable, id: number): Promise<MeetingRow | undefined> {
  return one(db, MeetingRow, `${MEETING_SELECT} WHERE m.id = $1`, [id]);
}

/** The meetings a user may see (all for platform administrators), newest first, with the total. */
export async function listVisibleMeetings(
  db: Queryable,
  viewer: { userId: number; isPlatformAdmin: boolean },
  page: { limit: number; offset: number },
  /** Only meetings this organization organized or attended. */
  organizationId: number | null = null,
): Promise<{ rows: MeetingRow[]; total: number }> {
  const rows = await many(
    db,
    MeetingRow.extend({ total: z.number() }),
    `WITH reached AS (${reachedOrganizationsSql('$1')})
     ${MEETING_SELECT.replace('SELECT m.id,', 'SELECT count(*) OVER ()::int AS total, m.id,')}
      WHERE ($2::boolean
             OR m.organizer_id IN (SELECT id FROM reached)
             OR EXISTS (SELECT 1 FROM meeting_organizations mo WHERE mo.meeting_id = m.id AND mo.organization_id IN (SELECT id FROM reached)))
        AND ($5::bigint IS NULL OR m.organizer_id = $5
             OR EXISTS (SELECT 1 FROM meeting_organizations mo WHERE mo.meeting_id = m.id AND mo.organization_id = $5))
      ORDER BY m.held_on DESC, m.id DESC
      LIMIT $3 OFFSET $4`,
    [viewer.userId, viewer.isPlatformAdmin, page.limit, page.offset, organizationId],
  );
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

export interface MeetingInput {
  organizerId: number;
  title: string;
  heldOn: string;
  startsAt: string | null;
  place: string;
  agenda: string;
  attendingIds: number[];
  attendees: MeetingAttendee[];
}

/** Inserts a meeting with its attending organizations and attendees; returns its id. */
export async function insertMeeting(
  db: Queryable,
  input: MeetingInput & { minutes: string; regionId: number | null },
  createdBy: number | null,
): Promise<number> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO meetings (organizer_id, title, held_on, starts_at, place, agenda, minutes, created_by, region_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [input.organizerId, input.title, input.heldOn, input.startsAt, input.place, input.agenda, input.minutes, createdBy, input.regionId],
  );
  const { id } = oneOrThrow(rows, 'meeting');
  await replaceParticipants(db, id, input);
  return id;
}

/** Updates a meeting's details (and its draft minutes when given) and replaces its participants. */
export async function updateMeeting(
  db: Queryable,
  id: number,
  input: Omit<MeetingInput, 'organizerId'> & { minutes: string | null },
): Promise<void> {
  await db.query(
    `UPDATE meetings SET title = $2, held_on = $3, starts_at = $4, place = $5, agenda = $6,
            minutes = CASE WHEN $7::text IS NOT NULL AND minutes_status = 'draft' THEN $7 ELSE minutes END, updated_at = now()
      WHERE id = $1`,
    [id, input.title, input.heldOn, input.startsAt, input.place, input.agenda, input.minutes],
  );
  await replaceParticipants(db, id, input);
}

async function replaceParticipants(
  db: Queryable,
  meetingId: number,
  input: Pick<MeetingInput, 'attendingIds' | 'attendees'>,
): Promise<void> {
  await db.query(`DELETE FROM meeting_organizations WHERE meeting_id = $1`, [meetingId]);
  await db.query(`DELETE FROM meeting_attendees WHERE meeting_id = $1`, [meetingId]);
  await db.query(`INSERT INTO meeting_organizations (meeting_id, organization_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, [
    meetingId,
    input.attendingIds,
  ]);
  await db.query(
    `INSERT INTO meeting_attendees (meeting_id, position, name, role, user_id)
     SELECT $1, ord, name, role, user_id FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS a(name, role, user_id, ord)`,
    [meetingId, input.attendees.map((a) => a.name), input.attendees.map((a) => a.role), input.attendees.map((a) => a.userId)],
  );
}

/** Marks draft minutes approved and keeps the approved text as version 1; false when they were already approved. */
export async function approveMinutes(db: Queryable, meetingId: number, userId: number): Promise<boolean> {
  const row = await one(
    db,
    z.object({ minutes: z.string() }),
    `UPDATE meetings SET minutes_status = 'approved', minutes_approved_at = now(), minutes_approved_by = $2, updated_at = now()
      WHERE id = $1 AND minutes_status = 'draft' RETURNING minutes`,
    [meetingId, userId],
  );
  if (!row) return false;
  await db.query(`INSERT INTO meeting_minutes_versions (meeting_id, version, minutes, created_by) VALUES ($1, 1, $2, $3)`, [
    meetingId,
    row.minutes,
    userId,
  ]);
  return true;
}

/** Records a correction of approved minutes as the next version; returns its number, or null when not approved. */
export async function insertMinutesCorrection(
  db: Queryable,
  meetingId: number,
  minutes: string,
  reason: string,
  userId: number,
): Promise<number | null> {
  const locked = await one(db, z.object({ status: z.string() }), `SELECT minutes_status AS status FROM meetings WHERE id = $1 FOR UPDATE`, [
    meetingId,
  ]);
  if (locked?.status !== 'approved') return null;
  const rows = await many(
    db,
    z.object({ version: z.number() }),
    `INSERT INTO meeting_minutes_versions (meeting_id, version, minutes, reason, created_by)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4 FROM meeting_minutes_versions WHERE meeting_id = $1
     RETURNING version`,
    [meetingId, minutes, reason, userId],
  );
  await db.query(`UPDATE meetings SET minutes = $2, updated_at = now() WHERE id = $1`, [meetingId, minutes]);
  return oneOrThrow(rows, 'minutes version').version;
}

/** An approved text of the minutes; its author's name comes from the accounts module (loaders.ts). */
const MinutesVersionRow = z.object({
  version: z.number(),
  minutes: z.string(),
  reason: z.string(),
  createdAt: z.date(),
  /** null once the author's account is gone. */
  createdBy: z.number().nullable(),
});
export type MinutesVersionRow = z.infer<typeof MinutesVersionRow>;

export interface MinutesVersion extends MinutesVersionRow {
  authorName: string | null;
}

/** Every approved text of a meeting's minutes, newest first. */
export function listMinutesVersions(db: Queryable, meetingId: number): Promise<MinutesVersionRow[]> {
  return many(
    db,
    MinutesVersionRow,
    `SELECT version, minutes, reason, created_at AS "createdAt", created_by AS "createdBy"
       FROM meeting_minutes_versions WHERE meeting_id = $1 ORDER BY version DESC`,
    [meetingId],
  );
}

const RESOLUTION_KINDS = ['decision', 'activities', 'task'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** Inserts a resolution with the next number of its meeting; returns its id and number. */
export async function insertResolution(
  db: Queryable,
  input: { meetingId: number; kind: ResolutionKind; body: string; programId: number | null; createdBy: number; items?: string[] },
): Promise<{ id: number; number: number }> {
  // Lock the meeting row so two resolutions recorded at once get distinct numbers.
  await db.query(`SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE`, [input.meetingId]);
  const rows = await many(
    db,
    z.object({ id: z.number(), number: z.number() }),
    `INSERT INTO meeting_resolutions (meeting_id, number, kind, body, program_id, created_by, items)
     SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6 FROM meeting_resolutions WHERE meeting_id = $1
     RETURNING id, number`,
    [input.meetingId, input.kind, input.body, input.programId, input.createdBy, input.items ?? []],
  );
  return oneOrThrow(rows, 'resolution');
}

/** A task as meeting_tasks keeps it; its owner's name comes from the accounts module (loaders.ts). */
const TaskRow = z.object({
  id: z.number(),
  meetingId: z.number(),
  resolutionId: z.number(),
  ownerId: z.number(),
  title: z.string(),
  dueOn: DayColumn,
  status: z.enum(['open', 'done']),
  doneAt: z.date().nullable(),
});
export type TaskRow = z.infer<typeof TaskRow>;

export interface Task extends TaskRow {
  ownerName: string;
}

/** A resolution as meeting_resolutions keeps it. */
const ResolutionRow = z.object({
  id: z.number(),
  number: z.number(),
  kind: z.enum(RESOLUTION_KINDS),
  body: z.string(),
  programId: z.number().nullable(),
  /** The approved items (one per activity created), in order. */
  items: z.array(z.string()),
});
export type ResolutionRow = z.infer<typeof ResolutionRow>;

export interface Resolution extends ResolutionRow {
  tasks: Task[];
}

const TASK_COLUMNS = `t.id, t.meeting_id AS "meetingId", t.resolution_id AS "resolutionId", t.owner_id AS "ownerId",
  t.title, t.due_on AS "dueOn", t.status, t.done_at AS "doneAt"`;

/** A meeting's resolutions in order, and its tasks. */
export async function listResolutions(db: Queryable, meetingId: number): Promise<{ resolutions: ResolutionRow[]; tasks: TaskRow[] }> {
  const [resolutions, tasks] = await Promise.all([
    many(
      db,
      ResolutionRow,
      `SELECT id, number, kind, body, program_id AS "programId", items FROM meeting_resolutions WHERE meeting_id = $1 ORDER BY number`,
      [meetingId],
    ),
    many(db, TaskRow, `SELECT ${TASK_COLUMNS} FROM meeting_tasks t WHERE t.meeting_id = $1 ORDER BY t.id`, [meetingId]),
  ]);
  return { resolutions, tasks };
}

/** Inserts a task assigned by a resolution; returns its id. */
export async function insertTask(
  db: Queryable,
  input: { meetingId: number; resolutionId: number; ownerId: number; title: string; dueOn: string },
): Promise<number> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO meeting_tasks (meeting_id, resolution_id, owner_id, title, due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [input.meetingId, input.resolutionId, input.ownerId, input.title, input.dueOn],
  );
  return oneOrThrow(rows, 'task').id;
}

const OwnedTaskRow = TaskRow.extend({ meetingTitle: z.string(), meetingHeldOn: DayColumn });
export type OwnedTaskRow = z.infer<typeof OwnedTaskRow>;

export type OwnedTask = OwnedTaskRow & Task;

/** A person's tasks: open ones first by deadline, then done ones, most recent first. */
export function listTasksForOwner(db: Queryable, ownerId: number): Promise<OwnedTaskRow[]> {
  return many(
    db,
    OwnedTaskRow,
    `SELECT ${TASK_COLUMNS}, m.title AS "meetingTitle", m.held_on AS "meetingHeldOn"
       FROM meeting_tasks t JOIN meetings m ON m.id = t.meeting_id
      WHERE t.owner_id = $1
      ORDER BY t.status = 'done', CASE WHEN t.status = 'open' THEN t.due_on END, t.done_at DESC NULLS LAST, t.id
      LIMIT 500`,
    [ownerId],
  );
}

/** One task; undefined when there is none. */
export function findTask(db: Queryable, id: number): Promise<TaskRow | undefined> {
  return one(db, TaskRow, `SELECT ${TASK_COLUMNS} FROM meeting_tasks t WHERE t.id = $1`, [id]);
}

/** Marks a task done; false when it was done already. */
export async function markTaskDone(db: Queryable, id: number): Promise<boolean> {
  const result = await db.query(`UPDATE meeting_tasks SET status = 'done', done_at = now() WHERE id = $1 AND status = 'open'`, [id]);
  return (result.rowCount ?? 0) > 0;
}

/** A person's open tasks, nearest deadline first (at most `limit`), each with how many open tasks they have in all. */
export function openTasksOf(db: Queryable, ownerId: number, limit: number): Promise<Array<OwnedTaskRow & { total: number }>> {
  return many(
    db,
    OwnedTaskRow.extend({ total: z.number() }),
    `SELECT ${TASK_COLUMNS}, m.title AS "meetingTitle", m.held_on AS "meetingHeldOn", count(*) OVER ()::int AS total
       FROM meeting_tasks t JOIN meetings m ON m.id = t.meeting_id
      WHERE t.owner_id = $1 AND t.status = 'open'
      ORDER BY t.due_on, t.id
      LIMIT $2`,
    [ownerId, limit],
  );
}

/** An open task near or past its due date, for a deadline reminder. */
const DueTaskRow = z.object({
  /** The task's id. */
  subjectId: z.number(),
  meetingId: z.number(),
  title: z.string(),
  meetingTitle: z.string(),
  dueOn: z.string(),
  /** Days from the organizer's local today to the due date: negative when overdue. */
  daysLeft: z.number(),
  /** The meeting's organizer: its coordinators are told. */
  organizationId: z.number(),
  /** The task's owner. */
  responsibleUserId: z.number(),
});
export type DueTaskRow = z.infer<typeof DueTaskRow>;

/**
 * Open tasks due between `overdueDays` days before and `soonDays` days after their meeting organizer's local day
 * (`days`: organizations and their local dates), due dates bounded by `window` for the index. One query for all.
 */
export function listDueTasks(db: Queryable, { days, window, limits }: DueQuery): Promise<DueTaskRow[]> {
  return many(
    db,
    DueTaskRow,
    `WITH organizer_days AS (SELECT * FROM unnest($1::bigint[], $2::date[]) AS d(organization_id, today))
     SELECT t.id AS "subjectId", t.meeting_id AS "meetingId", t.title, m.title AS "meetingTitle",
            to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.due_on - d.today AS "daysLeft",
            m.organizer_id AS "organizationId", t.owner_id AS "responsibleUserId"
       FROM meeting_tasks t
       JOIN meetings m ON m.id = t.meeting_id
       JOIN organizer_days d ON d.organization_id = m.organizer_id
      WHERE t.status = 'open' AND t.due_on BETWEEN $3::date AND $4::date
        AND t.due_on - d.today BETWEEN -$5::int AND $6::int
      ORDER BY t.id`,
    [days.organizationIds, days.localDates, window.from, window.to, limits.overdueDays, limits.soonDays],
  );
}
