import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../core/errors.ts';
import { deleteRateLimitCounts } from './queries.ts';

const MINUTE = 60_000;

/** The limits this module applies; counted in PostgreSQL, so they hold across app processes. */
export const LIMITS = {
  /** Login attempts from one address, successful or not. */
  loginPerAddress: { max: 20, window: 10 * MINUTE },
  /** Failed logins against one account identifier (email or phone), whatever the address. */
  loginFailuresPerAccount: { max: 5, window: 15 * MINUTE },
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

// Identifiers are hashed before they become keys: the counters table holds no email addresses.
const subjectKey = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 32);

/** One named limit: `hit` counts and checks, `peek` checks without counting (for counting failures only). */
export interface Limiter {
  /** Counts this attempt; throws TooManyAttemptsError once the limit is passed. */
  hit(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Throws TooManyAttemptsError if the limit is already used up, without counting. */
  peek(request: FastifyRequest, reply: FastifyReply, subject?: string): Promise<void>;
  /** Starts the counts for these subjects afresh (e.g. an account's owner proved who they are by mail). */
  clear(subjects: string[]): Promise<void>;
}

/** Builds the module's limiters on @fastify/rate-limit's createRateLimit (PostgreSQL store). */
export function createLimiters(app: FastifyInstance): Record<LimitName, Limiter> {
  const subjects = new WeakMap<FastifyRequest, string>();
  const build = (name: LimitName): Limiter => {
    const { max, window } = LIMITS[name];
    const check = app.createRateLimit({
      max,
      timeWindow: window,
      keyGenerator: (request) => `accounts:${name}:${subjects.get(request) ?? `ip:${addressKey(request.ip)}`}`,
    });
    const run = async (request: FastifyRequest, reply: FastifyReply, subject: string | undefined, increment: boolean) => {
      if (subject === undefined) subjects.delete(request);
      else subjects.set(request, `id:${subjectKey(subject)}`);
      const result = await check(request, { increment });
      if (result.isAllowed) return;
      // hit: the attempt just counted is over the limit; peek: the limit is already used up.
      const refused = increment ? result.isExceeded : result.remaining === 0;
      if (refused) {
        reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)));
        throw new TooManyAttemptsError();
      }
    };
    return {
      hit: (request, reply, subject) => run(request, reply, subject, true),
      peek: (request, reply, subject) => run(request, reply, subject, false),
      clear: (list) => deleteRateLimitCounts(app.uh.db, list.map((subject) => `accounts:${name}:id:${subjectKey(subject)}`)),
    };
  };
  return Object.fromEntries((Object.keys(LIMITS) as LimitName[]).map((name) => [name, build(name)])) as Record<LimitName, Limiter>;
}
