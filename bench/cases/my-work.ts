import type { BenchCase } from '../lib.ts';
import { seedWorkData } from '../work-seed.ts';

/**
 * A provincial coordinator opening the signed-in home page, "My work" (Persian), with 1,000 open items: 400 reports
 * to review, 240 activities, 200 meeting tasks, 160 flagged posts (bench/work-seed.ts). Every section is a bounded
 * query (a count and the first five), so the page costs the same at 1,000 items as at 10.
 * Target: p95 under 50 ms at 50 connections.
 */
export const benchCase: BenchCase = {
  name: 'my_work',
  order: 32,
  floor: 'floor_http_topic_page',
  targetP95Ms: 50,
  async run(ctx) {
    const { email } = await seedWorkData(ctx.pool, ctx.dataset);
    const { cookie } = await ctx.signIn(email, '/fa');
    return ctx.load([{ path: '/fa', headers: { cookie } }]);
  },
};
