import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { CountRow, LocalizedTextColumn, oneOrThrow } from '../../../core/rows.ts';
import { ROLES, type Actor, type Role } from '../../../core/authorization.ts';

/** How many people hold any role in the organization itself. */
export async function countMembers(db: Queryable, organizationId: number): Promise<number> {
  const rows = await many(db, CountRow, `SELECT count(DISTINCT user_id)::int AS n FROM memberships WHERE organization_id = $1`, [
    organizationId,
  ]);
  return oneOrThrow(rows).n;
}

/** One role held in the organization, with the person and the region limit. */
const MembershipRow = z.object({
  userId: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  regionId: z.number().nullable(),
  regionName: LocalizedTextColumn.nullable(),
  since: z.date(),
});
export type MembershipRow = z.infer<typeof MembershipRow>;

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
    many(
      db,
      MembershipRow,
      `SELECT m.user_id AS "userId", u.name, u.email, m.role, m.region_id AS "regionId", r.name AS "regionName", m.created_at AS since
         FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN regions r ON r.id = m.region_id
        WHERE ${where}
        ORDER BY array_position(ARRAY['admin','coordinator','official','moderator','welfare_officer','member'], m.role), u.name, u.id
        LIMIT $3 OFFSET $4`,
      [organizationId, pattern, page.limit, page.offset],
    ),
    many(db, CountRow, `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE ${where}`, [
      organizationId,
      pattern,
    ]),
  ]);
  return { rows, total: oneOrThrow(count).n };
}

/** One role a person holds in the organization itself, with its region limit; undefined when they do not hold it. */
export function findMembership(
  db: Queryable,
  organizationId: number,
  userId: number,
  role: Role,
): Promise<{ regionId: number | null } | undefined> {
  return one(
    db,
    z.object({ regionId: z.number().nullable() }),
    `SELECT region_id AS "regionId" FROM memberships WHERE organization_id = $1 AND user_id = $2 AND role = $3`,
    [organizationId, userId, role],
  );
}

/** Counts the organization's own admins (locking their rows so two removals cannot both pass). */
export async function countAdminsForUpdate(db: Queryable, organizationId: number): Promise<number> {
  const rows = await many(
    db,
    z.object({ userId: z.number() }),
    `SELECT user_id AS "userId" FROM memberships WHERE organization_id = $1 AND role = 'admin' FOR UPDATE`,
    [organizationId],
  );
  return rows.length;
}

/** Takes one role away; false when the person did not hold it. */
export async function deleteMembership(db: Queryable, organizationId: number, userId: number, role: Role): Promise<boolean> {
  const result = await db.query(`DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2 AND role = $3`, [
    organizationId,
    userId,
    role,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/** Gives a role (keeping an existing one as it is, but updating its region limit). */
export async function upsertMembership(
  db: Queryable,
  organizationId: number,
  userId: number,
  role: Role,
  regionId: number | null,
): Promise<void> {
  await db.query(
    `INSERT INTO memberships (user_id, organization_id, role, region_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, organization_id, role) DO UPDATE SET region_id = EXCLUDED.region_id`,
    [userId, organizationId, role, regionId],
  );
}

/** Someone holding a role in an organization, as other modules list them (assignees, attendees). */
const OrganizationPerson = z.object({ id: z.number(), name: z.string(), email: z.string().nullable() });
export type OrganizationPerson = z.infer<typeof OrganizationPerson>;

/** People holding any role in these organizations themselves (who may be given a task or linked as an attendee), by name. */
export function listPeopleOfOrganizations(db: Queryable, organizationIds: readonly number[], limit = 1000): Promise<OrganizationPerson[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many(
    db,
    OrganizationPerson,
    `SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN memberships ms ON ms.user_id = u.id
      WHERE ms.organization_id = ANY($1::bigint[]) ORDER BY u.name, u.id LIMIT $2`,
    [organizationIds, limit],
  );
}

/**
 * People holding official, coordinator or admin in these organizations or in one above them (candidates for a
 * program's "responsible official"), by name.
 */
export function listOfficialsOfOrganizations(
  db: Queryable,
  organizationIds: readonly number[],
  limit = 500,
): Promise<OrganizationPerson[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many(
    db,
    OrganizationPerson,
    `SELECT DISTINCT u.id, u.name, u.email FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE m.role IN ('official', 'coordinator', 'admin')
        AND (m.organization_id = ANY($1::bigint[])
             OR m.organization_id IN (SELECT unnest(ancestor_ids) FROM organizations WHERE id = ANY($1::bigint[])))
      ORDER BY u.name, u.id LIMIT $2`,
    [organizationIds, limit],
  );
}

/**
 * The coordinators of these organizations themselves, for their whole area: not those of the organizations above
 * them (who would hear of every county's deadline), nor coordinators limited to one county. Who deadline reminders
 * go to besides the responsible person. One row per organization and person.
 */
export function listCoordinatorsOfOrganizations(
  db: Queryable,
  organizationIds: readonly number[],
): Promise<Array<{ organizationId: number; userId: number }>> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return many(
    db,
    z.object({ organizationId: z.number(), userId: z.number() }),
    `SELECT organization_id AS "organizationId", user_id AS "userId" FROM memberships
      WHERE role = 'coordinator' AND region_id IS NULL AND organization_id = ANY($1::bigint[])
      ORDER BY organization_id, user_id`,
    [organizationIds],
  );
}

/**
 * Everyone holding one of `roles` in these organizations or in one above them, each as an Actor carrying those
 * grants (never a platform administrator's power), so a module keeps exactly those its own policy allows: who may
 * review a report, moderate a forum, approve minutes. One query for all the organizations.
 */
export async function listRoleHoldersAsActors(db: Queryable, organizationIds: readonly number[], roles: readonly Role[]): Promise<Actor[]> {
  if (organizationIds.length === 0 || roles.length === 0) return [];
  const rows = await many(
    db,
    z.object({ userId: z.number(), organizationId: z.number(), role: z.enum(ROLES), regionId: z.number().nullable() }),
    `SELECT m.user_id AS "userId", m.organization_id AS "organizationId", m.role, m.region_id AS "regionId"
       FROM memberships m
      WHERE m.role = ANY($2::text[])
        AND (m.organization_id = ANY($1::bigint[])
             OR m.organization_id IN (SELECT unnest(ancestor_ids) FROM organizations WHERE id = ANY($1::bigint[])))
      ORDER BY m.user_id`,
    [organizationIds, roles],
  );
  const actors = new Map<number, Actor>();
  for (const row of rows) {
    const userId = row.userId;
    const actor = actors.get(userId) ?? { userId, isPlatformAdmin: false, grants: [] };
    actor.grants.push({
      organizationId: row.organizationId,
      role: row.role,
      regionId: row.regionId,
    });
    actors.set(userId, actor);
  }
  return [...actors.values()];
}
