import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/authorization.ts';
import { canCreateAgreementFor, canEditAgreement, canViewAgreement, canViewDocuments, type AgreementRef } from './policy.ts';

const federation = { id: 1, ancestorIds: [] };
const youth = { id: 2, ancestorIds: [] };
const enterprise = { id: 3, ancestorIds: [1] };
const actor = (grants: Array<[number, Role]>, extra: Partial<Actor> = {}): Actor => ({
  userId: 10,
  isPlatformAdmin: false,
  grants: grants.map(([organizationId, role]) => ({ organizationId, role, regionId: null })),
  ...extra,
});
const inForce: AgreementRef = { parties: [federation, youth], status: 'in_force' };
const draft: AgreementRef = { ...inForce, status: 'draft' };

describe('agreements policy', () => {
  it('shows agreements that are not drafts to everyone, visitors included', () => {
    for (const status of ['in_force', 'ended', 'renewed'] as const) expect(canViewAgreement(null, { ...inForce, status })).toBe(true);
  });
  it('shows drafts and documents only to people holding a role in a party', () => {
    expect(canViewAgreement(null, draft)).toBe(false);
    expect(canViewAgreement(actor([[3, 'admin']]), draft)).toBe(false);
    expect(canViewAgreement(actor([[2, 'member']]), draft)).toBe(true);
    expect(canViewDocuments(null, inForce)).toBe(false);
    expect(canViewDocuments(actor([[3, 'member']]), inForce)).toBe(false);
    expect(canViewDocuments(actor([[1, 'member']]), inForce)).toBe(true);
    expect(canViewDocuments(actor([], { isPlatformAdmin: true }), inForce)).toBe(true);
  });
  it('lets coordinators and admins of a party create and edit, nobody else', () => {
    expect(canCreateAgreementFor(actor([[1, 'coordinator']]), federation)).toBe(true);
    expect(canCreateAgreementFor(actor([[1, 'coordinator']]), enterprise)).toBe(true);
    expect(canCreateAgreementFor(actor([[1, 'official']]), federation)).toBe(false);
    expect(canCreateAgreementFor(null, federation)).toBe(false);
    expect(canEditAgreement(actor([[2, 'admin']]), inForce)).toBe(true);
    expect(canEditAgreement(actor([[2, 'member']]), inForce)).toBe(false);
    expect(canEditAgreement(actor([[3, 'admin']]), inForce)).toBe(false);
    expect(canEditAgreement(null, inForce)).toBe(false);
  });
});
