import { hasRole, type Actor, type OrganizationRef } from '../../core/authorization.ts';

/**
 * Who may do what with an organization. Pure functions, deny by default.
 * Roles held in a parent organization reach its sub-organizations (every role except 'member'),
 * so a federation's admin manages its enterprise unions too; platform administrators may do everything.
 */

/** The member list: the organization's admins and coordinators (read only for coordinators). */
export function canViewMembers(actor: Actor | null, org: OrganizationRef): boolean {
  return hasRole(actor, org, ['admin', 'coordinator']);
}

/** Inviting people, changing roles, removing members, revoking invitations: admins only. */
export function canManageMembers(actor: Actor | null, org: OrganizationRef): boolean {
  return hasRole(actor, org, ['admin']);
}

/** Changing the organization's names, description, kind, region and address: admins only. */
export function canEditOrganization(actor: Actor | null, org: OrganizationRef): boolean {
  return hasRole(actor, org, ['admin']);
}

/** Creating a sub-organization under this one: its admins (or an ancestor's). */
export function canCreateChild(actor: Actor | null, org: OrganizationRef): boolean {
  return hasRole(actor, org, ['admin']);
}

/** Reading the organization's audit log: admins only. */
export function canReadAudit(actor: Actor | null, org: OrganizationRef): boolean {
  return hasRole(actor, org, ['admin']);
}

/** Creating an organization with no parent: platform administrators only. */
export function canCreateTopLevel(actor: Actor | null): boolean {
  return actor?.isPlatformAdmin === true;
}

/** Everything one organization page may offer its viewer, computed once for the views. */
export function organizationAbilities(actor: Actor | null, org: OrganizationRef) {
  return {
    viewMembers: canViewMembers(actor, org),
    manageMembers: canManageMembers(actor, org),
    edit: canEditOrganization(actor, org),
    createChild: canCreateChild(actor, org),
    readAudit: canReadAudit(actor, org),
  };
}
export type OrganizationAbilities = ReturnType<typeof organizationAbilities>;
