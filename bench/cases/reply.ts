import type { BenchCase } from '../lib.ts';

/**
 * Signed-in members posting replies (form post with session cookie and CSRF token, 303 on success).
 * Spread over 3,000 trusted members and 200 topics, so the forum's per-person flood limit (8 a minute)
 * is not what is measured. Each session has its own CSRF token (bound to it), derived as the app does.
 */
export const benchCase: BenchCase = {
  name: 'reply',
  order: 50,
  floor: 'floor_http_topic_page',
  async run(ctx) {
    const topics = ctx.dataset.busyTopicIds;
    const tokens = await ctx.sessionsFor(ctx.dataset.memberEmails);
    const requests = tokens.map((token, i) => ({
      method: 'POST' as const,
      path: `/en/forum/t/${topics[i % topics.length]}/reply`,
      headers: { cookie: `uh_session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        body: `Bench reply ${i}: công nhân ca đêm và کارگران شیفت شب ask about overtime pay.`,
        _csrf: ctx.csrfFor(token),
      }).toString(),
    }));
    const result = await ctx.load(requests, { spread: true });
    return { ...result, extra: { ...result.extra, note: '303 See Other is success (redirect to the new post)' } };
  },
};
