import type { BenchCase } from '../lib.ts';
import { searchRequests, searchWarmup } from './search.ts';

/**
 * Signed-in members replaying the same search log, one member per connection. Their pages are never
 * cached (they show who is asking); what a search found is shared by members of the same organizations
 * for as long as visitors' search pages are kept, so each request still loads the session and renders.
 */
export const benchCase: BenchCase = {
  name: 'search_signed_in',
  order: 15,
  async run(ctx) {
    const tokens = await ctx.sessionsFor(ctx.dataset.memberEmails.slice(0, ctx.connections));
    return ctx.load(searchRequests(), {
      spread: true,
      warmup: searchWarmup(ctx.quick),
      perConnectionHeaders: tokens.map((token) => ({ cookie: `uh_session=${token}` })),
    });
  },
};
