import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { IdRow, LocalizedTextColumn, oneOrThrow } from '../../../core/rows.ts';
import { ROLES, type Role } from '../../../core/authorization.ts';

/** An invitation with its region and inviter named. */
const InvitationRow = z.object({
  id: z.number(),
  organizationId: z.number(),
  email: z.string(),
  role: z.enum(ROLES),
  regionId: z.number().nullable(),
  regionName: LocalizedTextColumn.nullable(),
  /** Who sent it; null once their account is gone. */
  invitedBy: z.number().nullable(),
  invitedByName: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type InvitationRow = z.infer<typeof InvitationRow>;

const INVITATION_COLUMNS = `i.id, i.organization_id AS "organizationId", i.email, i.role, i.region_id AS "regionId", r.name AS "regionName",
  i.invited_by::int AS "invitedBy", u.name AS "invitedByName", i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"`;

/** Invitations still waiting for an answer (not accepted, not revoked, not expired). */
export function listPendingInvitations(db: Queryable, organizationId: number): Promise<InvitationRow[]> {
  return many(
    db,
    InvitationRow,
    `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN regions r ON r.id = i.region_id LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
      ORDER BY i.created_at DESC`,
    [organizationId],
  );
}

/** The invitation whose link token hashes to this (locked for the accepting transaction when asked). */
export function findInvitationByTokenHash(db: Queryable, tokenHash: string, forUpdate = false): Promise<InvitationRow | undefined> {
  return one(
    db,
    InvitationRow,
    `SELECT ${INVITATION_COLUMNS} FROM invitations i LEFT JOIN regions r ON r.id = i.region_id LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.token_hash = $1 ${forUpdate ? 'FOR UPDATE OF i' : ''}`,
    [tokenHash],
  );
}

/** Stores an invitation that expires in `days` days; returns its id. */
export async function insertInvitation(
  db: Queryable,
  input: { tokenHash: string; organizationId: number; email: string; role: Role; regionId: number | null; invitedBy: number; days: number },
): Promise<number> {
  const rows = await many(
    db,
    IdRow,
    `INSERT INTO invitations (token_hash, organization_id, email, role, region_id, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id`,
    [input.tokenHash, input.organizationId, input.email, input.role, input.regionId, input.invitedBy, input.days],
  );
  return oneOrThrow(rows, 'invitation').id;
}

/** Revokes a pending invitation of this organization; undefined when there is none to revoke. */
export async function revokePendingInvitation(
  db: Queryable,
  organizationId: number,
  invitationId: number,
): Promise<{ email: string; role: Role } | undefined> {
  return one(
    db,
    z.object({ email: z.string(), role: z.enum(ROLES) }),
    `UPDATE invitations SET revoked_at = now()
      WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
      RETURNING email, role`,
    [invitationId, organizationId],
  );
}

/** Marks the invitation used, by whom. */
export async function markInvitationAccepted(db: Queryable, invitationId: number, userId: number): Promise<void> {
  await db.query(`UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [invitationId, userId]);
}

const InvitationWorkRow = z.object({
  id: z.number(),
  email: z.string(),
  role: z.enum(ROLES),
  organizationSlug: z.string(),
  organizationName: LocalizedTextColumn,
  createdAt: z.date(),
  expiresAt: z.date(),
  /** How many invitations wait in all (the same on every row). */
  total: z.number(),
});
export type InvitationWorkRow = z.infer<typeof InvitationWorkRow>;

/**
 * Invitations still waiting for an answer in these organizations and every one below them (an admin's reach), or
 * everywhere for a platform administrator: the soonest to expire first, at most `limit`.
 */
export function pendingInvitationsFor(
  db: Queryable,
  organizationIds: number[],
  everywhere: boolean,
  limit: number,
): Promise<InvitationWorkRow[]> {
  return many(
    db,
    InvitationWorkRow,
    `SELECT i.id, i.email, i.role, o.slug AS "organizationSlug", o.name AS "organizationName", i.created_at AS "createdAt",
            i.expires_at AS "expiresAt", count(*) OVER ()::int AS total
     FROM invitations i JOIN organizations o ON o.id = i.organization_id
     WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
       AND ($2::boolean OR o.id = ANY($1::bigint[]) OR o.ancestor_ids && $1::bigint[])
     ORDER BY i.expires_at, i.id LIMIT $3`,
    [organizationIds, everywhere, limit],
  );
}
