import type { BenchCase } from '../lib.ts';
import { distinctQueries } from '../search-log.ts';
import { searchRequests } from './search.ts';

/** One visitor whose every search is new (no cache answers it): the latency of a whole search on a server that is not saturated. */
export const benchCase: BenchCase = {
  name: 'search_one_reader',
  order: 14,
  async run(ctx) {
    // Queries no other case asks (the search log has the first 2,000, search_uncached the next 10,000).
    return ctx.load(searchRequests(undefined, distinctQueries(15_000).slice(12_000)), { connections: 1 });
  },
};
