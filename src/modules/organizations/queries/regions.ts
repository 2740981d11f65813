import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { oneOrThrow } from '../../../core/rows.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import { buildRegionTree } from '../domain/region-tree.ts';

export const REGION_KINDS = ['country', 'province', 'county', 'district'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** A region with its place in the tree. */
export interface Region {
  id: number;
  parentId: number | null;
  kind: RegionKind;
  code: string;
  name: LocalizedText;
  /** Every ancestor's id, root first. */
  ancestorIds: number[];
}

/** A region in the nested tree, children sorted by English name then code. */
export interface RegionNode extends Region {
  children: RegionNode[];
}

/** Every region, roots first, each with its ancestors' ids. */
export function listRegions(db: Queryable): Promise<Region[]> {
  return many<Region>(
    db,
    `SELECT id, parent_id AS "parentId", kind, code, name, ancestor_ids AS "ancestorIds"
       FROM regions ORDER BY cardinality(ancestor_ids), name->>'en', code`,
  );
}

/** The regions as a nested tree (countries at the top). */
export async function regionTree(db: Queryable): Promise<RegionNode[]> {
  return buildRegionTree(await listRegions(db));
}

/** The region and every region below it (a province and its counties). Empty when the region does not exist. */
export async function descendantRegionIds(db: Queryable, regionId: number): Promise<number[]> {
  const rows = await many<{ id: number }>(db, `SELECT id FROM regions WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [regionId]);
  return rows.map((r) => r.id);
}

/** Finds a region by id. */
export function findRegion(db: Queryable, id: number): Promise<Region | undefined> {
  return one<Region>(db, `SELECT id, parent_id AS "parentId", kind, code, name, ancestor_ids AS "ancestorIds" FROM regions WHERE id = $1`, [id]);
}

/** Adds a region under a parent (or at the top); ancestor_ids follows from the parent's. */
export async function insertRegion(db: Queryable, input: { parentId: number | null; kind: RegionKind; code: string; name: LocalizedText }): Promise<Region> {
  const rows = await many<Region>(
    db,
    `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}'))
     RETURNING id, parent_id AS "parentId", kind, code, name, ancestor_ids AS "ancestorIds"`,
    [input.parentId, input.kind, input.code, JSON.stringify(input.name)],
  );
  return oneOrThrow(rows, 'region');
}

/** True when a region already has this code. */
export async function regionCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const rows = await many<{ taken: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM regions WHERE code = $1) AS taken`, [code]);
  return oneOrThrow(rows).taken;
}
