import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.ts';
import { one } from '../db/database.ts';
import { z } from 'zod';
import { ROLES, type Actor } from './authorization.ts';
import { LangColumn } from './rows.ts';
import { coarseAddress, coarseUserAgent } from './coarse-client.ts';
import type { Lang } from './i18n.ts';
import { CSRF_COOKIE } from './csrf.ts';

export const SESSION_DAYS = 30;

/** The signed-in person as pages may show them. */
export interface CurrentUser {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Lang;
  isPlatformAdmin: boolean;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** The session cookie's name: __Host- prefixed when served over HTTPS. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-uh_session' : 'uh_session');

/** Loads the user and their roles for a session token in one query; undefined when expired or unknown. */
export async function loadSession(db: Queryable, token: string): Promise<{ user: CurrentUser; actor: Actor } | undefined> {
  return loadViewer(db, `FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > now()`, hashToken(token));
}

/** Loads the user and their roles for a personal API token (Authorization: Bearer …). */
export async function loadApiToken(db: Queryable, token: string): Promise<{ user: CurrentUser; actor: Actor } | undefined> {
  return loadViewer(db, `FROM api_tokens s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, hashToken(token));
}

/** The user of a session or API token with every role they hold (the grants built as JSON in the query). */
const ViewerRow = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: LangColumn,
  isPlatformAdmin: z.boolean(),
  grants: z.array(z.object({ organizationId: z.number(), role: z.enum(ROLES), regionId: z.number().nullable() })),
});

async function loadViewer(db: Queryable, fromWhere: string, tokenHash: string): Promise<{ user: CurrentUser; actor: Actor } | undefined> {
  const row = await one(
    db,
    ViewerRow,
    `SELECT u.id, u.name, u.email, u.phone, u.locale, u.is_platform_admin AS "isPlatformAdmin",
            COALESCE((SELECT json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role, 'regionId', m.region_id))
                      FROM memberships m WHERE m.user_id = u.id), '[]') AS grants
       ${fromWhere}`,
    [tokenHash],
  );
  if (!row) return undefined;
  const user: CurrentUser = {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    isPlatformAdmin: row.isPlatformAdmin,
  };
  return { user, actor: { userId: row.id, isPlatformAdmin: row.isPlatformAdmin, grants: row.grants } };
}

/** Drops a visitor's CSRF secret: after login the session's own token takes over, after logout a fresh one is made. */
function dropVisitorCsrfSecret(reply: FastifyReply): void {
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/**
 * Starts a new session (always a new id, so a fixated id is worthless) and sets its cookie. The CSRF token
 * rotates with it: it is derived from the new session token, and the visitor's CSRF secret is dropped.
 */
export async function startSession(db: Queryable, request: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  const old = request.cookies[request.server.uh.sessionCookie];
  if (old) await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashToken(old)]);
  const token = newToken();
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, now() + make_interval(days => $3), $4, $5)`,
    // Only the network and the kind of browser: exact ones would match a web server's access log (issue 8).
    [hashToken(token), userId, SESSION_DAYS, coarseAddress(request.ip), coarseUserAgent(request.headers['user-agent'])],
  );
  reply.setCookie(request.server.uh.sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.uh.config.secureCookies,
    maxAge: SESSION_DAYS * 86400,
  });
  dropVisitorCsrfSecret(reply);
}

/** Ends the current session and clears its cookie and the CSRF secret, so no token outlives it. */
export async function endSession(db: Queryable, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[request.server.uh.sessionCookie];
  if (token) await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashToken(token)]);
  reply.clearCookie(request.server.uh.sessionCookie, { path: '/' });
  dropVisitorCsrfSecret(reply);
}

/** Ends every session of a user (after a password change or reset), optionally keeping one. */
export async function endUserSessions(db: Queryable, userId: number, keepToken?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash IS DISTINCT FROM $2', [
    userId,
    keepToken ? hashToken(keepToken) : null,
  ]);
}
