import {
  grantsIn,
  hasRole,
  hasRoleInRegion,
  ROLES,
  type Actor,
  type OrganizationRef,
  type RegionRef,
  type Role,
} from '../../core/authorization.ts';

/**
 * Who may do what with coordination meetings. Pure functions, deny by default.
 * - Meetings are not public: minutes and attendee lists are internal working papers. Anyone holding a role
 *   (members included) in the organizer or an attending organization sees the meeting, its minutes,
 *   resolutions and tasks; roles above 'member' reach sub-organizations. Platform administrators see all.
 * - Officials, coordinators and admins of the organizer record the meeting, draft its minutes, record
 *   resolutions and assign tasks. Only coordinators and admins of the organizer approve minutes, correct
 *   approved minutes, and approve activities into a program.
 * - A task is marked done by its owner, or by a coordinator or admin of the organizer.
 * - Region limits: a meeting is for a region (its own, else the organizer's). A grant limited to a region (a county
 *   official) records, drafts, resolves and completes only meetings whose region is that region or lies within it,
 *   never the province's; seeing them is unchanged. A meeting such an official records is for their region.
 */

/** What a policy needs to know about a meeting. */
export interface MeetingRef {
  organizer: OrganizationRef;
  /** The region the meeting is for (its own, else the organizer's); null when neither has one. */
  region: RegionRef | null;
  attending: OrganizationRef[];
  minutesApproved: boolean;
}

const RECORDERS = ['official', 'coordinator', 'admin'] as const;
const APPROVERS = ['coordinator', 'admin'] as const;

/** The organizer's people in these roles whose grant reaches the meeting's region. */
const organizerRole = (actor: Actor | null, meeting: MeetingRef, roles: readonly Role[]) =>
  hasRoleInRegion(actor, [meeting.organizer], roles, meeting.region);

/** Seeing a meeting: any role in the organizer or an attending organization. */
export function canViewMeeting(actor: Actor | null, meeting: MeetingRef): boolean {
  if (!actor) return false;
  return [meeting.organizer, ...meeting.attending].some((org) => hasRole(actor, org, ROLES));
}

/** Recording a new meeting organized by this organization. */
export function canCreateMeeting(actor: Actor | null, organizer: OrganizationRef): boolean {
  return hasRole(actor, organizer, RECORDERS);
}

/**
 * The region of a meeting the actor records for this organizer: null (the organizer's whole area) when they may
 * record for all of it, else the region their limited grant answers for, so they can go on recording it.
 */
export function regionOfNewMeeting(actor: Actor | null, organizer: OrganizationRef): number | null {
  if (!actor || actor.isPlatformAdmin) return null;
  const grants = grantsIn(actor, organizer, RECORDERS);
  const [first] = grants;
  if (!first || grants.some((g) => g.regionId === null)) return null;
  return first.regionId;
}

/** Changing the meeting's date, place, attendees and agenda. */
export function canEditMeeting(actor: Actor | null, meeting: MeetingRef): boolean {
  return organizerRole(actor, meeting, RECORDERS);
}

/** Writing the draft minutes: recorders of the organizer, until the minutes are approved. */
export function canDraftMinutes(actor: Actor | null, meeting: MeetingRef): boolean {
  return !meeting.minutesApproved && organizerRole(actor, meeting, RECORDERS);
}

/** Approving the draft minutes: coordinators and admins of the organizer. */
export function canApproveMinutes(actor: Actor | null, meeting: MeetingRef): boolean {
  return !meeting.minutesApproved && organizerRole(actor, meeting, APPROVERS);
}

/** Correcting approved minutes (each correction is kept as a new version). */
export function canCorrectMinutes(actor: Actor | null, meeting: MeetingRef): boolean {
  return meeting.minutesApproved && organizerRole(actor, meeting, APPROVERS);
}

/** Recording a resolution (a decision, or a task for someone). */
export function canRecordResolution(actor: Actor | null, meeting: MeetingRef): boolean {
  return organizerRole(actor, meeting, RECORDERS);
}

/** Assigning a task through a resolution. */
export function canAssignTask(actor: Actor | null, meeting: MeetingRef): boolean {
  return organizerRole(actor, meeting, RECORDERS);
}

/** Approving activities into a program through a resolution. */
export function canApproveActivities(actor: Actor | null, meeting: MeetingRef): boolean {
  return organizerRole(actor, meeting, APPROVERS);
}

/** Recording a resolution of this kind: approving activities and assigning a task each need their own right too. */
export function canRecordResolutionOfKind(actor: Actor | null, meeting: MeetingRef, kind: 'decision' | 'activities' | 'task'): boolean {
  if (!canRecordResolution(actor, meeting)) return false;
  if (kind === 'activities') return canApproveActivities(actor, meeting);
  if (kind === 'task') return canAssignTask(actor, meeting);
  return true;
}

/** Marking a task done: its owner, or a coordinator or admin of the organizer. */
export function canCompleteTask(actor: Actor | null, task: { ownerId: number }, meeting: MeetingRef): boolean {
  if (!actor) return false;
  return actor.userId === task.ownerId || organizerRole(actor, meeting, APPROVERS);
}

/** Everything one meeting page may offer its viewer, computed once for the views. */
export function meetingAbilities(actor: Actor | null, meeting: MeetingRef) {
  return {
    edit: canEditMeeting(actor, meeting),
    draftMinutes: canDraftMinutes(actor, meeting),
    approveMinutes: canApproveMinutes(actor, meeting),
    correctMinutes: canCorrectMinutes(actor, meeting),
    recordResolution: canRecordResolution(actor, meeting),
    assignTask: canAssignTask(actor, meeting),
    approveActivities: canApproveActivities(actor, meeting),
  };
}
export type MeetingAbilities = ReturnType<typeof meetingAbilities>;
