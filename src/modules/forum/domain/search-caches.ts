import type { FastifyInstance } from 'fastify';
import { PAGE_CACHE_OPTIONS, pageCacheEnabled } from './page-cache.ts';
import { keptUntilForumChanges, type Kept } from './kept.ts';
import { createFilterOptionsCache } from './search-filter-options.ts';
import type { SearchFound } from './search.ts';

/** Searches whose results are kept at once (each 20–30 KB: 20 results with their snippets; 30 MB at most). */
const SEARCHES_KEPT = 1_000;

/** The search page's filter choices, and what searches found (shared by the page and GET /api/v1/search). */
export interface SearchCaches {
  filterOptions: ReturnType<typeof createFilterOptionsCache>;
  /** Off with the page cache (PAGE_CACHE=0, and in tests). */
  found: Kept<SearchFound | null> | undefined;
}

const byApp = new WeakMap<object, SearchCaches>();

/**
 * The app's search caches, made once (the page and the API route share them, as when they were one plugin)
 * and closed with the app. What searches found is shared by viewers of one scope (signed-in members too) for
 * as long as visitors' search pages are kept.
 */
export function searchCaches(app: FastifyInstance): SearchCaches {
  let caches = byApp.get(app.uh);
  if (caches) return caches;
  const filterOptions = createFilterOptionsCache(app.uh.db, app.uh.live);
  const found = pageCacheEnabled()
    ? keptUntilForumChanges<SearchFound | null>(app.uh.live, { ttlMs: PAGE_CACHE_OPTIONS.searchTtlMs, max: SEARCHES_KEPT })
    : undefined;
  caches = { filterOptions, found };
  byApp.set(app.uh, caches);
  app.addHook('onClose', async () => {
    filterOptions.close();
    found?.close();
  });
  return caches;
}
