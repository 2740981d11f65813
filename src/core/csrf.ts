import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * CSRF defence in two layers (wired in core/context-hooks.ts):
 * - A token bound to the session: for a signed-in person it is an HMAC of their session token under
 *   SESSION_SECRET, so it changes with every login and dies at logout, and a token (or a `_csrf` cookie) planted
 *   by someone else is worthless. Visitors (log-in, sign-up and reset forms) keep @fastify/csrf-protection's
 *   signed secret cookie, which startSession and endSession drop, so no pre-login token survives a login.
 * - Where the request comes from: an unsafe request whose Origin is not ours, or whose Sec-Fetch-Site says
 *   cross-site, is refused before any token is looked at.
 */

/** The cookie holding a visitor's CSRF secret (@fastify/csrf-protection's, signed). */
export const CSRF_COOKIE = '_csrf';

/** The CSRF token of a session: an HMAC of its token, so it cannot be derived without both secrets. */
export function sessionCsrfToken(sessionSecret: string, sessionToken: string): string {
  return createHmac('sha256', sessionSecret).update(`csrf:${sessionToken}`).digest('base64url');
}

/** True when the token sent is the session's token (compared in constant time). */
export function sessionTokenMatches(sessionSecret: string, sessionToken: string, sent: string): boolean {
  const expected = Buffer.from(sessionCsrfToken(sessionSecret, sessionToken));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * True when an unsafe request may come from where it says it does. A browser's Sec-Fetch-Site of cross-site is
 * refused; an Origin, when sent, must be BASE_URL's origin or (when not behind a proxy, where the Host header
 * is the browser's own) this request's scheme and host. No Origin (older browsers, scripts) is left to the token.
 */
export function isSameOrigin(request: FastifyRequest, baseUrl: string, behindProxy: boolean): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === new URL(baseUrl).origin) return true;
  return !behindProxy && request.headers.host !== undefined && origin === `${request.protocol}://${request.headers.host}`;
}

/** The token a request sends: the form's `_csrf` field, else the X-CSRF-Token header (scripts, JSON). */
export function sentCsrfToken(request: FastifyRequest): string {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
  const header = request.headers['x-csrf-token'];
  return fromBody ?? (typeof header === 'string' ? header : '');
}
