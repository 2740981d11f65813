import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../core/authorization.ts';
import {
  canAddActivity,
  canCreateProgram,
  canEditActivity,
  canEditProgram,
  canEditReport,
  canFileReport,
  canReviewReport,
  canSeeReport,
  canViewProgram,
  canViewPublicPage,
  type ActivitySubject,
  type ProgramSubject,
} from './policy.ts';

// Organizations: 1 lead (2 is its county base below it), 3 partner, 4 unrelated. Regions: 10 province, 11 and 12 counties.
const lead = { id: 1, ancestorIds: [] };
const base = { id: 2, ancestorIds: [1] };
const partner = { id: 3, ancestorIds: [] };
const province = { id: 10, ancestorIds: [] };
const rasht = { id: 11, ancestorIds: [10] };
const lahijan = { id: 12, ancestorIds: [10] };
const program: ProgramSubject = { status: 'active', isPublic: true, lead, partners: [partner] };
const activity: ActivitySubject = { lead, partners: [], responsibleUserId: 5 };
const baseActivity: ActivitySubject = { lead: base, partners: [], responsibleUserId: null };

const actor = (userId: number, ...grants: Array<[number, Grant['role'], number | null]>): Actor => ({
  userId,
  isPlatformAdmin: false,
  grants: grants.map(([organizationId, role, regionId]) => ({ organizationId, role, regionId })),
});
const coordinator = actor(1, [1, 'coordinator', null]);
const rashtOfficial = actor(2, [1, 'official', 11]);
const partnerCoordinator = actor(3, [3, 'coordinator', null]);
const outsider = actor(4, [4, 'admin', null]);
const member = actor(5, [1, 'member', null]);
const baseCoordinator = actor(6, [2, 'coordinator', null]);
const rashtCoordinator = actor(7, [1, 'coordinator', 11]);
const admin: Actor = { userId: 99, isPlatformAdmin: true, grants: [] };

describe('programs policy', () => {
  it('lets coordinators and admins create programs for their organization and those below it', () => {
    expect(canCreateProgram(coordinator, lead)).toBe(true);
    expect(canCreateProgram(coordinator, base)).toBe(true);
    expect(canCreateProgram(baseCoordinator, lead)).toBe(false);
    expect(canCreateProgram(rashtOfficial, lead)).toBe(false);
    expect(canCreateProgram(member, lead)).toBe(false);
    expect(canCreateProgram(null, lead)).toBe(false);
    expect(canCreateProgram(admin, lead)).toBe(true);
  });
  it('shows the program to staff of the lead and partners only', () => {
    for (const a of [coordinator, rashtOfficial, partnerCoordinator, admin]) expect(canViewProgram(a, program)).toBe(true);
    for (const a of [outsider, member, null, baseCoordinator]) expect(canViewProgram(a, program)).toBe(false);
  });
  it('publishes only public programs that are not drafts', () => {
    expect(canViewPublicPage(program)).toBe(true);
    expect(canViewPublicPage({ ...program, status: 'draft' })).toBe(false);
    expect(canViewPublicPage({ ...program, isPublic: false })).toBe(false);
  });
  it('lets only the lead’s managers edit the program; partners’ managers add activities', () => {
    expect(canEditProgram(coordinator, program)).toBe(true);
    expect(canEditProgram(partnerCoordinator, program)).toBe(false);
    expect(canEditProgram(rashtOfficial, program)).toBe(false);
    expect(canAddActivity(partnerCoordinator, program)).toBe(true);
    expect(canAddActivity(rashtOfficial, program)).toBe(false);
    expect(canAddActivity(outsider, program)).toBe(false);
  });
  it('lets the managers of the program’s lead or of the activity’s lead edit an activity', () => {
    expect(canEditActivity(coordinator, program, activity)).toBe(true);
    expect(canEditActivity(partnerCoordinator, program, activity)).toBe(false);
    expect(canEditActivity(partnerCoordinator, program, { ...activity, lead: partner })).toBe(true);
    expect(canEditActivity(baseCoordinator, program, baseActivity)).toBe(true);
    expect(canEditActivity(rashtOfficial, program, activity)).toBe(false);
  });
  it('limits a county official’s reports to their county and the regions below it', () => {
    expect(canFileReport(rashtOfficial, program, activity, rasht)).toBe(true);
    expect(canFileReport(rashtOfficial, program, activity, { id: 13, ancestorIds: [10, 11] })).toBe(true);
    expect(canFileReport(rashtOfficial, program, activity, lahijan)).toBe(false);
    expect(canFileReport(rashtOfficial, program, activity, province)).toBe(false);
    expect(canFileReport(coordinator, program, activity, lahijan)).toBe(true);
    expect(canFileReport(partnerCoordinator, program, activity, lahijan)).toBe(true);
    expect(canFileReport(outsider, program, activity, rasht)).toBe(false);
    expect(canFileReport(member, program, activity, rasht)).toBe(false);
    expect(canFileReport(null, program, activity, rasht)).toBe(false);
  });
  it('lets the lead’s managers reaching the region review, never their own report and never officials', () => {
    const report = (region: typeof rasht, reporterId: number | null) => ({ region, reporterId });
    expect(canReviewReport(coordinator, program, activity, report(rasht, 2))).toBe(true);
    expect(canReviewReport(coordinator, program, activity, report(rasht, 1))).toBe(false);
    expect(canReviewReport(admin, program, activity, report(rasht, 99))).toBe(true);
    expect(canReviewReport(rashtCoordinator, program, activity, report(rasht, 2))).toBe(true);
    expect(canReviewReport(rashtCoordinator, program, activity, report(lahijan, 2))).toBe(false);
    expect(canReviewReport(rashtOfficial, program, activity, report(rasht, 3))).toBe(false);
    expect(canReviewReport(partnerCoordinator, program, activity, report(rasht, 2))).toBe(false);
    expect(canReviewReport(null, program, activity, report(rasht, 2))).toBe(false);
  });
  it('hides unapproved reports of another county from an official, but shows approved ones', () => {
    const lahijanSubmitted = { status: 'submitted', region: lahijan, reporterId: 8 };
    expect(canSeeReport(rashtOfficial, program, activity, lahijanSubmitted)).toBe(false);
    expect(canSeeReport(rashtOfficial, program, activity, { ...lahijanSubmitted, status: 'returned' })).toBe(false);
    expect(canSeeReport(rashtOfficial, program, activity, { ...lahijanSubmitted, status: 'approved' })).toBe(true);
    expect(canSeeReport(rashtOfficial, program, activity, { ...lahijanSubmitted, region: rasht })).toBe(true);
    expect(canSeeReport(coordinator, program, activity, lahijanSubmitted)).toBe(true);
    expect(canSeeReport(actor(8), program, activity, lahijanSubmitted)).toBe(true);
    expect(canSeeReport(outsider, program, activity, { ...lahijanSubmitted, status: 'approved' })).toBe(false);
    expect(canSeeReport(null, program, activity, { ...lahijanSubmitted, status: 'approved' })).toBe(false);
  });
  it('lets only the reporter correct a report, until it is approved', () => {
    expect(canEditReport(rashtOfficial, { status: 'returned', reporterId: 2 })).toBe(true);
    expect(canEditReport(rashtOfficial, { status: 'approved', reporterId: 2 })).toBe(false);
    expect(canEditReport(coordinator, { status: 'returned', reporterId: 2 })).toBe(false);
    expect(canEditReport(null, { status: 'returned', reporterId: 2 })).toBe(false);
  });
});
