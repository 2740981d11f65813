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
    (g) =>
      roles.includes(g.role) &&
      (g.organizationId === org.id || (INHERITED_ROLES.has(g.role) && org.ancestorIds.includes(g.organizationId))),
  );
}

/** What a policy needs to know about a region: its id and every ancestor's, root first. */
export interface RegionRef {
  id: number;
  ancestorIds: number[];
}

/**
 * True when a grant's region limit (if any) is the region or one of its ancestors. A limited grant reaches
 * no subject without a region: a county official does not answer for the whole organization's area.
 */
export function grantReaches(grant: Grant, region: RegionRef | null): boolean {
  if (grant.regionId === null) return true;
  return region !== null && (grant.regionId === region.id || region.ancestorIds.includes(grant.regionId));
}

/** True when the actor holds one of the roles in one of the organizations through a grant that reaches the region. */
export function hasRoleInRegion(
  actor: Actor | null,
  orgs: readonly OrganizationRef[],
  roles: readonly Role[],
  region: RegionRef | null,
): boolean {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return orgs.some((org) => grantsIn(actor, org, roles).some((g) => grantReaches(g, region)));
}
