import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { UnionhallModule } from '../module.ts';
import { anonymousNoticeSource } from './domain/anonymous-notices.ts';
import { announceForumChanges } from './domain/forum-changes.ts';
import { installPageCache, pageCacheEnabled as cacheOn, PAGE_CACHE_OPTIONS as cacheOptions } from './domain/page-cache.ts';
import { forumApiRoutes } from './routes/api.ts';
import { forumPages } from './routes/pages/index.ts';
import { seedForum } from './seed.ts';

export { canReadCategory, canModerate, canAnswerOfficially, VISIBILITIES, type Visibility, type CategoryAccess } from './policy.ts';
export { visibleCategoryIds, visibleCategoryCondition, viewerScope } from './queries/visibility.ts';
export { forumWorkFor } from './loaders.ts';
export { runSearch, type SearchResult, type SearchOutcome } from './domain/search.ts';
export { publishNewPost, topicChannel } from './domain/publish.ts';
export { pageCacheEnabled, PAGE_CACHE_OPTIONS } from './domain/page-cache.ts';
export { FORUM_CHANGED, forumChanges } from './domain/forum-changes.ts';
export {
  presentPost,
  presentTopicListItem,
  pseudonymLabel,
  type PostRow,
  type PostView,
  type PostAuthor,
  type TopicListRow,
  type TopicListItem,
} from './presenters.ts';

/** Search's link is shown on forum pages only, beside the forum's own, so the header stays short elsewhere. */
const onForumPages = (ctx: { pathInLang: string }) =>
  ctx.pathInLang === '/forum' || ctx.pathInLang.startsWith('/forum/') || /^\/organizations\/[^/]+\/forum/.test(ctx.pathInLang);

/**
 * The announcements of forum writes and the page cache for anonymous readers: their hooks must see every
 * forum route (pages and API), so they are registered through fastify-plugin into the forum's context, ahead
 * of the routes; the hooks themselves act only on the forum routes they name.
 */
const forumCaches = fp(
  async (app: FastifyInstance) => {
    announceForumChanges(app, app.uh.live);
    if (cacheOn()) installPageCache(app, app.uh.live, cacheOptions);
  },
  { name: 'forum-caches' },
);

/** The forum's routes: its caches' hooks first, then the pages (with search and live) and the JSON API. */
async function forumPlugin(app: FastifyInstance): Promise<void> {
  await app.register(forumCaches);
  await app.register(forumPages);
  await app.register(forumApiRoutes);
}

/**
 * The workers' forum: categories per organization, topics, anonymous posting, official answers, moderation,
 * search (the page and GET /api/v1/search), live updates of open topics (SSE over LISTEN/NOTIFY) and the
 * JSON API under /api/v1/forum.
 */
export const forumModule: UnionhallModule = {
  name: 'forum',
  plugin: forumPlugin,
  nav: [
    { labelId: 'forum.nav', path: '/forum' },
    { labelId: 'forum-search.nav', path: '/forum/search', visible: onForumPages },
  ],
  organizationLinks: [{ labelId: 'forum.organizationLink', path: (slug) => `/organizations/${slug}/forum` }],
  seed: seedForum,
  // Anonymous authors hear of official answers and moderators' acts through notices worked out when read.
  notices: anonymousNoticeSource,
};
