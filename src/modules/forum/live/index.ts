import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../../module.ts';
import { announceForumChanges } from './forum-changes.ts';
import { installPageCache, pageCacheEnabled } from './page-cache.ts';
import { liveRoutes } from './routes.ts';

export { publishNewPost, topicChannel } from './publish.ts';
export { pageCacheEnabled } from './page-cache.ts';
export { FORUM_CHANGED, forumChanges } from './forum-changes.ts';

/** The anonymous page cache's bounds: forum pages for 10 s, search result pages (new posts show this late at most) for 30 s. */
export const PAGE_CACHE_OPTIONS = { ttlMs: 10_000, maxEntries: 5_000, maxSearchEntries: 3_000, searchTtlMs: 30_000 };

/** Live forum updates: new replies appear on open topic pages (SSE fed by PostgreSQL LISTEN/NOTIFY). */
export const forumLiveModule: UnionhallModule = {
  name: 'forum-live',
  plugin: forumLivePlugin,
};

/**
 * Its routes, the announcements of forum writes (forum-changes.ts) and the page cache for anonymous
 * readers. Their hooks must see the forum's routes, so this plugin is not encapsulated (skip-override,
 * as fastify-plugin does); the hooks themselves act only on the forum routes they name.
 */
async function forumLivePlugin(app: FastifyInstance): Promise<void> {
  announceForumChanges(app, app.uh.live);
  if (pageCacheEnabled()) installPageCache(app, app.uh.live, PAGE_CACHE_OPTIONS);
  await app.register(liveRoutes);
}
(forumLivePlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
