import type { BenchCase } from '../lib.ts';
import { seedWorkData } from '../work-seed.ts';

/**
 * The same provincial coordinator's review queue (Persian): 400 waiting reports among 20,000 in the federation's
 * programs (bench/work-seed.ts); the first page unfiltered, and filtered by county and by status, in rotation.
 * Target: p95 under 50 ms at 50 connections.
 */
export const benchCase: BenchCase = {
  name: 'review_queue',
  order: 33,
  floor: 'floor_http_topic_page',
  targetP95Ms: 50,
  async run(ctx) {
    const { email, countyIds } = await seedWorkData(ctx.pool, ctx.dataset);
    const { cookie } = await ctx.signIn(email, '/fa/reviews');
    const paths = ['/fa/reviews', `/fa/reviews?region=${countyIds[3] ?? ''}`, '/fa/reviews?status=resubmitted'];
    return ctx.load(paths.map((path) => ({ path, headers: { cookie } })));
  },
};
