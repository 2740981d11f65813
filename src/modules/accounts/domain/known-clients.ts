import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../../db/database.ts';
import { addressKey, type Limiter } from '../../../core/rate-limit.ts';
import { findAccountByIdentifier, isKnownLoginAddress, rememberLoginAddress } from '../queries.ts';
import type { Identifier } from '../schemas.ts';

/**
 * Known devices and addresses, so failed logins by others cannot lock an owner out (OWASP's device cookies):
 * a successful login leaves a long-lived signed cookie naming the account and a random device id, and
 * remembers the address (as a keyed hash). The login route lets the right password from a known device past
 * every limit meant for strangers, and from a known address past the account-wide cap.
 */

const DEVICE_DAYS = 365;
const ADDRESS_DAYS = 30;

/** The device cookie's name: __Host- prefixed when served over HTTPS. */
const deviceCookieName = (secure: boolean) => (secure ? '__Host-uh_device' : 'uh_device');

/** A device cookie that verified: the account it was given to and its own id (for its failure counter). */
export interface KnownDevice {
  userId: number;
  deviceId: string;
}

/** The device cookie of this request, when its signature holds; null otherwise. */
export function readDevice(request: FastifyRequest): KnownDevice | null {
  const raw = request.cookies[deviceCookieName(request.server.uh.config.secureCookies)];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  const match = unsigned.valid && unsigned.value ? /^([0-9]{1,15})\.([A-Za-z0-9_-]{16,64})$/.exec(unsigned.value) : null;
  return match?.[1] && match[2] ? { userId: Number(match[1]), deviceId: match[2] } : null;
}

/** Gives this browser a fresh device cookie for the account (a new id at every login, as OWASP advises). */
export function setDevice(request: FastifyRequest, reply: FastifyReply, userId: number): void {
  const { secureCookies } = request.server.uh.config;
  reply.setCookie(deviceCookieName(secureCookies), `${userId}.${randomBytes(18).toString('base64url')}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
    signed: true,
    maxAge: DEVICE_DAYS * 86400,
  });
}

// Keyed, so the table cannot be matched against a list of addresses or accounts without SESSION_SECRET.
const addressHash = (request: FastifyRequest, userId: number) =>
  createHmac('sha256', request.server.uh.config.sessionSecret)
    .update(`login-address:${userId}:${addressKey(request.ip)}`)
    .digest('base64url');

/** Remembers the request's address as one the account logs in from. */
export const rememberAddress = (db: Queryable, request: FastifyRequest, userId: number) =>
  rememberLoginAddress(db, addressHash(request, userId), ADDRESS_DAYS);

/** True when the account has logged in from this address (its network, for IPv6) within the last weeks. */
export const isKnownAddress = (db: Queryable, request: FastifyRequest, userId: number) =>
  isKnownLoginAddress(db, addressHash(request, userId));

/**
 * The request's device cookie when it was given to the account being logged into and has not failed too often
 * (`deviceFailures`: the per-device limit, read without counting); null otherwise.
 */
export async function trustedDevice(
  db: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
  identifier: Identifier | null,
  deviceFailures: Limiter,
): Promise<KnownDevice | null> {
  const device = readDevice(request);
  if (!device || !identifier) return null;
  const account = await findAccountByIdentifier(db, identifier);
  if (account?.id !== device.userId) return null;
  return (await deviceFailures.usedUp(request, reply, device.deviceId)) === null ? device : null;
}
