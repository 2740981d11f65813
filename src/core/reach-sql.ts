import { INHERITED_ROLES, type Actor } from './authorization.ts';

/**
 * "Roles above member reach sub-organizations" (INHERITED_ROLES in core/authorization.ts) as SQL, generated
 * from that one set so the policies and the queries can never disagree. Organizations and memberships are
 * platform tables (the organizations module owns their writes); these fragments are the one way other modules'
 * queries ask "which organizations does this person reach?".
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const PARAM = /^\$[0-9]{1,2}$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`${what} must look like ${pattern.source}: ${value}`);
  return value;
}

/** The inherited roles as an SQL text[] literal (built from constants, never from input). */
export const INHERITED_ROLES_SQL = `ARRAY[${[...INHERITED_ROLES].map((role) => `'${role}'`).join(', ')}]::text[]`;

/**
 * A subquery of organization ids: where the user (the bigint parameter `userParam`, e.g. "$1") holds any role,
 * plus every organization below one where they hold an inherited role.
 */
export function reachedOrganizationsSql(userParam: string): string {
  const user = checked(userParam, PARAM, 'userParam');
  return `SELECT ro.id FROM organizations ro JOIN memberships rm ON rm.user_id = ${user}::bigint
   WHERE rm.organization_id = ro.id OR (rm.role = ANY(${INHERITED_ROLES_SQL}) AND ro.ancestor_ids @> ARRAY[rm.organization_id])`;
}

/** The actor's grants as two parameters for inReachSql: every organization with a grant, and those with an inherited one. */
export function reachParams(actor: Actor | null): { grantOrgIds: number[]; inheritedOrgIds: number[] } {
  if (!actor) return { grantOrgIds: [], inheritedOrgIds: [] };
  return {
    grantOrgIds: [...new Set(actor.grants.map((g) => g.organizationId))],
    inheritedOrgIds: [...new Set(actor.grants.filter((g) => INHERITED_ROLES.has(g.role)).map((g) => g.organizationId))],
  };
}

/**
 * An SQL condition: the organization whose id and ancestor_ids are in `orgColumn`/`ancestorsColumn` is reached by
 * the actor whose reachParams are in the bigint[] parameters `grantsParam` and `inheritedParam`.
 */
export function inReachSql(orgColumn: string, ancestorsColumn: string, grantsParam: string, inheritedParam: string): string {
  const org = checked(orgColumn, IDENTIFIER, 'orgColumn');
  const ancestors = checked(ancestorsColumn, IDENTIFIER, 'ancestorsColumn');
  return `(${org} = ANY(${checked(grantsParam, PARAM, 'grantsParam')}::bigint[]) OR ${ancestors} && ${checked(inheritedParam, PARAM, 'inheritedParam')}::bigint[])`;
}
