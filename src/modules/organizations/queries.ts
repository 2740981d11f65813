import type { Queryable } from '../../db/database.ts';
import { many, one } from '../../db/database.ts';
import type { Role } from '../../core/authorization.ts';
import { pickLocalized, type Lang, type LocalizedText } from '../../core/i18n.ts';

export const ORGANIZATION_KINDS = ['labour_federation', 'trade_union', 'youth_union', 'labour_office', 'enterprise_union', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const REGION_KINDS = ['country', 'province', 'county', 'district'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** What other modules need to know about an organization. */
export interface OrganizationSummary {
  id: number;
  slug: string;
  /** Names by language; show with pickLocalized(name, lang). */
  name: LocalizedText;
  ancestorIds: number[];
  parentId: number | null;
  regionId: number | null;
  kind: OrganizationKind;
}

/** An organization with everything its own page shows. */
export interface OrganizationDetail extends OrganizationSummary {
  description: LocalizedText;
  createdAt: Date;
}

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

const SUMMARY_COLUMNS = `o.id, o.slug, o.name, o.ancestor_ids AS "ancestorIds", o.parent_id AS "parentId", o.region_id AS "regionId", o.kind`;

/** Finds an organization by its slug (the public address); undefined when there is none. */
export function findOrganizationBySlug(db: Queryable, slug: string): Promise<OrganizationSummary | undefined> {
  return one<OrganizationSummary>(db, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.slug = $1`, [slug]);
}

/** Finds an organization by id; undefined when there is none. */
export function findOrganizationById(db: Queryable, id: number): Promise<OrganizationSummary | undefined> {
  return one<OrganizationSummary>(db, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.id = $1`, [id]);
}

/**
 * Loads several organizations at once, by id order (the parties of an agreement, the attending organizations of a
 * meeting, a program's partners): one query for the whole list. Unknown ids are left out, so
 * `rows.length === new Set(ids).size` tells whether every id exists.
 */
export function findOrganizationsByIds(db: Queryable, ids: readonly number[]): Promise<OrganizationSummary[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return many<OrganizationSummary>(db, `SELECT ${SUMMARY_COLUMNS} FROM organizations o WHERE o.id = ANY($1::bigint[]) ORDER BY o.id`, [ids]);
}

/** Every organization by slug, at most `limit` of them (choices such as a program's partners). */
export function listAllOrganizations(db: Queryable, limit = 1000): Promise<OrganizationSummary[]> {
  return many<OrganizationSummary>(db, `SELECT ${SUMMARY_COLUMNS} FROM organizations o ORDER BY o.slug LIMIT $1`, [limit]);
}

/** How many organizations the platform has. */
export async function countOrganizations(db: Queryable): Promise<number> {
  const row = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM organizations`);
  return row?.n ?? 0;
}

/** Ids of every organization that is one of these or below one of them (roles above member reach sub-organizations). */
export async function organizationIdsAtOrBelow(db: Queryable, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await many<{ id: number }>(db, `SELECT id FROM organizations WHERE id = ANY($1::bigint[]) OR ancestor_ids && $1::bigint[] ORDER BY id`, [ids]);
  return rows.map((r) => r.id);
}

/** Someone holding a role in an organization, as other modules list them (assignees, attendees). */
export interface OrganizationPerson {
  id: number;
  name: string;
  email: string | null;
}

/** People holding any role in these organizations themselves (who may be given a task or linked as an attendee), by name. */
export function listPeopleOfOrganizations(db: Queryable, organizationIds: readonly number[], limit = 1000): Promise<OrganizationPerson[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many<OrganizationPerson>(
    db,
    `SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN memberships ms ON ms.user_id = u.id
      WHERE ms.organization_id = ANY($1::bigint[]) ORDER BY u.name, u.id LIMIT $2`,
    [organizationIds, limit],
  );
}

/**
 * People holding official, coordinator or admin in these organizations or in one above them (candidates for a
 * program's "responsible official"), by name.
 */
export function listOfficialsOfOrganizations(db: Queryable, organizationIds: readonly number[], limit = 500): Promise<OrganizationPerson[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many<OrganizationPerson>(
    db,
    `SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE m.role IN ('official', 'coordinator', 'admin')
        AND (m.organization_id = ANY($1::bigint[])
             OR m.organization_id IN (SELECT unnest(ancestor_ids) FROM organizations WHERE id = ANY($1::bigint[])))
      ORDER BY u.name, u.id LIMIT $2`,
    [organizationIds, limit],
  );
}

/** The organization with its description, for its own page and its edit form. */
export function findOrganizationDetail(db: Queryable, slug: string): Promise<OrganizationDetail | undefined> {
  return one<OrganizationDetail>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, o.description, o.created_at AS "createdAt" FROM organizations o WHERE o.slug = $1`,
    [slug],
  );
}

/** The organization and every organization below it. */
export async function descendantOrganizationIds(db: Queryable, organizationId: number): Promise<number[]> {
  const rows = await many<{ id: number }>(db, `SELECT id FROM organizations WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [organizationId]);
  return rows.map((r) => r.id);
}

/** Every organization as [id, localized name] for a select, parents before their children, with depth for indenting. */
export async function listOrganizationsForSelect(db: Queryable, lang: Lang): Promise<Array<{ id: number; slug: string; name: string; depth: number }>> {
  const rows = await many<{ id: number; slug: string; name: LocalizedText; ancestor_ids: number[]; parent_id: number | null }>(
    db,
    `SELECT id, slug, name, ancestor_ids, parent_id FROM organizations`,
  );
  const byParent = new Map<number | null, typeof rows>();
  for (const row of rows) {
    const list = byParent.get(row.parent_id) ?? [];
    list.push(row);
    byParent.set(row.parent_id, list);
  }
  const result: Array<{ id: number; slug: string; name: string; depth: number }> = [];
  const visit = (parentId: number | null, depth: number) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) => pickLocalized(a.name, lang).localeCompare(pickLocalized(b.name, lang), lang));
    for (const child of children) {
      result.push({ id: child.id, slug: child.slug, name: pickLocalized(child.name, lang), depth });
      visit(child.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

/** Every region, roots first, each with its ancestors' ids. */
export function listRegions(db: Queryable): Promise<Region[]> {
  return many<Region>(
    db,
    `SELECT id, parent_id AS "parentId", kind, code, name, to_json(ancestor_ids) AS "ancestorIds"
       FROM regions ORDER BY cardinality(ancestor_ids), name->>'en', code`,
  );
}

/** The regions as a nested tree (countries at the top). */
export async function regionTree(db: Queryable): Promise<RegionNode[]> {
  return buildRegionTree(await listRegions(db));
}

/** Builds the nested tree from a flat list of regions. */
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

/** The region and every region below it (a province and its counties). Empty when the region does not exist. */
export async function descendantRegionIds(db: Queryable, regionId: number): Promise<number[]> {
  const rows = await many<{ id: number }>(db, `SELECT id FROM regions WHERE id = $1 OR ancestor_ids @> ARRAY[$1::bigint] ORDER BY id`, [regionId]);
  return rows.map((r) => r.id);
}

/** Finds a region by id. */
export function findRegion(db: Queryable, id: number): Promise<Region | undefined> {
  return one<Region>(db, `SELECT id, parent_id AS "parentId", kind, code, name, to_json(ancestor_ids) AS "ancestorIds" FROM regions WHERE id = $1`, [id]);
}

/** Adds a region under a parent (or at the top); ancestor_ids follows from the parent's. */
export async function insertRegion(db: Queryable, input: { parentId: number | null; kind: RegionKind; code: string; name: LocalizedText }): Promise<Region> {
  const row = await one<Region>(
    db,
    `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
     VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}'))
     RETURNING id, parent_id AS "parentId", kind, code, name, to_json(ancestor_ids) AS "ancestorIds"`,
    [input.parentId, input.kind, input.code, JSON.stringify(input.name)],
  );
  return row!;
}

export async function regionCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const row = await one<{ taken: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM regions WHERE code = $1) AS taken`, [code]);
  return row!.taken;
}

// ---------------------------------------------------------------- directory

export interface DirectoryFilter {
  /** Region ids to match (a region and its sub-regions), or null for all. */
  regionIds: number[] | null;
  kind: OrganizationKind | null;
  /** Only the direct sub-organizations of this organization, or null for all. */
  parentId: number | null;
  limit: number;
  offset: number;
}

export interface DirectoryRow {
  id: number;
  slug: string;
  name: LocalizedText;
  kind: OrganizationKind;
  regionName: LocalizedText | null;
  parentName: LocalizedText | null;
  memberCount: number;
}

const DIRECTORY_WHERE = `($1::bigint[] IS NULL OR o.region_id = ANY($1::bigint[])) AND ($2::text IS NULL OR o.kind = $2) AND ($3::bigint IS NULL OR o.parent_id = $3)`;

/**
 * One page of the directory (sorted by name in the page's language) and the total that match.
 * The page is chosen first; names of regions and parents and member counts are read for its rows only.
 */
export async function listDirectory(db: Queryable, filter: DirectoryFilter, lang: Lang): Promise<{ rows: DirectoryRow[]; total: number }> {
  const params = [filter.regionIds, filter.kind, filter.parentId];
  const [rows, count] = await Promise.all([
    many<DirectoryRow>(
      db,
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
    one<{ n: number }>(db, `SELECT count(*)::int AS n FROM organizations o WHERE ${DIRECTORY_WHERE}`, params),
  ]);
  return { rows, total: count!.n };
}

// ---------------------------------------------------------------- one organization

/** The organization's first direct sub-organizations (by name in the language) and how many there are in all. */
export async function listChildren(
  db: Queryable,
  organizationId: number,
  lang: Lang,
  limit: number,
): Promise<{ rows: Array<{ slug: string; name: LocalizedText; kind: OrganizationKind }>; total: number }> {
  const [rows, count] = await Promise.all([
    many<{ slug: string; name: LocalizedText; kind: OrganizationKind }>(
      db,
      `SELECT slug, name, kind FROM organizations WHERE parent_id = $1
        ORDER BY COALESCE(NULLIF(name->>$2, ''), name->>'en', name->>'vi', name->>'fa'), id LIMIT $3`,
      [organizationId, lang, limit],
    ),
    one<{ n: number }>(db, `SELECT count(*)::int AS n FROM organizations WHERE parent_id = $1`, [organizationId]),
  ]);
  return { rows, total: count!.n };
}

/** How many people hold any role in the organization itself. */
export async function countMembers(db: Queryable, organizationId: number): Promise<number> {
  const row = await one<{ n: number }>(db, `SELECT count(DISTINCT user_id)::int AS n FROM memberships WHERE organization_id = $1`, [organizationId]);
  return row!.n;
}

export async function slugTaken(db: Queryable, slug: string, exceptId: number | null = null): Promise<boolean> {
  const row = await one<{ taken: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM organizations WHERE slug = $1 AND id IS DISTINCT FROM $2) AS taken`, [slug, exceptId]);
  return row!.taken;
}

export interface OrganizationInput {
  slug: string;
  kind: OrganizationKind;
  regionId: number | null;
  name: LocalizedText;
  description: LocalizedText;
}

/** Inserts an organization under a parent (or at the top), with ancestor_ids taken from the parent. */
export async function insertOrganization(db: Queryable, parentId: number | null, input: OrganizationInput): Promise<OrganizationSummary> {
  const row = await one<OrganizationSummary>(
    db,
    `INSERT INTO organizations AS o (slug, kind, parent_id, region_id, name, description, ancestor_ids)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE((SELECT ancestor_ids || id FROM organizations WHERE id = $3), '{}'))
     RETURNING ${SUMMARY_COLUMNS}`,
    [input.slug, input.kind, parentId, input.regionId, JSON.stringify(input.name), JSON.stringify(input.description)],
  );
  return row!;
}

/** Updates an organization's settings (its place in the tree does not change here). */
export async function updateOrganization(db: Queryable, id: number, input: OrganizationInput): Promise<void> {
  await db.query(`UPDATE organizations SET slug = $2, kind = $3, region_id = $4, name = $5, description = $6 WHERE id = $1`, [
    id,
    input.slug,
    input.kind,
    input.regionId,
    JSON.stringify(input.name),
    JSON.stringify(input.description),
  ]);
}

// ---------------------------------------------------------------- members and invitations

export interface MembershipRow {
  userId: number;
  name: string;
  email: string | null;
  role: Role;
  regionId: number | null;
  regionName: LocalizedText | null;
  since: Date;
}

/**
 * One page of the roles held in the organization itself (one row per person and role): the more trusted
 * roles first, then by name. Optionally only people whose name or email contains the search words
 * (normalized as search is everywhere: diacritics, Arabic letter variants, digits). Also the total.
 */
export async function listMemberships(
  db: Queryable,
  organizationId: number,
  page: { limit: number; offset: number },
  search: string | null = null,
): Promise<{ rows: MembershipRow[]; total: number }> {
  // LIKE wildcards typed by the user are matched literally.
  const pattern = search ? search.replace(/[\\%_]/g, '\\$&') : null;
  const where = `m.organization_id = $1 AND ($2::text IS NULL
      OR public.uh_normalize(u.name) LIKE '%' || public.uh_normalize($2) || '%'
      OR u.email LIKE '%' || lower($2) || '%')`;
  const [rows, count] = await Promise.all([
    many<MembershipRow>(
      db,
      `SELECT m.user_id AS "userId", u.name, u.email, m.role, m.region_id AS "regionId", r.name AS "regionName", m.created_at AS since
         FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN regions r ON r.id = m.region_id
        WHERE ${where}
        ORDER BY array_position(ARRAY['admin','coordinator','official','moderator','welfare_officer','member'], m.role), u.name, u.id
        LIMIT $3 OFFSET $4`,
      [organizationId, pattern, page.limit, page.offset],
    ),
    one<{ n: number }>(db, `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE ${where}`, [organizationId, pattern]),
  ]);
  return { rows, total: count!.n };
}

export function findMembership(db: Queryable, organizationId: number, userId: number, role: Role): Promise<{ regionId: number | null } | undefined> {
  return one(db, `SELECT region_id AS "regionId" FROM memberships WHERE organization_id = $1 AND user_id = $2 AND role = $3`, [organizationId, userId, role]);
}

/** Counts the organization's own admins (locking their rows so two removals cannot both pass). */
export async function countAdminsForUpdate(db: Queryable, organizationId: number): Promise<number> {
  const rows = await many(db, `SELECT user_id FROM memberships WHERE organization_id = $1 AND role = 'admin' FOR UPDATE`, [organizationId]);
  return rows.length;
}

export async function deleteMembership(db: Queryable, organizationId: number, userId: number, role: Role): Promise<boolean> {
  const result = await db.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2 AND role = $3`, [organizationId, userId, role]);
  return (result.rowCount ?? 0) > 0;
}

/** Gives a role (keeping an existing one as it is, but updating its region limit). */
export async function upsertMembership(db: Queryable, organizationId: number, userId: number, role: Role, regionId: number | null): Promise<void> {
  await db.query(
    `INSERT INTO memberships (user_id, organization_id, role, region_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, organization_id, role) DO UPDATE SET region_id = EXCLUDED.region_id`,
    [userId, organizationId, role, regionId],
  );
}

export interface InvitationRow {
  id: number;
  organizationId: number;
  email: string;
  role: Role;
  regionId: number | null;
  regionName: LocalizedText | null;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const INVITATION_COLUMNS = `i.id, i.organization_id AS "organizationId", i.email, i.role, i.region_id AS "regionId", r.name AS "regionName",
  u.name AS "invitedByName", i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"`;

/** Invitations still waiting for an answer (not accepted, not revoked, not expired). */
export function listPendingInvitations(db: Queryable, organizationId: number): Promise<InvitationRow[]> {
  return many<InvitationRow>(
    db,
    `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN regions r ON r.id = i.region_id LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
      ORDER BY i.created_at DESC`,
    [organizationId],
  );
}

export function findInvitationByTokenHash(db: Queryable, tokenHash: string, forUpdate = false): Promise<InvitationRow | undefined> {
  return one<InvitationRow>(
    db,
    `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN regions r ON r.id = i.region_id LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.token_hash = $1 ${forUpdate ? 'FOR UPDATE OF i' : ''}`,
    [tokenHash],
  );
}

export async function insertInvitation(
  db: Queryable,
  input: { tokenHash: string; organizationId: number; email: string; role: Role; regionId: number | null; invitedBy: number; days: number },
): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    `INSERT INTO invitations (token_hash, organization_id, email, role, region_id, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id`,
    [input.tokenHash, input.organizationId, input.email, input.role, input.regionId, input.invitedBy, input.days],
  );
  return row!.id;
}

/** Revokes a pending invitation of this organization; false when there is none to revoke. */
export async function revokeInvitation(db: Queryable, organizationId: number, invitationId: number): Promise<{ email: string; role: Role } | undefined> {
  return one(
    db,
    `UPDATE invitations SET revoked_at = now()
      WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
      RETURNING email, role`,
    [invitationId, organizationId],
  );
}

export async function markInvitationAccepted(db: Queryable, invitationId: number, userId: number): Promise<void> {
  await db.query(`UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [invitationId, userId]);
}

export function findUserByEmail(db: Queryable, email: string): Promise<{ id: number; name: string } | undefined> {
  return one(db, `SELECT id, name FROM users WHERE email = $1`, [email]);
}

/** Creates an account for an invited person (the invitation proves the email address). */
export async function insertUser(db: Queryable, input: { name: string; email: string; passwordHash: string; locale: Lang }): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    `INSERT INTO users (name, email, password_hash, locale) VALUES ($1, $2, $3, $4) RETURNING id`,
    [input.name, input.email, input.passwordHash, input.locale],
  );
  return row!.id;
}

// ---------------------------------------------------------------- audit log

export interface AuditFilter {
  /** One organization's log, or null for the whole platform. */
  organizationId: number | null;
  action: string | null;
  actorId: number | null;
  /** ISO days, inclusive, read in the time zone given. */
  from: string | null;
  to: string | null;
  timeZone: string;
  /** Keyset pagination: entries older than this id. */
  before: number | null;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  organizationId: number | null;
  organizationSlug: string | null;
  organizationName: LocalizedText | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The person's name when the subject is a user. */
  subjectName: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

/** One page of audit entries, newest first (limit + 1 rows are read to know whether more exist). */
export async function listAuditEntries(db: Queryable, filter: AuditFilter): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const rows = await many<AuditRow>(
    db,
    `SELECT a.id, a.at, a.actor_id AS "actorId", u.name AS "actorName", a.organization_id AS "organizationId",
            o.slug AS "organizationSlug", o.name AS "organizationName", a.action, a.subject_type AS "subjectType",
            a.subject_id AS "subjectId", su.name AS "subjectName", a.details, abbrev(a.ip) AS ip
       FROM audit_log a
       LEFT JOIN users u ON u.id = a.actor_id
       -- Only this module's membership entries name their subject: another module's entry about a person
       -- (an anonymous author revealed) must not show who it was.
       LEFT JOIN users su ON a.action IN ('membership.role_changed', 'membership.removed') AND a.subject_type = 'user' AND su.id::text = a.subject_id
       LEFT JOIN organizations o ON o.id = a.organization_id
      WHERE ($1::bigint IS NULL OR a.organization_id = $1)
        AND ($2::text IS NULL OR a.action = $2)
        AND ($3::bigint IS NULL OR a.actor_id = $3)
        AND ($4::date IS NULL OR a.at >= ($4::date)::timestamp AT TIME ZONE $6)
        AND ($5::date IS NULL OR a.at < ($5::date + 1)::timestamp AT TIME ZONE $6)
        AND ($7::bigint IS NULL OR a.id < $7)
      ORDER BY a.id DESC
      LIMIT $8`,
    [filter.organizationId, filter.action, filter.actorId, filter.from, filter.to, filter.timeZone, filter.before, filter.limit + 1],
  );
  const more = rows.length > filter.limit;
  const page = more ? rows.slice(0, filter.limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1].id : null };
}

/**
 * The actions and actors that appear in a log, for the filter's choices. Each is an index skip scan
 * (one index probe per distinct value), so it stays fast however long the log grows.
 */
export async function auditFilterChoices(db: Queryable, organizationId: number | null): Promise<{ actions: string[]; actors: Array<{ id: number; name: string }> }> {
  const scoped = organizationId !== null;
  const where = scoped ? 'organization_id = $1 AND' : '';
  const params = scoped ? [organizationId] : [];
  const [actions, actors] = await Promise.all([
    many<{ action: string }>(
      db,
      `WITH RECURSIVE t(action) AS (
         (SELECT action FROM audit_log WHERE ${scoped ? 'organization_id = $1' : 'true'} ORDER BY action LIMIT 1)
         UNION ALL
         SELECT (SELECT a.action FROM audit_log a WHERE ${where.replace('organization_id', 'a.organization_id')} a.action > t.action ORDER BY a.action LIMIT 1)
           FROM t WHERE t.action IS NOT NULL)
       SELECT action FROM t WHERE action IS NOT NULL`,
      params,
    ),
    many<{ id: number; name: string }>(
      db,
      `WITH RECURSIVE t(actor_id) AS (
         (SELECT actor_id FROM audit_log WHERE ${where} actor_id IS NOT NULL ORDER BY actor_id LIMIT 1)
         UNION ALL
         SELECT (SELECT a.actor_id FROM audit_log a WHERE ${where.replace('organization_id', 'a.organization_id')} a.actor_id > t.actor_id ORDER BY a.actor_id LIMIT 1)
           FROM t WHERE t.actor_id IS NOT NULL)
       SELECT u.id, u.name FROM t JOIN users u ON u.id = t.actor_id ORDER BY u.name, u.id LIMIT 300`,
      params,
    ),
  ]);
  return { actions: actions.map((a) => a.action), actors };
}
