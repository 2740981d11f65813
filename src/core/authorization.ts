/** Roles a person can hold in an organization, from least to most trusted. */
export const ROLES = ['member', 'official', 'coordinator', 'moderator', 'welfare_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that reach down into every sub-organization: a provincial federation's coordinator coordinates
 * its enterprise unions too. Membership ('member') does not: a worker belongs to the union they joined.
 */
export const INHERITED_ROLES: ReadonlySet<Role> = new Set<Role>(['official', 'coordinator', 'moderator', 'welfare_officer', 'admin']);

export interface Grant {
  organizationId: number;
  role: Role;
  /** An official may answer for one region (a county) only; null means the organization's whole area. */
  regionId: number | null;
}

/** Who is acting: the signed-in person and every role they hold. */
export interface Actor {
  userId: number;
  isPlatformAdmin: boolean;
  grants: Grant[];
}

/** What a policy needs to know about an organization. */
export interface OrganizationRef {
  id: number;
  ancestorIds: number[];
}

/** The roles an actor holds in an organization, directly or reached from a parent organization. */
export function rolesIn(actor: Actor | null, org: OrganizationRef): Set<Role> {
  const roles = new Set<Role>();
  if (!actor) return roles;
  for (const grant of actor.grants) {
    if (grant.organizationId === org.id) roles.add(grant.role);
    else if (INHERITED_ROLES.has(grant.role) && org.ancestorIds.includes(grant.organizationId)) roles.add(grant.role);
  }
  return roles;
}

/** True when the actor holds any of the roles in the organization (platform administrators hold all). */
export function hasRole(actor: Actor | null, org: OrganizationRef, roles: readonly Role[]): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  const held = rolesIn(actor, org);
  return roles.some((role) => held.has(role));
}

/** The grants that give the actor one of these roles in the organization (to read their region limits). */
export function grantsIn(actor: Actor | null, org: OrganizationRef, roles: readonly Role[]): Grant[] {
  if (!actor) return [];
  return actor.grants.filter(
    (g) => roles.includes(g.role) && (g.organizationId === org.id || (INHERITED_ROLES.has(g.role) && org.ancestorIds.includes(g.organizationId))),
  );
}
