import type { BenchCase } from '../lib.ts';
import { PAGE_CACHE_OPTIONS } from '../../src/modules/forum/domain/page-cache.ts';
import { searchLog, type SearchLogEntry } from '../search-log.ts';

/** Searches as search page requests, each from the page in the words' language (the search log by default). */
export function searchRequests(headers?: Record<string, string>, log: SearchLogEntry[] = searchLog({ length: 50_000 })) {
  return log.map(({ q, lang }) => ({ path: `/${lang}/forum/search?q=${encodeURIComponent(q)}`, headers }));
}

/** The warm-up that lets the search caches reach their steady state: as long as they keep a search. */
export const searchWarmup = (quick: boolean) => (quick ? 5 : PAGE_CACHE_OPTIONS.searchTtlMs / 1000);

/**
 * Anonymous readers searching the forum: a replayed search log of 50,000 searches over 2,000 distinct
 * queries (Zipf's law), each connection starting at a different place in it, so no connection repeats
 * itself within a run. Visitors' results pages are kept by the page cache for 30 s, so the warm-up
 * lasts that long (5 s with --quick): what is measured is the cache's steady state, not its first
 * seconds. The share of searches it answered is printed; search_uncached measures searches no cache can answer.
 */
export const benchCase: BenchCase = {
  name: 'search',
  order: 13,
  floor: 'floor_http_topic_page',
  async run(ctx) {
    let before: { hits: number; misses: number; shared: number } | undefined;
    const onMeasure = () => {
      const stats = ctx.pageCacheStats();
      if (stats) before = { ...stats.search };
    };
    const result = await ctx.load(searchRequests(), { spread: true, warmup: searchWarmup(ctx.quick), onMeasure });
    const after = ctx.pageCacheStats()?.search;
    if (!before || !after) return result;
    const answered = after.hits + after.shared - before.hits - before.shared;
    const rendered = after.misses - before.misses;
    return {
      ...result,
      extra: {
        ...result.extra,
        page_cache: `${Math.round((100 * answered) / Math.max(1, answered + rendered))}% from cache, ${rendered} searched`,
      },
    };
  },
};
