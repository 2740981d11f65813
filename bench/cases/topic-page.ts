import type { BenchCase } from '../lib.ts';

/** An anonymous reader opening topic pages of 20 posts (rotating over 200 topics, three languages). */
export const benchCase: BenchCase = {
  name: 'topic_page',
  order: 10,
  floor: 'floor_http_topic_page',
  run(ctx) {
    const langs = ['fa', 'vi', 'en'];
    return ctx.load(
      ctx.dataset.busyTopicIds.map((id, i) => ({ path: `/${langs[i % 3]}/forum/t/${id}` })),
      { spread: true },
    );
  },
};
