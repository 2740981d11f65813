import type { BenchCase } from '../lib.ts';

/** An anonymous reader opening a category's topic list. */
export const benchCase: BenchCase = {
  name: 'category_page',
  order: 11,
  floor: 'floor_http_topic_page',
  run(ctx) {
    const langs = ['fa', 'vi', 'en'];
    return ctx.load(
      ctx.dataset.categorySlugs.map((slug, i) => ({
        path: `/${langs[i % 3]}/organizations/${ctx.dataset.organizationSlug}/forum/${slug}`,
      })),
      { spread: true },
    );
  },
};
