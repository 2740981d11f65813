import type { BenchCase } from '../lib.ts';
import { PAGE_CACHE_OPTIONS } from '../../src/modules/forum/live/index.ts';
import { searchLog } from '../search-log.ts';

/** The search log (bench/search-log.ts) as search page requests, each from the page in the words' language. */
export function searchRequests(headers?: Record<string, string>) {
  return searchLog({ length: 50_000 }).map(({ q, lang }) => ({ path: `/${lang}/forum/search?q=${encodeURIComponent(q)}`, headers }));
}

/**
 * Anonymous readers searching the forum: a replayed search log of 50,000 searches over 2,000 distinct
 * queries (Zipf's law), each connection starting at a different place in it, so no connection repeats
 * itself within a run. Visitors' results pages are kept by the page cache for 30 s, so the warm-up
 * lasts that long (5 s with --quick): what is measured is the cache's steady state, not its first
 * seconds. The share of searches it answered is printed; search_signed_in measures every search made.
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
    const result = await ctx.load(searchRequests(), { spread: true, warmup: ctx.quick ? 5 : PAGE_CACHE_OPTIONS.searchTtlMs / 1000, onMeasure });
    const after = ctx.pageCacheStats()?.search;
    if (!before || !after) return result;
    const answered = after.hits + after.shared - before.hits - before.shared;
    const rendered = after.misses - before.misses;
    return { ...result, extra: { ...result.extra, page_cache: `${Math.round((100 * answered) / Math.max(1, answered + rendered))}% from cache, ${rendered} searched` } };
  },
};
