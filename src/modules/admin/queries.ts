import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import { oneOrThrow } from '../../core/rows.ts';
import { buildRegionTree } from './domain/region-tree.ts';

/** Numbers for the overview page. */
export async function platformCounts(db: Queryable): Promise<{ users: number; organizations: number; regions: number; heldMail: number; auditLastWeek: number }> {
  const row = await one<{ users: number; organizations: number; regions: number; heldMail: number; auditLastWeek: number }>(
    db,
    `SELECT (SELECT count(*) FROM users)::int AS users,
            (SELECT count(*) FROM organizations)::int AS organizations,
            (SELECT count(*) FROM regions)::int AS regions,
            (SELECT count(*) FROM mail_messages WHERE status = 'held')::int AS "heldMail",
            (SELECT count(*) FROM audit_log WHERE at > now() - interval '7 days')::int AS "auditLastWeek"`,
  );
  return row!;
}

export interface OutboxRow {
  id: number;
  createdAt: Date;
  recipient: string;
  subject: string;
  bodyText: string;
  status: 'sent' | 'held' | 'failed';
  error: string | null;
}

/** One page of the mail outbox, newest first (limit + 1 rows read to know whether more exist). */
export async function listOutbox(db: Queryable, options: { before: number | null; limit: number }): Promise<{ rows: OutboxRow[]; nextBefore: number | null }> {
  const rows = await many<OutboxRow>(
    db,
    `SELECT id, created_at AS "createdAt", recipient, subject, body_text AS "bodyText", status, error
       FROM mail_messages WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [options.before, options.limit + 1],
  );
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null };
}

// ---------------------------------------------------------------- regions (this module owns the table)

export const REGION_KINDS = ['country', 'province', 'county', 'district'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** A region with its place in the tree. */
export interface Region {
  id: number;
  parentId: number | null;
  kind: RegionKind;
  code: string;
  /** Names by language; show with pickLocalized(name, lang). */
  name: LocalizedText;
  /** Every ancestor's id, root first. */
  ancestorIds: number[];
}

/** A region in the nested tree, children sorted by English name then code. */
export interface RegionNode extends Region {
  children: RegionNode[];
}

const REGION_COLUMNS = `id, parent_id AS "parentId", kind, code, name, ancestor_ids AS "ancestorIds"`;

/** Every region, roots first, each with its ancestors' ids. */
export function listRegions(db: Queryable): Promise<Region[]> {
  return many<Region>(db, `SELECT ${REGION_COLUMNS} FROM regions ORDER BY cardinality(ancestor_ids), name->>'en', code`);
}

/** The regions as a nested tree (countries at the top). */
export async function regionTree(db: Queryable): Promise<RegionNode[]> {
  return buildRegionTree(await listRegions(db));
}

/** Finds a region by id. */
export function findRegion(db: Queryable, id: number): Promise<Region | undefined> {
  return one<Region>(db, `SELECT ${REGION_COLUMNS} FROM regions WHERE id = $1`, [id]);
}

/** The regions with these ids (missing ids are left out), shallowest first, then by code: one query for a list. */
export function findRegionsByIds(db: Queryable, ids: readonly number[]): Promise<Region[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many<Region>(db, `SELECT ${REGION_COLUMNS} FROM regions WHERE id = ANY($1::bigint[]) ORDER BY cardinality(ancestor_ids), code`, [ids]);
}

/** A region and every region below it, shallowest first (at most `limit`); every region when regionId is null. */
export function regionsAtOrBelow(db: Queryable, regionId: number | null, limit = 500): Promise<Region[]> {
  return many<Region>(
    db,
    `SELECT ${REGION_COLUMNS} FROM regions WHERE $1::bigint IS NULL OR id = $1 OR $1 = ANY(ancestor_ids)
      ORDER BY cardinality(ancestor_ids), code LIMIT $2`,
    [regionId, limit],
  );
}

/** The region and every region below it (a province and its counties). Empty when the region does not exist. */
export async function descendantRegionIds(db: Queryable, regionId: number): Promise<number[]> {
  const rows = await many<{ id: number }>(db, `SELECT id FROM regions WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [regionId]);
  return rows.map((r) => r.id);
}

/** Adds a region under a parent (or at the top); ancestor_ids follows from the parent's. */
export async function insertRegion(db: Queryable, input: { parentId: number | null; kind: RegionKind; code: string; name: LocalizedText }): Promise<Region> {
  const rows = await many<Region>(
    db,
    `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}'))
     RETURNING ${REGION_COLUMNS}`,
    [input.parentId, input.kind, input.code, JSON.stringify(input.name)],
  );
  return oneOrThrow(rows, 'region');
}

/** Whether a region already has this code. */
export async function regionCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const rows = await many<{ taken: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM regions WHERE code = $1) AS taken`, [code]);
  return oneOrThrow(rows).taken;
}
