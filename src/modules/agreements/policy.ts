import { hasRole, ROLES, type Actor, type OrganizationRef } from '../../core/authorization.ts';

/**
 * Who may do what with cooperation agreements. Pure functions, deny by default.
 * - An agreement in force, ended or renewed is a public commitment between organizations: anyone may read its
 *   title, parties, signatories, period, goals, areas, targets and progress. A draft is seen only by people
 *   holding a role in one of its parties.
 * - Attached documents (signed scans) are for people holding a role in a party, whatever the status.
 * - Coordinators and admins of a party create and edit the agreement, its areas, targets and documents.
 *   A new agreement must name, among its parties, an organization where the creator is coordinator or admin.
 */

export interface AgreementRef {
  parties: OrganizationRef[];
  status: 'draft' | 'in_force' | 'ended' | 'renewed';
}

const EDITORS = ['coordinator', 'admin'] as const;

function inAParty(actor: Actor | null, agreement: AgreementRef): boolean {
  return agreement.parties.some((party) => hasRole(actor, party, ROLES));
}

/** Reading the agreement: public unless it is a draft. */
export function canViewAgreement(actor: Actor | null, agreement: AgreementRef): boolean {
  return agreement.status !== 'draft' || inAParty(actor, agreement);
}

/** Reading and downloading its documents: people of the parties. */
export function canViewDocuments(actor: Actor | null, agreement: AgreementRef): boolean {
  return inAParty(actor, agreement);
}

/** Creating an agreement with this organization as a party. */
export function canCreateAgreementFor(actor: Actor | null, organization: OrganizationRef): boolean {
  return hasRole(actor, organization, EDITORS);
}

/** Editing the agreement, adding areas, targets and documents: coordinators and admins of a party. */
export function canEditAgreement(actor: Actor | null, agreement: AgreementRef): boolean {
  return agreement.parties.some((party) => hasRole(actor, party, EDITORS));
}

/** Everything an agreement page may offer its viewer. */
export function agreementAbilities(actor: Actor | null, agreement: AgreementRef) {
  return { edit: canEditAgreement(actor, agreement), viewDocuments: canViewDocuments(actor, agreement) };
}
export type AgreementAbilities = ReturnType<typeof agreementAbilities>;
