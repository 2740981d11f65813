import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../core/errors.ts';
import { deleteRateLimitCounts } from './queries.ts';

const MINUTE = 60_000;

/** The limits this module applies; counted in PostgreSQL, so they hold across app processes. */
export const LIMITS = {
  /** Login attempts from one address, successful or not (a known device of the account is not counted). */
  loginPerAddress: { max: 20, window: 10 * MINUTE },
  /**
   * Failed logins against one account identifier (email or phone) from one address: what locks a guesser out,
   * without locking the owner out when they come from anywhere else.
   */
  loginFailuresPerAccountAddress: { max: 5, window: 15 * MINUTE },
  /**
   * Failed logins against one account identifier from all addresses together, against credential stuffing spread
   * over many addresses. Past it, only a known device or a known address of the account gets in.
   */
  loginFailuresPerAccount: { max: 100, window: 60 * MINUTE },
  /** Failed logins from one device cookie: a stolen or mistyped-on device stops being trusted for a while. */
  loginFailuresPerDevice: { max: 5, window: 15 * MINUTE },
  /** Password-reset requests from one address. */
  resetPerAddress: { max: 10, window: 60 * MINUTE },
  /** Password-reset mails to one address, so nobody can flood an inbox. */
  resetPerAccount: { max: 3, window: 60 * MINUTE },
  /** Sign-up attempts from one address (a union office signs many workers up over one connection). */
  signUpPerAddress: { max: 30, window: 60 * MINUTE },
  /** Wrong current passwords on the change-password form, per account (a stolen session cannot guess on). */
  passwordChangeFailuresPerAccount: { max: 5, window: 15 * MINUTE },
} as const;

type LimitName = keyof typeof LIMITS;

/** A 429 with the module's message, after Retry-After has been set. */
export class TooManyAttemptsError extends HttpError {
  constructor() {
    super(429, 'accounts.rateLimited');
  }
}

/** Answers 429 with Retry-After (in seconds). */
export function refuseAttempt(reply: FastifyReply, waitSeconds: number): never {
  reply.header('retry-after', String(Math.max(1, Math.ceil(waitSeconds))));
  throw new TooManyAttemptsError();
}

/**
 * The part of an address that one person controls: an IPv4 address, or the /64 network of an IPv6
 * address (anyone given a /64 can use all of it, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

/** The subject of the per-account-and-address limit: one account identifier tried from one address. */
export const accountAddressSubject = (accountKey: string, ip: string) => `${accountKey}|${addressKey(ip)}`;

// Identifiers and addresses are keyed-hashed before they become keys: the counters table holds no email address
// and no client address, and without SESSION_SECRET nobody can test a guessed email or address against it.
const subjectKey = (secret: string, subject: string) => createHmac('sha256', secret).update(`rate-limit:${subject}`).digest('base64url').slice(0, 32);

/** The counter's key of one limit for one subject (an account identifier, a device id…). */
export const limitKey = (secret: string, name: LimitName, subject: string) => `accounts:${name}:id:${subjectKey(secret, subject)}`;

/** The counter's key of one limit for one client address. */
export const addressLimitKey = (secret: string, name: LimitName, ip: string) => `accounts:${name}:ip:${subjectKey(secret, addressKey(ip))}`;

/** One named limit: `hit` counts and checks, `peek` checks without counting (for counting failures only). */
export interface Limiter {
  /** Counts this attempt; throws TooManyAttemptsError once the limit is passed. */
  hit(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Throws TooManyAttemptsError if the limit is already used up, without counting. */
  peek(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Counts this attempt without refusing it (the caller decides, e.g. after checking a password). */
  count(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** The seconds until the limit frees up when it is used up, else null; counts nothing. */
  usedUp(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<number | null>;
  /** Starts the counts for these subjects afresh (e.g. an account's owner proved who they are by mail). */
  clear(subjects: string[]): Promise<void>;
}

/** Builds the module's limiters on @fastify/rate-limit's createRateLimit (PostgreSQL store). */
export function createLimiters(app: FastifyInstance): Record<LimitName, Limiter> {
  const subjects = new WeakMap<FastifyRequest, string>();
  const secret = app.uh.config.sessionSecret;
  const build = (name: LimitName): Limiter => {
    const { max, window } = LIMITS[name];
    const check = app.createRateLimit({
      max,
      timeWindow: window,
      keyGenerator: (request) => (subjects.has(request) ? `accounts:${name}:${subjects.get(request)}` : addressLimitKey(secret, name, request.ip)),
    });
    /** Counts (or only reads) the attempt; answers the seconds to wait when it is refused, else null. */
    const measure = async (request: FastifyRequest, subject: string | undefined, increment: boolean): Promise<number | null> => {
      if (subject === undefined) subjects.delete(request);
      else subjects.set(request, `id:${subjectKey(secret, subject)}`);
      const result = await check(request, { increment });
      if (result.isAllowed) return null;
      // hit: the attempt just counted is over the limit; peek: the limit is already used up.
      const refused = increment ? result.isExceeded : result.remaining === 0;
      return refused ? Math.max(1, result.ttlInSeconds) : null;
    };
    const run = async (request: FastifyRequest, reply: FastifyReply, subject: string | undefined, increment: boolean) => {
      const wait = await measure(request, subject, increment);
      if (wait !== null) refuseAttempt(reply, wait);
    };
    return {
      hit: (request, reply, subject) => run(request, reply, subject, true),
      peek: (request, reply, subject) => run(request, reply, subject, false),
      count: async (request, _reply, subject) => {
        await measure(request, subject, true);
      },
      usedUp: (request, _reply, subject) => measure(request, subject, false),
      clear: (list) => deleteRateLimitCounts(app.uh.db, list.map((subject) => limitKey(secret, name, subject))),
    };
  };
  return Object.fromEntries((Object.keys(LIMITS) as LimitName[]).map((name) => [name, build(name)])) as Record<LimitName, Limiter>;
}
