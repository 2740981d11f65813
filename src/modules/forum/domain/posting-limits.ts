import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../../core/errors.ts';
import { requireActor } from '../../../core/route-params.ts';
import { createUnlinkableLimiter } from '../../../core/unlinkable-rate-limit.ts';
import { isNewAccount } from '../policy.ts';
import { findPosterStanding } from '../queries/people.ts';

/**
 * Posting limits, counted in PostgreSQL so they hold across processes, in one-minute buckets
 * (`buckets` is the window in minutes, sliding).
 */
export const POSTING_LIMITS = {
  /** Everyone: posts (topics and replies) a minute. */
  flood: { max: 8, buckets: 1 },
  /** New accounts: posts in ten minutes. */
  newAccount: { max: 3, buckets: 10 },
};

const POSTING_MESSAGES = { flood: 'forum.errors.flood', newAccount: 'forum.errors.newAccountRate' } as const;

/** A 429 with the forum's own message, after Retry-After is set. */
export class TooManyPostsError extends HttpError {
  constructor(messageId: string) {
    super(429, messageId);
  }
}

/**
 * Builds the posting limiter; `check` counts one post of the signed-in poster, throws TooManyPostsError
 * past a limit, and tells whether the poster's account is new. A post may be anonymous, so the counters
 * are unlinkable (src/core/unlinkable-rate-limit.ts): keyed by an HMAC under a key derived from
 * ANONYMITY_KEY, one row per post, clock-aligned, and new accounts' posts counted like everyone's.
 */
export function createPostingLimiters(app: FastifyInstance) {
  const { db, config } = app.uh;
  const limiter = createUnlinkableLimiter({ db, secret: config.anonymityKey, name: 'forum-post', limits: POSTING_LIMITS });
  return {
    async check(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
      const userId = requireActor(request.ctx).userId;
      const isNew = isNewAccount(await findPosterStanding(db, userId));
      const result = await limiter.hit(userId, isNew ? ['flood', 'newAccount'] : ['flood']);
      if (!result.ok) {
        reply.header('retry-after', String(Math.max(1, result.retryAfterSeconds)));
        throw new TooManyPostsError(POSTING_MESSAGES[result.limit]);
      }
      return isNew;
    },
  };
}
