import type { BenchCase } from '../lib.ts';
import { searchRequests } from './search.ts';

/** One signed-in member replaying the search log (never cached): what a whole search costs on a server that is not saturated. */
export const benchCase: BenchCase = {
  name: 'search_one_reader',
  order: 14,
  async run(ctx) {
    const [token] = await ctx.sessionsFor(ctx.dataset.memberEmails.slice(0, 1));
    return ctx.load(searchRequests({ cookie: `uh_session=${token}` }), { connections: 1 });
  },
};
