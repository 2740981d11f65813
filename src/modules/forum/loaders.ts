import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/authorization.ts';
import type { RequestContext } from '../../core/context.ts';
import { HttpError, LoginRequiredError, NotFoundError, authorize } from '../../core/errors.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { createUnlinkableLimiter } from '../../core/unlinkable-rate-limit.ts';
import { filesOf } from '../../core/uploads.ts';
import { anonymousTag } from './domain/anonymity.ts';
import { isNewAccount, type ForumDeps } from './domain/forum-deps.ts';
import { MAX_IMAGES_PER_POST, processImage, type ProcessedImage } from './domain/images.ts';
import { canModerate, canReadCategory, type CategoryAccess } from './policy.ts';
import { findPosterStanding, findTopic, type TopicContextRow, type TopicCursor } from './queries/forum.ts';

/** A path parameter that must be a positive id; anything else is "not found". */
export function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^[0-9]{1,15}$/.test(value)) throw new NotFoundError();
  const id = Number(value);
  if (id < 1) throw new NotFoundError();
  return id;
}

/** The signed-in actor, or a redirect to log in. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor || !ctx.user) throw new LoginRequiredError();
  return ctx.actor;
}

/** What commands need, from the request. */
export function forumDeps(request: FastifyRequest): ForumDeps {
  const actor = requireActor(request.ctx);
  return { db: request.server.uh.db, anonymityKey: request.server.uh.config.anonymityKey, actor, userName: request.ctx.user!.name, ip: request.ctx.ip };
}

/** The policy's view of a topic's category. */
export function topicAccess(topic: TopicContextRow): CategoryAccess {
  return {
    visibility: topic.visibility,
    organization: { id: topic.organization_id, ancestorIds: topic.organization_ancestor_ids },
    viewerInSubtree: topic.viewer_in_subtree,
  };
}

/** Loads a topic the viewer may read (hidden topics: moderators only); 404 otherwise, the same as a missing one. */
export async function loadReadableTopic(request: FastifyRequest, topicIdParam: unknown): Promise<TopicContextRow> {
  const topic = await findTopic(request.server.uh.db, idParam(topicIdParam), request.ctx.actor);
  authorize(!!topic && canReadCategory(request.ctx.actor, topicAccess(topic)));
  authorize(!topic.is_hidden || canModerate(request.ctx.actor, topicAccess(topic).organization));
  return topic;
}

/** The viewer's keyed tag in this topic (to recognize their own anonymous posts), or null for visitors. */
export function viewerTag(request: FastifyRequest, topicId: number): Buffer | null {
  const actor = request.ctx.actor;
  return actor ? anonymousTag(request.server.uh.config.anonymityKey, topicId, actor.userId) : null;
}

/** Crumbs from the organization's forum to a topic. */
export function topicCrumbs(ctx: RequestContext, topic: TopicContextRow): Array<{ label: string; path: string }> {
  const forum = `/organizations/${topic.organization_slug}/forum`;
  return [
    { label: ctx.t('forum.organization.title', { organization: pickLocalized(topic.organization_name, ctx.lang) }), path: forum },
    { label: pickLocalized(topic.category_name, ctx.lang), path: `${forum}/${topic.category_slug}` },
    { label: topic.title, path: `/forum/t/${topic.id}` },
  ];
}

/** Processes every image of a post form before anything is stored; the first failure names its reason. */
export async function readImages(body: unknown): Promise<{ ok: true; images: ProcessedImage[] } | { ok: false; messageId: string }> {
  const files = filesOf(body, 'images');
  if (files.length > MAX_IMAGES_PER_POST) return { ok: false, messageId: 'forum.errors.tooManyImages' };
  const images: ProcessedImage[] = [];
  for (const file of files) {
    const result = await processImage(file);
    if (!result.ok) return { ok: false, messageId: `forum.errors.image.${result.reason}` };
    images.push(result.image);
  }
  return { ok: true, images };
}

/** Keyset cursors travel in the URL as base64url JSON; anything unreadable starts from the top. */
export function encodeCursor(cursor: TopicCursor): string {
  return Buffer.from(JSON.stringify([cursor.pinned ? 1 : 0, cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: unknown): TopicCursor | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [number, string, number];
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || !Number.isSafeInteger(id) || id < 1) return null;
    return { pinned: pinned === 1, at, id };
  } catch {
    return null;
  }
}

/** The request's query parameters. */
export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return (request.query ?? {}) as Record<string, string | undefined>;
}

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
