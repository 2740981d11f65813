import type { BenchCase } from '../lib.ts';
import { distinctQueries } from '../search-log.ts';
import { searchRequests } from './search.ts';

/**
 * Visitors whose every search is one nobody asked before: what a search costs when no cache can answer
 * it. The queries are the generator's 2,000th to 12,000th (the search log uses the first 2,000,
 * search_one_reader the rest).
 */
export const benchCase: BenchCase = {
  name: 'search_uncached',
  order: 16,
  async run(ctx) {
    return ctx.load(searchRequests(undefined, distinctQueries(12_000).slice(2_000)), { spread: true });
  },
};
