import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import { deleteRateLimitCounts } from './rate-limit-store.ts';

/**
 * The one rate-limit wrapper every module uses (acts that may be anonymous use core/unlinkable-rate-limit.ts
 * instead). Counters live in PostgreSQL through @fastify/rate-limit's store (core/rate-limit-store.ts), so limits
 * hold across processes. A refusal always carries Retry-After. Keys name no person and no address: subjects and
 * addresses are HMAC'd under SESSION_SECRET, and an IPv6 address counts by its /64.
 */

/** A limit: at most `max` hits in `windowMs`. */
export interface LimitSpec {
  max: number;
  windowMs: number;
}

/** One named limit: `hit` counts and checks, `peek` checks without counting. */
export interface Limiter {
  /** Counts this attempt; throws a 429 (with Retry-After) once the limit is passed. */
  hit(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Throws a 429 if the limit is already used up, without counting. */
  peek(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Counts this attempt without refusing it (the caller decides, e.g. after checking a password). */
  count(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** The seconds until the limit frees up when it is used up, else null; counts nothing. */
  usedUp(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<number | null>;
  /** Starts the counts for these subjects afresh (e.g. an account's owner proved who they are by mail). */
  clear(subjects: string[]): Promise<void>;
}

/** A 429 in the user's language; Retry-After is already on the reply. */
export class TooManyRequestsError extends HttpError {
  constructor(messageId = 'errors.rateLimited') {
    super(429, messageId);
  }
}

/** Answers 429 with Retry-After (in whole seconds, at least 1). */
export function refuseTooMany(reply: FastifyReply, waitSeconds: number, messageId?: string): never {
  reply.header('retry-after', String(Math.max(1, Math.ceil(waitSeconds))));
  throw new TooManyRequestsError(messageId);
}

/**
 * The part of an address that one person controls: an IPv4 address, or the /64 network of an IPv6
 * address (anyone given a /64 can use all of it, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}

const keyed = (secret: string, subject: string) =>
  createHmac('sha256', secret).update(`rate-limit:${subject}`).digest('base64url').slice(0, 32);

/** The counter's key of a limit for one subject (an account identifier, a user id, a device id…). */
export const subjectLimitKey = (secret: string, name: string, subject: string) => `${name}:id:${keyed(secret, subject)}`;

/** The counter's key of a limit for one client address. */
export const addressLimitKey = (secret: string, name: string, ip: string) => `${name}:ip:${keyed(secret, addressKey(ip))}`;

/**
 * Builds a limiter named `name` (a key prefix such as 'accounts:loginPerAddress'). Without a subject a hit counts
 * against the client's address; `messageId` is the 429's message (default errors.rateLimited).
 */
export function createLimiter(app: FastifyInstance, name: string, spec: LimitSpec, messageId?: string): Limiter {
  const secret = app.uh.config.sessionSecret;
  const subjects = new WeakMap<FastifyRequest, string>();
  const check = app.createRateLimit({
    max: spec.max,
    timeWindow: spec.windowMs,
    keyGenerator: (request) => subjects.get(request) ?? addressLimitKey(secret, name, request.ip),
  });
  /** Counts (or only reads) the attempt; answers the seconds to wait when it is refused, else null. */
  const measure = async (request: FastifyRequest, subject: string | undefined, increment: boolean): Promise<number | null> => {
    if (subject === undefined) subjects.delete(request);
    else subjects.set(request, subjectLimitKey(secret, name, subject));
    const result = await check(request, { increment });
    if (result.isAllowed) return null;
    // hit: the attempt just counted is over the limit; peek: the limit is already used up.
    const refused = increment ? result.isExceeded : result.remaining === 0;
    return refused ? Math.max(1, result.ttlInSeconds) : null;
  };
  const run = async (request: FastifyRequest, reply: FastifyReply, subject: string | undefined, increment: boolean) => {
    const wait = await measure(request, subject, increment);
    if (wait !== null) refuseTooMany(reply, wait, messageId);
  };
  return {
    hit: (request, reply, subject) => run(request, reply, subject, true),
    peek: (request, reply, subject) => run(request, reply, subject, false),
    count: async (request, _reply, subject) => {
      await measure(request, subject, true);
    },
    usedUp: (request, _reply, subject) => measure(request, subject, false),
    clear: (list) =>
      deleteRateLimitCounts(
        app.uh.db,
        list.map((subject) => subjectLimitKey(secret, name, subject)),
      ),
  };
}
