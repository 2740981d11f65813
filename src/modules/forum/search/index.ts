import type { UnionhallModule } from '../../module.ts';
import { searchOpenapiPaths, searchOpenapiSchemas } from './openapi.ts';
import { searchRoutes } from './routes.ts';

export { runSearch, type SearchResult, type SearchOutcome } from './search.ts';

/** Forum search: the search page and GET /api/v1/search, over what the viewer may read. */
export const forumSearchModule: UnionhallModule = {
  name: 'forum-search',
  plugin: searchRoutes,
  // Shown on forum pages only, beside the forum's own link, so the header stays short elsewhere.
  nav: [{ labelId: 'forum-search.nav', path: '/forum/search', visible: (ctx) => ctx.pathInLang === '/forum' || ctx.pathInLang.startsWith('/forum/') || /^\/organizations\/[^/]+\/forum/.test(ctx.pathInLang) }],
  openapiPaths: searchOpenapiPaths,
  openapiSchemas: searchOpenapiSchemas,
};
