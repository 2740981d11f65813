import { benchCase as search } from './search.ts';
import type { BenchCase } from '../lib.ts';

/** The search case with one connection: the latency one reader sees when the server is not saturated. */
export const benchCase: BenchCase = {
  name: 'search_one_reader',
  order: 14,
  async run(ctx) {
    return search.run({ ...ctx, load: (requests, options = {}) => ctx.load(requests, { ...options, connections: 1 }) });
  },
};
