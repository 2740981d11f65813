import type { Actor } from '../../core/authorization.ts';
import { authorize } from '../../core/errors.ts';
import type { Lang } from '../../core/i18n.ts';
import type { Queryable } from '../../db/database.ts';
import { WORK_ITEMS_SHOWN, workSection, type WorkLoader } from '../../core/work.ts';
import { findUserContactsByIds } from '../accounts/index.ts';
import { findRegionsByIds } from '../../core/regions.ts';
import { listProgramsForOrganization } from '../programs/index.ts';
import { findOrganizationsByIds, listOrganizationsForSelect, type OrganizationSummary } from '../organizations/index.ts';
import { canCreateMeeting, canViewMeeting, meetingAbilities, regionOfNewMeeting } from './policy.ts';
import { meetingRef, presentMeeting, presentResolution, todayIn } from './presenters.ts';
import {
  findMeeting,
  listMinutesVersions,
  listResolutions,
  listTasksForOwner,
  openTasksOf,
  listVisibleMeetings,
  type Meeting,
  type MeetingOrganization,
  type MeetingRow,
  type MinutesVersion,
  type OwnedTask,
  type Resolution,
} from './queries.ts';

const organizationOf = (o: OrganizationSummary): MeetingOrganization => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  ancestorIds: o.ancestorIds,
});

/**
 * Gives each meeting its organizer, attending organizations and region (its own, else the organizer's), read in
 * one batch each through the organizations and admin modules.
 */
async function withOrganizations(db: Queryable, rows: readonly MeetingRow[]): Promise<Meeting[]> {
  const organizationIds = [...new Set(rows.flatMap((row) => [row.organizerId, ...row.attendingIds]))];
  const organizations = new Map((await findOrganizationsByIds(db, organizationIds)).map((o) => [o.id, o]));
  const regionIdOf = (row: MeetingRow) => row.regionId ?? organizations.get(row.organizerId)?.regionId ?? null;
  const regionIds = [...new Set(rows.map(regionIdOf).filter((id): id is number => id !== null))];
  const regions = new Map((await findRegionsByIds(db, regionIds)).map((r) => [r.id, { id: r.id, ancestorIds: r.ancestorIds }]));
  return rows.map((row) => {
    const { organizerId, regionId: _ownRegionId, attendingIds, ...meeting } = row;
    const organizer = organizations.get(organizerId);
    // meetings.organizer_id references organizations: the organizer is always there.
    if (!organizer) throw new Error(`Meeting ${meeting.id}: organizer ${organizerId} not found`);
    const attending = attendingIds.flatMap((id) => {
      const o = organizations.get(id);
      return o ? [organizationOf(o)] : [];
    });
    const regionId = regionIdOf(row);
    return {
      ...meeting,
      organizer: organizationOf(organizer),
      attending,
      region: regionId === null ? null : (regions.get(regionId) ?? null),
    };
  });
}

/** One meeting with its organizations and region; undefined when there is none. */
export async function loadMeeting(db: Queryable, id: number): Promise<Meeting | undefined> {
  const row = await findMeeting(db, id);
  return row ? (await withOrganizations(db, [row]))[0] : undefined;
}

/** Loads a meeting the actor may see; 404 when it does not exist or they may not see it (one answer). */
export async function loadVisibleMeeting(db: Queryable, actor: Actor, id: number): Promise<Meeting> {
  const meeting = await loadMeeting(db, id);
  authorize(!!meeting && canViewMeeting(actor, meetingRef(meeting)));
  return meeting;
}

/** The meetings the actor may see (see listVisibleMeetings), with their organizations, and the total. */
export async function loadVisibleMeetings(
  db: Queryable,
  actor: Actor,
  page: { limit: number; offset: number },
  organizationId: number | null = null,
): Promise<{ rows: Meeting[]; total: number }> {
  const { rows, total } = await listVisibleMeetings(db, actor, page, organizationId);
  return { rows: await withOrganizations(db, rows), total };
}

/** True when every id names an organization (the attending organizations chosen in a form). */
export async function organizationsExist(db: Queryable, ids: readonly number[]): Promise<boolean> {
  return (await findOrganizationsByIds(db, ids)).length === new Set(ids).size;
}

/** Every organization for the attending checkboxes, and those the actor may organize a meeting for. */
export async function organizationChoices(db: Queryable, actor: Actor, lang: Lang) {
  const all = await listOrganizationsForSelect(db, lang);
  const refs = await findOrganizationsByIds(
    db,
    all.map((o) => o.id),
  );
  const ancestors = new Map(refs.map((r) => [r.id, r.ancestorIds]));
  const refOf = (id: number) => ({ id, ancestorIds: ancestors.get(id) ?? [] });
  const organizers = all.filter((o) => canCreateMeeting(actor, refOf(o.id)));
  return {
    all,
    /** The region a new meeting by this actor for this organizer is for (see regionOfNewMeeting). */
    regionFor: (organizerId: number) => regionOfNewMeeting(actor, refOf(organizerId)),
    organizerOptions: organizers.map((o): [string, string] => [String(o.id), o.name]),
    organizerIds: new Set(organizers.map((o) => o.id)),
  };
}

/** Titles of the programs the resolutions point to, read through the programs module (the organizer's programs). */
export async function programTitlesFor(db: Queryable, meeting: Meeting, resolutions: readonly Resolution[]): Promise<Map<number, string>> {
  if (!resolutions.some((r) => r.programId !== null)) return new Map();
  const programs = await listProgramsForOrganization(db, meeting.organizer.id);
  return new Map(programs.map((p) => [p.id, p.title]));
}

/** People's names by id, read in one query through the accounts module (an account that is gone has none). */
async function namesOf(db: Queryable, ids: ReadonlyArray<number | null>): Promise<Map<number, string>> {
  const known = [...new Set(ids.filter((id): id is number => id !== null))];
  return new Map((await findUserContactsByIds(db, known)).map((u) => [u.id, u.name]));
}

/** A meeting's resolutions in order, each with its tasks and their owners' names. */
export async function loadResolutions(db: Queryable, meetingId: number): Promise<Resolution[]> {
  const { resolutions, tasks } = await listResolutions(db, meetingId);
  const names = await namesOf(
    db,
    tasks.map((t) => t.ownerId),
  );
  const named = tasks.map((t) => ({ ...t, ownerName: names.get(t.ownerId) ?? '' }));
  return resolutions.map((r) => ({ ...r, tasks: named.filter((t) => t.resolutionId === r.id) }));
}

/**
 * A meeting the actor may see (else 404), presented with its resolutions and what the actor may do with it:
 * what the meeting page shows and its JSON answers.
 */
export async function loadMeetingDetail(db: Queryable, actor: Actor, id: number, lang: Lang) {
  const meeting = await loadVisibleMeeting(db, actor, id);
  const resolutions = await loadResolutions(db, meeting.id);
  const programTitles = await programTitlesFor(db, meeting, resolutions);
  const today = todayIn(lang);
  return {
    meeting: presentMeeting(meeting, lang),
    resolutions: resolutions.map((r) => presentResolution(r, lang, today, programTitles)),
    can: meetingAbilities(actor, meetingRef(meeting)),
  };
}

/** A person's tasks (see listTasksForOwner), with their name as owner. */
export async function loadTasksOf(db: Queryable, ownerId: number): Promise<OwnedTask[]> {
  const [tasks, names] = await Promise.all([listTasksForOwner(db, ownerId), namesOf(db, [ownerId])]);
  return tasks.map((t) => ({ ...t, ownerName: names.get(ownerId) ?? '' }));
}

/** Every approved text of a meeting's minutes, newest first, with its author's name. */
export async function loadMinutesVersions(db: Queryable, meetingId: number): Promise<MinutesVersion[]> {
  const versions = await listMinutesVersions(db, meetingId);
  const names = await namesOf(
    db,
    versions.map((v) => v.createdBy),
  );
  return versions.map((v) => ({ ...v, authorName: v.createdBy === null ? null : (names.get(v.createdBy) ?? null) }));
}

/** "My work" from meetings: the person's open tasks, nearest deadline first, each linked to the tasks page where it is marked done. */
export const meetingsWorkFor: WorkLoader = async (db, actor) => {
  const tasks = await openTasksOf(db, actor.userId, WORK_ITEMS_SHOWN);
  return workSection('tasks', tasks, '/tasks', (task) => ({
    title: task.title,
    context: [task.meetingTitle],
    path: `/tasks#task-${task.id}`,
    dueOn: task.dueOn,
    since: null,
  }));
};
