import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/authorization.ts';
import {
  canApproveActivities,
  canApproveMinutes,
  canAssignTask,
  canCompleteTask,
  canCorrectMinutes,
  canCreateMeeting,
  canDraftMinutes,
  canEditMeeting,
  canRecordResolution,
  canRecordResolutionOfKind,
  canViewMeeting,
  meetingAbilities,
  regionOfNewMeeting,
  type MeetingRef,
} from './policy.ts';

const province = { id: 1, ancestorIds: [] };
const county = { id: 2, ancestorIds: [1] };
const partner = { id: 3, ancestorIds: [] };

const actor = (grants: Array<[number, Role]>, extra: Partial<Actor> = {}): Actor => ({
  userId: 10,
  isPlatformAdmin: false,
  grants: grants.map(([organizationId, role]) => ({ organizationId, role, regionId: null })),
  ...extra,
});
const gilan = { id: 100, ancestorIds: [] };
const rasht = { id: 101, ancestorIds: [100] };
const lahijan = { id: 102, ancestorIds: [100] };
const draft: MeetingRef = { organizer: county, region: null, attending: [partner], minutesApproved: false };
const approved: MeetingRef = { ...draft, minutesApproved: true };

describe('meetings policy', () => {
  it('records a resolution of a kind only with that kind’s right: officials decide and assign, coordinators also approve activities', () => {
    const official = actor([[2, 'official']]);
    const coordinator = actor([[2, 'coordinator']]);
    expect(['decision', 'activities', 'task'].map((kind) => canRecordResolutionOfKind(official, draft, kind as 'decision'))).toEqual([
      true,
      false,
      true,
    ]);
    expect(['decision', 'activities', 'task'].map((kind) => canRecordResolutionOfKind(coordinator, draft, kind as 'decision'))).toEqual([
      true,
      true,
      true,
    ]);
    expect(canRecordResolutionOfKind(actor([[3, 'admin']]), draft, 'decision')).toBe(false);
    expect(canRecordResolutionOfKind(null, draft, 'decision')).toBe(false);
  });

  it('denies visitors everything', () => {
    for (const can of [
      canViewMeeting,
      canEditMeeting,
      canDraftMinutes,
      canApproveMinutes,
      canRecordResolution,
      canAssignTask,
      canApproveActivities,
    ]) {
      expect(can(null, draft)).toBe(false);
    }
    expect(canCorrectMinutes(null, approved)).toBe(false);
    expect(canCreateMeeting(null, county)).toBe(false);
    expect(canCompleteTask(null, { ownerId: 10 }, draft)).toBe(false);
  });

  it('shows a meeting to any role in the organizer or an attending organization, and to roles reaching down from a parent', () => {
    expect(canViewMeeting(actor([[2, 'member']]), draft)).toBe(true);
    expect(canViewMeeting(actor([[3, 'member']]), draft)).toBe(true);
    expect(canViewMeeting(actor([[1, 'official']]), draft)).toBe(true);
    // Membership of the parent does not reach its sub-organizations.
    expect(canViewMeeting(actor([[1, 'member']]), draft)).toBe(false);
    expect(canViewMeeting(actor([[4, 'admin']]), draft)).toBe(false);
    expect(canViewMeeting(actor([], { isPlatformAdmin: true }), draft)).toBe(true);
  });

  it('lets officials, coordinators and admins of the organizer record, draft, resolve and assign, but not members or partners', () => {
    for (const role of ['official', 'coordinator', 'admin'] as const) {
      const a = actor([[2, role]]);
      expect(canCreateMeeting(a, county)).toBe(true);
      expect(canEditMeeting(a, draft)).toBe(true);
      expect(canDraftMinutes(a, draft)).toBe(true);
      expect(canRecordResolution(a, draft)).toBe(true);
      expect(canAssignTask(a, draft)).toBe(true);
    }
    for (const a of [actor([[2, 'member']]), actor([[2, 'moderator']]), actor([[3, 'admin']]), actor([[4, 'coordinator']])]) {
      expect(canCreateMeeting(a, county)).toBe(false);
      expect(canEditMeeting(a, draft)).toBe(false);
      expect(canRecordResolution(a, draft)).toBe(false);
      expect(canAssignTask(a, draft)).toBe(false);
    }
    expect(canCreateMeeting(actor([[1, 'coordinator']]), county)).toBe(true);
  });

  it('lets only coordinators and admins of the organizer approve minutes and activities, and correct approved minutes', () => {
    const official = actor([[2, 'official']]);
    const coordinator = actor([[2, 'coordinator']]);
    expect(canApproveMinutes(official, draft)).toBe(false);
    expect(canApproveActivities(official, draft)).toBe(false);
    expect(canApproveMinutes(coordinator, draft)).toBe(true);
    expect(canApproveActivities(coordinator, draft)).toBe(true);
    expect(canApproveMinutes(coordinator, approved)).toBe(false);
    expect(canCorrectMinutes(coordinator, draft)).toBe(false);
    expect(canCorrectMinutes(coordinator, approved)).toBe(true);
    expect(canCorrectMinutes(official, approved)).toBe(false);
    expect(canCorrectMinutes(actor([[3, 'admin']]), approved)).toBe(false);
  });

  it('makes approved minutes read only in the draft form', () => {
    expect(canDraftMinutes(actor([[2, 'admin']]), approved)).toBe(false);
  });

  it('lets a task’s owner or a coordinator of the organizer mark it done, nobody else', () => {
    expect(canCompleteTask(actor([[3, 'member']]), { ownerId: 10 }, draft)).toBe(true);
    expect(canCompleteTask(actor([[3, 'member']]), { ownerId: 11 }, draft)).toBe(false);
    expect(canCompleteTask(actor([[2, 'coordinator']]), { ownerId: 11 }, draft)).toBe(true);
    expect(canCompleteTask(actor([[2, 'official']]), { ownerId: 11 }, draft)).toBe(false);
  });

  it('lets an official limited to a county record their county’s meetings only, while still seeing the province’s', () => {
    const rashtOfficial: Actor = {
      userId: 10,
      isPlatformAdmin: false,
      grants: [{ organizationId: 1, role: 'official', regionId: rasht.id }],
    };
    const provinceMeeting: MeetingRef = { organizer: province, region: gilan, attending: [], minutesApproved: false };
    const rashtMeeting: MeetingRef = { ...provinceMeeting, region: rasht };
    const lahijanMeeting: MeetingRef = { ...provinceMeeting, region: lahijan };
    const regionless: MeetingRef = { ...provinceMeeting, region: null };
    for (const meeting of [provinceMeeting, lahijanMeeting, regionless]) {
      expect(canViewMeeting(rashtOfficial, meeting)).toBe(true);
      expect(Object.values(meetingAbilities(rashtOfficial, meeting)).some(Boolean)).toBe(false);
    }
    expect(canEditMeeting(rashtOfficial, rashtMeeting)).toBe(true);
    expect(canDraftMinutes(rashtOfficial, rashtMeeting)).toBe(true);
    expect(canRecordResolution(rashtOfficial, rashtMeeting)).toBe(true);
    expect(canAssignTask(rashtOfficial, rashtMeeting)).toBe(true);
    // The same official unlimited, and a province coordinator, record every meeting of the province.
    const unlimited: Actor = { ...rashtOfficial, grants: [{ organizationId: 1, role: 'official', regionId: null }] };
    expect(canEditMeeting(unlimited, provinceMeeting)).toBe(true);
    expect(canEditMeeting(unlimited, regionless)).toBe(true);
    // A meeting the limited official records is for their county; an unlimited recorder's is for the organizer's area.
    expect(canCreateMeeting(rashtOfficial, province)).toBe(true);
    expect(regionOfNewMeeting(rashtOfficial, province)).toBe(rasht.id);
    expect(regionOfNewMeeting(unlimited, province)).toBe(null);
    expect(regionOfNewMeeting({ ...rashtOfficial, grants: [...rashtOfficial.grants, ...unlimited.grants] }, province)).toBe(null);
  });

  it('keeps a county-limited coordinator to their county for approvals and others’ tasks', () => {
    const limited: Actor = { userId: 10, isPlatformAdmin: false, grants: [{ organizationId: 1, role: 'coordinator', regionId: rasht.id }] };
    const provinceMeeting: MeetingRef = { organizer: province, region: gilan, attending: [], minutesApproved: true };
    expect(canCorrectMinutes(limited, provinceMeeting)).toBe(false);
    expect(canCorrectMinutes(limited, { ...provinceMeeting, region: rasht })).toBe(true);
    expect(canCompleteTask(limited, { ownerId: 11 }, provinceMeeting)).toBe(false);
    expect(canCompleteTask(limited, { ownerId: 10 }, provinceMeeting)).toBe(true);
  });
});
