import type { BenchCase } from '../lib.ts';
import { searchRequests } from './search.ts';

/**
 * Signed-in members replaying the same search log: their pages are never cached (they show who is
 * asking), so every request is a whole search: session, normalization, the search statement, rendering.
 */
export const benchCase: BenchCase = {
  name: 'search_signed_in',
  order: 15,
  async run(ctx) {
    const tokens = await ctx.sessionsFor(ctx.dataset.memberEmails.slice(0, ctx.connections));
    // One member per connection: each connection's requests carry its own session cookie.
    const requests = searchRequests();
    return ctx.load(requests, { spread: true, perConnectionHeaders: tokens.map((token) => ({ cookie: `uh_session=${token}` })) });
  },
};
