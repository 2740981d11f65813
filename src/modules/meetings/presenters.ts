import type { Lang } from '../../core/i18n.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { formatDate, toPersianDigits } from '../../core/dates.ts';
import type { MeetingRef } from './policy.ts';
import type { Meeting, MinutesVersion, OwnedTask, Resolution, Task } from './queries.ts';

/** What the policy needs from a loaded meeting. */
export function meetingRef(meeting: Meeting): MeetingRef {
  return {
    organizer: meeting.organizer,
    region: meeting.region,
    attending: meeting.attending,
    minutesApproved: meeting.minutesStatus === 'approved',
  };
}

/** A time of day in the page's digits. */
export function formatTime(time: string | null, lang: Lang): string {
  if (!time) return '';
  return lang === 'fa' ? toPersianDigits(time) : time;
}

/** A meeting as pages and the API show it: names in the viewer's language, nothing internal. */
export function presentMeeting(meeting: Meeting, lang: Lang) {
  return {
    id: meeting.id,
    title: meeting.title,
    heldOn: meeting.heldOn,
    heldOnText: formatDate(meeting.heldOn, lang),
    startsAt: meeting.startsAt,
    startsAtText: formatTime(meeting.startsAt, lang),
    place: meeting.place,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    minutesStatus: meeting.minutesStatus,
    organizer: { id: meeting.organizer.id, slug: meeting.organizer.slug, name: pickLocalized(meeting.organizer.name, lang) },
    attending: meeting.attending.map((o) => ({ id: o.id, slug: o.slug, name: pickLocalized(o.name, lang) })),
    attendees: meeting.attendees.map((a) => ({ name: a.name, role: a.role, linked: a.userId !== null })),
  };
}
export type MeetingView = ReturnType<typeof presentMeeting>;

/** A task with its deadline in the page's calendar and whether it is late. */
export function presentTask(task: Task, lang: Lang, today: string) {
  return {
    id: task.id,
    meetingId: task.meetingId,
    title: task.title,
    ownerId: task.ownerId,
    ownerName: task.ownerName,
    dueOn: task.dueOn,
    dueOnText: formatDate(task.dueOn, lang),
    status: task.status,
    overdue: task.status === 'open' && task.dueOn < today,
  };
}
export type TaskView = ReturnType<typeof presentTask>;

export function presentOwnedTask(task: OwnedTask, lang: Lang, today: string) {
  return { ...presentTask(task, lang, today), meetingTitle: task.meetingTitle, meetingHeldOnText: formatDate(task.meetingHeldOn, lang) };
}
export type OwnedTaskView = ReturnType<typeof presentOwnedTask>;

export function presentResolution(resolution: Resolution, lang: Lang, today: string, programTitles: Map<number, string>) {
  return {
    number: resolution.number,
    kind: resolution.kind,
    body: resolution.body,
    items: resolution.items,
    program: resolution.programId === null ? null : { id: resolution.programId, title: programTitles.get(resolution.programId) ?? '' },
    tasks: resolution.tasks.map((t) => presentTask(t, lang, today)),
  };
}
export type ResolutionView = ReturnType<typeof presentResolution>;

export function presentVersion(version: MinutesVersion, lang: Lang) {
  return {
    version: version.version,
    minutes: version.minutes,
    reason: version.reason,
    authorName: version.authorName ?? '',
    createdText: formatDate(version.createdAt, lang),
  };
}
export type VersionView = ReturnType<typeof presentVersion>;

// Today's calendar day in the page's time zone, for "overdue" (shared with "My work" on the home page).
export { todayIn } from '../../core/dates.ts';
