import type { Queryable } from '../db/database.ts';
import { coarseAddress } from './coarse-client.ts';

/** One sensitive action, recorded with who did it, where, and from which network (the address's /24 or /48). */
export interface AuditEntry {
  actorId: number | null;
  organizationId?: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes an audit entry; call it inside the command's transaction so both land or neither does. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, organization_id, action, subject_type, subject_id, details, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actorId,
      entry.organizationId ?? null,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId === undefined ? null : String(entry.subjectId),
      JSON.stringify(entry.details ?? {}),
      // The network, not the address: with a web server's access log an exact address would tie the
      // actor to whatever else (an anonymous post) was sent from it.
      coarseAddress(entry.ip),
    ],
  );
}
