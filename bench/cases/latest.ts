import type { BenchCase } from '../lib.ts';

/** An anonymous reader opening the "latest" list across every category they may see. */
export const benchCase: BenchCase = {
  name: 'latest',
  order: 12,
  floor: 'floor_http_topic_page',
  run(ctx) {
    return ctx.load(['fa', 'vi', 'en'].map((lang) => ({ path: `/${lang}/forum` })));
  },
};
