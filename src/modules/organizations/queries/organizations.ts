import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import type { Lang, LocalizedText } from '../../../core/i18n.ts';
import { CountRow, DayColumn, IdRow, IdsColumn, LocalizedTextColumn, oneOrThrow } from '../../../core/rows.ts';
import { orderForSelect, type OrganizationOption } from '../domain/organization-tree.ts';

export const ORGANIZATION_KINDS = [
  'labour_federation',
  'trade_union',
  'youth_union',
  'labour_office',
  'enterprise_union',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** What other modules need to know about an organization. */
const OrganizationSummary = z.object({
  id: z.number(),
  slug: z.string(),
  /** Names by language; show with pickLocalized(name, lang). */
  name: LocalizedTextColumn,
  ancestorIds: IdsColumn,
  parentId: z.number().nullable(),
  regionId: z.number().nullable(),
  kind: z.enum(ORGANIZATION_KINDS),
});
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

/** An organization with everything its own page shows. */
const OrganizationDetail = OrganizationSummary.extend({
  description: LocalizedTextColumn,
  /** IANA time zone its deadline reminders follow (e.g. Asia/Tehran). */
  timeZone: z.string(),
  createdAt: z.date(),
});
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

const SUMMARY_COLUMNS = `o.id, o.slug, o.name, o.ancestor_ids AS "ancestorIds", o.parent_id AS "parentId", o.region_id AS "regionId", o.kind`;

/** Finds an organization by its slug (the public address); undefined when there is none. */
export function findOrganizationBySlug(db: Queryable, slug: string): Promise<OrganizationSummary | undefined> {
  return one(db, OrganizationSummary, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.slug = $1`, [slug]);
}

/** Finds an organization by id; undefined when there is none. */
export function findOrganizationById(db: Queryable, id: number): Promise<OrganizationSummary | undefined> {
  return one(db, OrganizationSummary, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.id = $1`, [id]);
}

/**
 * Loads several organizations at once, by id order (the parties of an agreement, the attending organizations of a
 * meeting, a program's partners): one query for the whole list. Unknown ids are left out, so
 * `rows.length === new Set(ids).size` tells whether every id exists.
 */
export function findOrganizationsByIds(db: Queryable, ids: readonly number[]): Promise<OrganizationSummary[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many(db, OrganizationSummary, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.id = ANY($1::bigint[]) ORDER BY o.id`, [
    ids,
  ]);
}

/** Every organization by slug, at most `limit` of them (choices such as a program's partners). */
export function listAllOrganizations(db: Queryable, limit = 1000): Promise<OrganizationSummary[]> {
  return many(db, OrganizationSummary, `SELECT ${SUMMARY_COLUMNS} FROM organizations o ORDER BY o.slug LIMIT $1`, [limit]);
}

/** How many organizations the platform has. */
export async function countOrganizations(db: Queryable): Promise<number> {
  const rows = await many(db, CountRow, `SELECT count(*)::int AS n FROM organizations`);
  return oneOrThrow(rows).n;
}

/** Ids of every organization that is one of these or below one of them (roles above member reach sub-organizations). */
export async function organizationIdsAtOrBelow(db: Queryable, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await many(
    db,
    IdRow,
    `SELECT id FROM organizations WHERE id = ANY($1::bigint[]) OR ancestor_ids && $1::bigint[] ORDER BY id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** The organization with its description, for its own page and its edit form. */
export function findOrganizationDetail(db: Queryable, slug: string): Promise<OrganizationDetail | undefined> {
  return one(
    db,
    OrganizationDetail,
    `SELECT ${SUMMARY_COLUMNS}, o.description, o.time_zone AS "timeZone", o.created_at AS "createdAt" FROM organizations o WHERE o.slug = $1`,
    [slug],
  );
}

/** The organization and every organization below it. */
export async function descendantOrganizationIds(db: Queryable, organizationId: number): Promise<number[]> {
  const rows = await many(db, IdRow, `SELECT id FROM organizations WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [
    organizationId,
  ]);
  return rows.map((r) => r.id);
}

/** Every organization as [id, localized name] for a select, parents before their children, with depth for indenting. */
export async function listOrganizationsForSelect(db: Queryable, lang: Lang): Promise<OrganizationOption[]> {
  const rows = await many(
    db,
    z.object({ id: z.number(), slug: z.string(), name: LocalizedTextColumn, parentId: z.number().nullable() }),
    `SELECT id, slug, name, parent_id AS "parentId" FROM organizations`,
  );
  return orderForSelect(rows, lang);
}

// ---------------------------------------------------------------- directory

/** What the directory is narrowed to, and which page of it. */
export interface DirectoryFilter {
  /** Region ids to match (a region and its sub-regions), or null for all. */
  regionIds: number[] | null;
  kind: OrganizationKind | null;
  /** Only the direct sub-organizations of this organization, or null for all. */
  parentId: number | null;
  limit: number;
  offset: number;
}

/** One organization as the directory lists it. */
const DirectoryRow = z.object({
  id: z.number(),
  slug: z.string(),
  name: LocalizedTextColumn,
  kind: z.enum(ORGANIZATION_KINDS),
  regionName: LocalizedTextColumn.nullable(),
  parentName: LocalizedTextColumn.nullable(),
  memberCount: z.number(),
});
export type DirectoryRow = z.infer<typeof DirectoryRow>;

const DIRECTORY_WHERE = `($1::bigint[] IS NULL OR o.region_id = ANY($1::bigint[])) AND ($2::text IS NULL OR o.kind = $2) AND ($3::bigint IS NULL OR o.parent_id = $3)`;

/**
 * One page of the directory (sorted by name in the page's language) and the total that match.
 * The page is chosen first; names of regions and parents and member counts are read for its rows only.
 */
export async function listDirectory(db: Queryable, filter: DirectoryFilter, lang: Lang): Promise<{ rows: DirectoryRow[]; total: number }> {
  const params = [filter.regionIds, filter.kind, filter.parentId];
  const [rows, count] = await Promise.all([
    many(
      db,
      DirectoryRow,
      `WITH page AS (
         SELECT o.id, o.slug, o.name, o.kind, o.region_id, o.parent_id,
                COALESCE(NULLIF(o.name->>$4, ''), o.name->>'en', o.name->>'vi', o.name->>'fa') AS sort_name
           FROM organizations o
          WHERE ${DIRECTORY_WHERE}
          ORDER BY sort_name, o.id
          LIMIT $5 OFFSET $6)
       SELECT page.id, page.slug, page.name, page.kind, r.name AS "regionName", p.name AS "parentName",
              (SELECT count(DISTINCT m.user_id) FROM memberships m WHERE m.organization_id = page.id)::int AS "memberCount"
         FROM page
         LEFT JOIN regions r ON r.id = page.region_id
         LEFT JOIN organizations p ON p.id = page.parent_id
        ORDER BY page.sort_name, page.id`,
      [...params, lang, filter.limit, filter.offset],
    ),
    many(db, CountRow, `SELECT count(*)::int AS n FROM organizations o WHERE ${DIRECTORY_WHERE}`, params),
  ]);
  return { rows, total: oneOrThrow(count).n };
}

// ---------------------------------------------------------------- one organization

const ChildRow = z.object({ slug: z.string(), name: LocalizedTextColumn, kind: z.enum(ORGANIZATION_KINDS) });

/** The organization's first direct sub-organizations (by name in the language) and how many there are in all. */
export async function listChildren(
  db: Queryable,
  organizationId: number,
  lang: Lang,
  limit: number,
): Promise<{ rows: Array<z.infer<typeof ChildRow>>; total: number }> {
  const [rows, count] = await Promise.all([
    many(
      db,
      ChildRow,
      `SELECT slug, name, kind FROM organizations WHERE parent_id = $1
        ORDER BY COALESCE(NULLIF(name->>$2, ''), name->>'en', name->>'vi', name->>'fa'), id LIMIT $3`,
      [organizationId, lang, limit],
    ),
    many(db, CountRow, `SELECT count(*)::int AS n FROM organizations WHERE parent_id = $1`, [organizationId]),
  ]);
  return { rows, total: oneOrThrow(count).n };
}

/** True when another organization (not `exceptId`) already has this slug. */
export async function slugTaken(db: Queryable, slug: string, exceptId: number | null = null): Promise<boolean> {
  const rows = await many(
    db,
    z.object({ taken: z.boolean() }),
    `SELECT EXISTS (SELECT 1 FROM organizations WHERE slug = $1 AND id IS DISTINCT FROM $2) AS taken`,
    [slug, exceptId],
  );
  return oneOrThrow(rows).taken;
}

/** An organization's settings as stored (from the create and edit forms). */
export interface OrganizationInput {
  slug: string;
  kind: OrganizationKind;
  regionId: number | null;
  name: LocalizedText;
  description: LocalizedText;
  /** null: the zone of its region's country, else its parent's, else UTC (the table's trigger); on edit, unchanged. */
  timeZone: string | null;
}

/** Inserts an organization under a parent (or at the top), with ancestor_ids taken from the parent. */
export async function insertOrganization(db: Queryable, parentId: number | null, input: OrganizationInput): Promise<OrganizationSummary> {
  const rows = await many(
    db,
    OrganizationSummary,
    `INSERT INTO organizations AS o (slug, kind, parent_id, region_id, name, description, ancestor_ids, time_zone)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE((SELECT ancestor_ids || id FROM organizations WHERE id = $3), '{}'), $7)
     RETURNING ${SUMMARY_COLUMNS}`,
    [input.slug, input.kind, parentId, input.regionId, JSON.stringify(input.name), JSON.stringify(input.description), input.timeZone],
  );
  return oneOrThrow(rows, 'organization');
}

/** Updates an organization's settings (its place in the tree does not change here). */
export async function updateOrganization(db: Queryable, id: number, input: OrganizationInput): Promise<void> {
  await db.query(
    `UPDATE organizations SET slug = $2, kind = $3, region_id = $4, name = $5, description = $6, time_zone = COALESCE($7, time_zone)
      WHERE id = $1`,
    [id, input.slug, input.kind, input.regionId, JSON.stringify(input.name), JSON.stringify(input.description), input.timeZone],
  );
}

/**
 * The organizations where, at `now`, the local time (in each one's time zone) is `localTime` ("08:00") or later,
 * each with its local calendar day: whose deadline reminders of the day are due. One query for all of them.
 */
export function organizationsPastLocalTime(
  db: Queryable,
  now: Date,
  localTime: string,
): Promise<Array<{ organizationId: number; localDate: string }>> {
  return many(
    db,
    z.object({ organizationId: z.number(), localDate: DayColumn }),
    `SELECT o.id AS "organizationId", to_char(($1::timestamptz AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS "localDate"
       FROM organizations o
      WHERE ($1::timestamptz AT TIME ZONE o.time_zone)::time >= $2::time`,
    [now, localTime],
  );
}
