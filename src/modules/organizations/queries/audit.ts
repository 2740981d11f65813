import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many } from '../../../db/database.ts';
import { LocalizedTextColumn } from '../../../core/rows.ts';

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

const AuditRow = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  organizationId: z.number().nullable(),
  organizationSlug: z.string().nullable(),
  organizationName: LocalizedTextColumn.nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** The person's name when the subject is a user. */
  subjectName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** One page of audit entries, newest first (limit + 1 rows are read to know whether more exist). */
export async function listAuditEntries(db: Queryable, filter: AuditFilter): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const rows = await many(
    db,
    AuditRow,
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
  return { rows: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null };
}

/**
 * The actions and actors that appear in a log, for the filter's choices. Each is an index skip scan
 * (one index probe per distinct value), so it stays fast however long the log grows.
 */
export async function auditFilterChoices(
  db: Queryable,
  organizationId: number | null,
): Promise<{ actions: string[]; actors: Array<{ id: number; name: string }> }> {
  const scoped = organizationId !== null;
  const where = scoped ? 'organization_id = $1 AND' : '';
  const params = scoped ? [organizationId] : [];
  const [actions, actors] = await Promise.all([
    many(
      db,
      z.object({ action: z.string() }),
      `WITH RECURSIVE t(action) AS (
         (SELECT action FROM audit_log WHERE ${scoped ? 'organization_id = $1' : 'true'} ORDER BY action LIMIT 1)
         UNION ALL
         SELECT (SELECT a.action FROM audit_log a WHERE ${where.replace('organization_id', 'a.organization_id')} a.action > t.action ORDER BY a.action LIMIT 1)
           FROM t WHERE t.action IS NOT NULL)
       SELECT action FROM t WHERE action IS NOT NULL`,
      params,
    ),
    many(
      db,
      z.object({ id: z.number(), name: z.string() }),
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
