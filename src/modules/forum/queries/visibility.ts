import type { Actor } from '../../../core/authorization.ts';
import { inReachSql, reachParams } from '../../../core/reach-sql.ts';
import { IdRow } from '../../../core/rows.ts';
import { many, type Queryable } from '../../../db/database.ts';

/** The parts of an actor the visibility SQL needs, as query parameters. */
export function viewerScope(actor: Actor | null): { isAdmin: boolean; grantOrgIds: number[]; officialOrgIds: number[] } {
  // Officials are those holding an inherited role (core/reach-sql.ts): they reach sub-organizations too.
  const { grantOrgIds, inheritedOrgIds } = reachParams(actor);
  return { isAdmin: actor?.isPlatformAdmin ?? false, grantOrgIds, officialOrgIds: inheritedOrgIds };
}

/**
 * An SQL condition "this category id is one the viewer may read", for other queries (search, API) to embed.
 * `categoryColumn` is the column holding a category id (e.g. "t.categoryId"); the condition uses three
 * parameters starting at $firstParam; append `params` to your own. Mirrors policy.canReadCategory.
 */
export function visibleCategoryCondition(
  categoryColumn: string,
  firstParam: number,
  actor: Actor | null,
): { sql: string; params: unknown[] } {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(categoryColumn)) throw new Error('categoryColumn must be a plain column name');
  const scope = viewerScope(actor);
  const admin = `$${firstParam}::boolean`;
  const grants = `$${firstParam + 1}`;
  const officials = `$${firstParam + 2}`;
  // Members' categories: reached (a grant there, or an inherited role above), or a grant in a sub-organization.
  // Officials' categories: an inherited role there or above.
  const sql = `${categoryColumn} IN (
    SELECT vc.id FROM forum_categories vc JOIN organizations vo ON vo.id = vc.organization_id
    WHERE vc.visibility = 'public' OR ${admin}
       OR (vc.visibility = 'members' AND (${inReachSql('vo.id', 'vo.ancestor_ids', grants, officials)}
            OR EXISTS (SELECT 1 FROM organizations vs WHERE vs.id = ANY(${grants}::bigint[]) AND vo.id = ANY(vs.ancestor_ids))))
       OR (vc.visibility = 'officials' AND ${inReachSql('vo.id', 'vo.ancestor_ids', officials, officials)}))`;
  return { sql, params: [scope.isAdmin, scope.grantOrgIds, scope.officialOrgIds] };
}

/** The ids of every category the viewer may read (one query). */
export async function visibleCategoryIds(db: Queryable, actor: Actor | null): Promise<number[]> {
  const condition = visibleCategoryCondition('c.id', 1, actor);
  const rows = await many(db, IdRow, `SELECT c.id FROM forum_categories c WHERE ${condition.sql} ORDER BY c.id`, condition.params);
  return rows.map((r) => r.id);
}

/** SQL expression: does the viewer hold a role in organization `orgColumn` or one of its sub-organizations? */
export function inSubtreeSql(orgColumn: string, grantsParam: string): string {
  return `(${orgColumn} = ANY(${grantsParam}) OR EXISTS (SELECT 1 FROM organizations vs WHERE vs.id = ANY(${grantsParam}) AND ${orgColumn} = ANY(vs.ancestor_ids)))`;
}

/** SQL expression: is the user (bigint parameter `userParam`) suspended now in organization `o` or one above it? */
export function viewerSuspendedSql(userParam: string): string {
  return `EXISTS (SELECT 1 FROM forum_suspensions s WHERE s.user_id = ${userParam} AND s.lifted_at IS NULL AND s.starts_at <= now() AND s.ends_at > now()
    AND (s.organization_id = o.id OR s.organization_id = ANY(o.ancestor_ids)))`;
}
