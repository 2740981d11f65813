import { grantReaches, hasRole, hasRoleInRegion, type Actor, type OrganizationRef, type Role } from '../../core/authorization.ts';

/** What the rules need to know about a program. */
export interface ProgramSubject {
  status: string;
  isPublic: boolean;
  lead: OrganizationRef;
  partners: OrganizationRef[];
}

/** What the rules need to know about an activity (lead is the program's when the activity names none). */
export interface ActivitySubject {
  lead: OrganizationRef;
  partners: OrganizationRef[];
  responsibleUserId: number | null;
}

export interface RegionSubject {
  id: number;
  ancestorIds: number[];
}

const MANAGERS: readonly Role[] = ['coordinator', 'admin'];
const STAFF: readonly Role[] = ['official', 'coordinator', 'admin'];

const involved = (program: ProgramSubject, activity?: ActivitySubject): OrganizationRef[] => [
  program.lead,
  ...program.partners,
  ...(activity ? [activity.lead, ...activity.partners] : []),
];

// The region rule is shared with meetings (src/core/authorization.ts); kept under its old name here.
export { grantReaches };

const reachesRegion = (actor: Actor | null, orgs: OrganizationRef[], roles: readonly Role[], region: RegionSubject): boolean =>
  hasRoleInRegion(actor, orgs, roles, region);

/** May start a program led by this organization. */
export const canCreateProgram = (actor: Actor | null, lead: OrganizationRef): boolean => hasRole(actor, lead, MANAGERS);

/** May see the program's internal pages (dashboard, reports, exports): staff of the lead or of a partner. */
export const canViewProgram = (actor: Actor | null, program: ProgramSubject): boolean =>
  involved(program).some((org) => hasRole(actor, org, STAFF));

/** The public page shows programs that are published and no longer drafts. */
export const canViewPublicPage = (program: ProgramSubject): boolean => program.isPublic && program.status !== 'draft';

/** May change the program itself (title, period, partners, regions, status): coordinators and admins of the lead. */
export const canEditProgram = (actor: Actor | null, program: ProgramSubject): boolean => hasRole(actor, program.lead, MANAGERS);

/** May add activities: coordinators and admins of the lead or of a partner organization. */
export const canAddActivity = (actor: Actor | null, program: ProgramSubject): boolean =>
  [program.lead, ...program.partners].some((org) => hasRole(actor, org, MANAGERS));

/** May edit an activity: managers of the program's lead, or of the organization leading that activity. */
export const canEditActivity = (actor: Actor | null, program: ProgramSubject, activity: ActivitySubject): boolean =>
  hasRole(actor, program.lead, MANAGERS) || hasRole(actor, activity.lead, MANAGERS);

/**
 * May file an execution report for the activity in this region: staff of an organization involved in the program
 * or the activity whose grant reaches the region (an official limited to one county files for that county only).
 */
export const canFileReport = (actor: Actor | null, program: ProgramSubject, activity: ActivitySubject, region: RegionSubject): boolean =>
  reachesRegion(actor, involved(program, activity), STAFF, region);

/** Roles that review reports (with canReviewReport's other conditions): the review queue is built from these grants. */
export const REVIEWING_ROLES = MANAGERS;

/** Holds a grant that may review some report (a member or an official has no review queue). */
export const mayReviewReports = (actor: Actor | null): boolean =>
  !!actor && (actor.isPlatformAdmin || actor.grants.some((g) => REVIEWING_ROLES.includes(g.role)));

/** May approve or return a report: managers of the program's or the activity's lead who reach its region, never on their own report. */
export const canReviewReport = (
  actor: Actor | null,
  program: ProgramSubject,
  activity: ActivitySubject,
  report: { region: RegionSubject; reporterId: number | null },
): boolean => {
  if (!actor) return false;
  if (!actor.isPlatformAdmin && report.reporterId === actor.userId) return false;
  return reachesRegion(actor, [program.lead, activity.lead], MANAGERS, report.region);
};

/**
 * May see a report: everyone who may view the program sees approved reports; a submitted or returned one is seen
 * by its reporter and by staff whose grant reaches its region.
 */
export const canSeeReport = (
  actor: Actor | null,
  program: ProgramSubject,
  activity: ActivitySubject,
  report: { status: string; region: RegionSubject; reporterId: number | null },
): boolean => {
  if (!canViewProgram(actor, program) && !(actor && report.reporterId === actor.userId)) return false;
  if (report.status === 'approved') return true;
  if (actor && report.reporterId === actor.userId) return true;
  return reachesRegion(actor, involved(program, activity), STAFF, report.region);
};

/** May correct a report and file it again: its reporter, while it is not approved (approved evidence stays as it was). */
export const canEditReport = (actor: Actor | null, report: { status: string; reporterId: number | null }): boolean =>
  !!actor && report.reporterId === actor.userId && report.status !== 'approved';
