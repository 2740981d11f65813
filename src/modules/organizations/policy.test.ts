import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/authorization.ts';
import { canCreateChild, canCreateTopLevel, canEditOrganization, canManageMembers, canReadAudit, canViewMembers } from './policy.ts';

const federation = { id: 1, ancestorIds: [] };
const union = { id: 2, ancestorIds: [1] };
const sibling = { id: 3, ancestorIds: [1] };
const actor = (grants: Array<[number, Role]>, isPlatformAdmin = false): Actor => ({
  userId: 9,
  isPlatformAdmin,
  grants: grants.map(([organizationId, role]) => ({ organizationId, role, regionId: null })),
});
const policies = { canViewMembers, canManageMembers, canEditOrganization, canCreateChild, canReadAudit };

describe('organizations policy', () => {
  it('denies everything to nobody', () => {
    for (const policy of Object.values(policies)) expect(policy(null, union)).toBe(false);
    expect(canCreateTopLevel(null)).toBe(false);
  });
  it('denies everything to a plain member', () => {
    for (const policy of Object.values(policies)) expect(policy(actor([[2, 'member']]), union)).toBe(false);
  });
  it('lets an admin do everything in their organization', () => {
    for (const policy of Object.values(policies)) expect(policy(actor([[2, 'admin']]), union)).toBe(true);
  });
  it('lets a parent organization’s admin manage its sub-organizations (inherited role)', () => {
    for (const policy of Object.values(policies)) expect(policy(actor([[1, 'admin']]), union)).toBe(true);
  });
  it('gives a sub-organization’s admin nothing in the parent or a sibling', () => {
    for (const policy of Object.values(policies)) {
      expect(policy(actor([[2, 'admin']]), federation)).toBe(false);
      expect(policy(actor([[2, 'admin']]), sibling)).toBe(false);
    }
  });
  it('does not pass a parent’s membership down (member is not inherited)', () => {
    expect(canViewMembers(actor([[1, 'member']]), union)).toBe(false);
  });
  it('lets coordinators read the member list but not change it', () => {
    expect(canViewMembers(actor([[1, 'coordinator']]), union)).toBe(true);
    expect(canManageMembers(actor([[1, 'coordinator']]), union)).toBe(false);
    expect(canReadAudit(actor([[1, 'coordinator']]), union)).toBe(false);
  });
  it('gives officials, moderators and welfare officers no administration', () => {
    for (const role of ['official', 'moderator', 'welfare_officer'] as const) {
      for (const policy of Object.values(policies)) expect(policy(actor([[2, role]]), union)).toBe(false);
    }
  });
  it('lets platform administrators do everything, including top-level organizations', () => {
    for (const policy of Object.values(policies)) expect(policy(actor([], true), union)).toBe(true);
    expect(canCreateTopLevel(actor([], true))).toBe(true);
    expect(canCreateTopLevel(actor([[1, 'admin']]))).toBe(false);
  });
});
