import type { FastifyInstance } from 'fastify';
import { addressKey, createLimiter, type Limiter } from '../../../core/rate-limit.ts';

export type { Limiter } from '../../../core/rate-limit.ts';

const MINUTE = 60_000;

/** The limits this module applies; counted in PostgreSQL, so they hold across app processes. */
export const LIMITS = {
  /** Login attempts from one address, successful or not (a known device of the account is not counted). */
  loginPerAddress: { max: 20, windowMs: 10 * MINUTE },
  /**
   * Failed logins against one account identifier (email or phone) from one address: what locks a guesser out,
   * without locking the owner out when they come from anywhere else.
   */
  loginFailuresPerAccountAddress: { max: 5, windowMs: 15 * MINUTE },
  /**
   * Failed logins against one account identifier from all addresses together, against credential stuffing spread
   * over many addresses. Past it, only a known device or a known address of the account gets in.
   */
  loginFailuresPerAccount: { max: 100, windowMs: 60 * MINUTE },
  /** Failed logins from one device cookie: a stolen or mistyped-on device stops being trusted for a while. */
  loginFailuresPerDevice: { max: 5, windowMs: 15 * MINUTE },
  /** Password-reset requests from one address. */
  resetPerAddress: { max: 10, windowMs: 60 * MINUTE },
  /** Password-reset mails to one address, so nobody can flood an inbox. */
  resetPerAccount: { max: 3, windowMs: 60 * MINUTE },
  /** Sign-up attempts from one address (a union office signs many workers up over one connection). */
  signUpPerAddress: { max: 30, windowMs: 60 * MINUTE },
  /** Wrong current passwords on the change-password form, per account (a stolen session cannot guess on). */
  passwordChangeFailuresPerAccount: { max: 5, windowMs: 15 * MINUTE },
} as const;

export type LimitName = keyof typeof LIMITS;

/** The counters' key prefix of one of this module's limits. */
export const limitName = (name: LimitName) => `accounts:${name}`;

/** The subject of the per-account-and-address limit: one account identifier tried from one address. */
export const accountAddressSubject = (accountKey: string, ip: string) => `${accountKey}|${addressKey(ip)}`;

/** Builds the module's limiters (core/rate-limit.ts); a refusal answers 429 with accounts.rateLimited and Retry-After. */
export function createLimiters(app: FastifyInstance): Record<LimitName, Limiter> {
  const names = Object.keys(LIMITS) as LimitName[];
  return Object.fromEntries(
    names.map((name) => [name, createLimiter(app, limitName(name), LIMITS[name], 'accounts.rateLimited')]),
  ) as Record<LimitName, Limiter>;
}
