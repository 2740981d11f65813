import { z } from 'zod';
import { many, one, type Queryable } from '../db/database.ts';
import { pickLocalized, type Lang, type LocalizedText } from './i18n.ts';
import { IdRow, IdsColumn, LocalizedTextColumn, oneOrThrow } from './rows.ts';

/**
 * Regions (country → province → county → district) are a platform table: organizations, programs, meetings and
 * the administrator's pages all read them, and their one set of queries and tree helpers is here. Administrators
 * add regions (the admin module's create-region command calls insertRegion).
 */

export const REGION_KINDS = ['country', 'province', 'county', 'district'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** A region with its place in the tree. */
const Region = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(REGION_KINDS),
  code: z.string(),
  /** Names by language; show with pickLocalized(name, lang). */
  name: LocalizedTextColumn,
  /** Every ancestor's id, root first. */
  ancestorIds: IdsColumn,
});
export type Region = z.infer<typeof Region>;

/** A region in the nested tree, children sorted by English name then code. */
export interface RegionNode extends Region {
  children: RegionNode[];
}

const REGION_COLUMNS = `id, parent_id AS "parentId", kind, code, name, ancestor_ids AS "ancestorIds"`;

/** Every region, roots first, each with its ancestors' ids. */
export function listRegions(db: Queryable): Promise<Region[]> {
  return many(db, Region, `SELECT ${REGION_COLUMNS} FROM regions ORDER BY cardinality(ancestor_ids), name->>'en', code`);
}

/** The regions as a nested tree (countries at the top). */
export async function regionTree(db: Queryable): Promise<RegionNode[]> {
  return buildRegionTree(await listRegions(db));
}

/** Finds a region by id. */
export function findRegion(db: Queryable, id: number): Promise<Region | undefined> {
  return one(db, Region, `SELECT ${REGION_COLUMNS} FROM regions WHERE id = $1`, [id]);
}

/** The regions with these ids (missing ids are left out), shallowest first, then by code: one query for a list. */
export function findRegionsByIds(db: Queryable, ids: readonly number[]): Promise<Region[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many(db, Region, `SELECT ${REGION_COLUMNS} FROM regions WHERE id = ANY($1::bigint[]) ORDER BY cardinality(ancestor_ids), code`, [
    ids,
  ]);
}

/** A region and every region below it, shallowest first (at most `limit`); every region when regionId is null. */
export function regionsAtOrBelow(db: Queryable, regionId: number | null, limit = 500): Promise<Region[]> {
  return many(
    db,
    Region,
    `SELECT ${REGION_COLUMNS} FROM regions WHERE $1::bigint IS NULL OR id = $1 OR $1 = ANY(ancestor_ids)
      ORDER BY cardinality(ancestor_ids), code LIMIT $2`,
    [regionId, limit],
  );
}

/** The region and every region below it (a province and its counties). Empty when the region does not exist. */
export async function descendantRegionIds(db: Queryable, regionId: number): Promise<number[]> {
  const rows = await many(db, IdRow, `SELECT id FROM regions WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [regionId]);
  return rows.map((r) => r.id);
}

/** Adds a region under a parent (or at the top); ancestor_ids follows from the parent's. */
export async function insertRegion(
  db: Queryable,
  input: { parentId: number | null; kind: RegionKind; code: string; name: LocalizedText },
): Promise<Region> {
  const rows = await many(
    db,
    Region,
    `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}'))
     RETURNING ${REGION_COLUMNS}`,
    [input.parentId, input.kind, input.code, JSON.stringify(input.name)],
  );
  return oneOrThrow(rows, 'region');
}

/** Whether a region already has this code. */
export async function regionCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const rows = await many(db, z.object({ taken: z.boolean() }), `SELECT EXISTS (SELECT 1 FROM regions WHERE code = $1) AS taken`, [code]);
  return oneOrThrow(rows).taken;
}

/** Builds the nested tree from a flat list of regions (a region whose parent is not in the list is a root). */
export function buildRegionTree(regions: readonly Region[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>();
  for (const r of regions) nodes.set(r.id, { ...r, children: [] });
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Flattens the region tree depth-first, for selects: [{ region, depth }]. */
export function flattenRegionTree(tree: readonly RegionNode[], depth = 0, into: Array<{ region: Region; depth: number }> = []) {
  for (const node of tree) {
    into.push({ region: node, depth });
    flattenRegionTree(node.children, depth + 1, into);
  }
  return into;
}

/** Regions as select options, children indented under their parent, names in the page's language. */
export function regionOptions(lang: Lang, flat: Array<{ region: Region; depth: number }>): Array<[string, string]> {
  return flat.map(({ region, depth }) => [
    String(region.id),
    `${'\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '– ' : ''}${pickLocalized(region.name, lang)}`,
  ]);
}
