import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvents } from '../../../core/live.ts';

/** The live channel that says "something in the forum changed" to every process. */
export const FORUM_CHANGED = 'forum:changed';

/**
 * Forum writes that only add a post or a topic (pages and API). Caches of forum pages drop everything
 * on any write; kept search results survive these (a new post shows once they expire), but every other
 * write (an edit, a deletion, hiding, moving, a category's name or visibility) drops them at once, so
 * nothing taken away is found.
 */
const ADDING_ROUTES = new Set([
  '/:lang/forum/t/:topicId/reply',
  '/:lang/organizations/:slug/forum/:categorySlug/new',
  '/api/v1/forum/categories/:categoryId/topics',
  '/api/v1/forum/topics/:topicId/posts',
]);

/** A forum change as caches hear it: `added` when it only added a post or a topic. */
export type ForumChangeListener = (change: { added: boolean }) => void;

export interface ForumChanges {
  /** Tells this process's listeners at once, and other processes through LISTEN/NOTIFY. */
  announce(added: boolean): Promise<void>;
  subscribe(listener: ForumChangeListener): () => void;
}

const byLive = new WeakMap<LiveEvents, ForumChanges>();

/**
 * Forum changes for one app (one LiveEvents): this process's listeners hear a change before its
 * response is sent (the next request never sees a stale cache), other processes a moment later; a
 * process ignores the echo of its own announcements.
 */
export function forumChanges(live: LiveEvents): ForumChanges {
  let changes = byLive.get(live);
  if (changes) return changes;
  const origin = randomUUID();
  const listeners = new Set<ForumChangeListener>();
  const tell = (added: boolean) => {
    for (const listener of listeners) listener({ added });
  };
  live.subscribe(FORUM_CHANGED, (payload) => {
    if (payload.origin !== origin) tell(payload.added === true);
  });
  // Back from a lost LISTEN connection: another process's change may never have arrived, so every cache
  // is dropped as for a change that took something away.
  live.onResync(() => tell(false));
  changes = {
    async announce(added) {
      tell(added);
      await live.publish(FORUM_CHANGED, { added, origin }).catch(() => {});
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  byLive.set(live, changes);
  return changes;
}

/** Announces every successful forum write (any non-GET route under /forum, pages or API) once it is answered. */
export function announceForumChanges(app: FastifyInstance, live: LiveEvents): void {
  const changes = forumChanges(live);
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400) return payload;
    const route = request.routeOptions.url ?? '';
    // This process's caches are dropped now, before the answer leaves; other processes hear it shortly.
    if (route.includes('/forum')) void changes.announce(ADDING_ROUTES.has(route));
    return payload;
  });
}
