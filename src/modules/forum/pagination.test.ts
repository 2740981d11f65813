import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import type { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signedInClient } from '../../../test/support/factories.ts';
import { many } from '../../../test/support/sql.ts';
import { createCategory, insertListedTopics, insertThread } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let orgSlug: string;
let category: { id: number; slug: string };
let hidden: { id: number; slug: string };
let expectedOrder: number[];

/** Follows "Older" links from a list's first page to its last, collecting topic ids in order. */
async function walk(client: TestClient | null, firstUrl: string): Promise<number[]> {
  const seen: number[] = [];
  let url: string | null = firstUrl;
  for (let pages = 0; url && pages < 50; pages++) {
    const response = client ? await client.get(url) : await t.app.inject({ url });
    expect(response.statusCode).toBe(200);
    seen.push(...[...response.body.matchAll(/class="forum-topic__title" href="\/en\/forum\/t\/(\d+)"/g)].map((m) => Number(m[1])));
    const next = /<a href="([^"]+)" rel="next">/.exec(response.body);
    url = next ? defined(next[1], 'next[1]').replace(/&amp;/g, '&') : null;
  }
  return seen;
}

beforeAll(async () => {
  const org = await createOrganization(t.db, { slug: 'paging-union' });
  orgSlug = org.slug;
  category = await createCategory(t.db, org.id, { slug: 'busy', visibility: 'public' });
  hidden = await createCategory(t.db, org.id, { slug: 'members-only', visibility: 'members' });
  // 95 topics; groups of five share the very same last-activity instant, so ties are broken by id.
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  await insertListedTopics(
    t.db,
    category.id,
    numbers(95).map((g) => ({
      title: `Topic ${g}`,
      lastPostedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(g / 5) * 60_000).toISOString(),
      isPinned: g === 7 || g === 40,
    })),
  );
  await insertListedTopics(
    t.db,
    hidden.id,
    numbers(5).map((g) => ({ title: `Secret ${g}`, lastPostedAt: '2026-06-01T00:00:00Z' })),
  );
  const rows = await many<{ id: number }>(
    t.db,
    `SELECT id FROM forum_topics WHERE category_id = $1 ORDER BY is_pinned DESC, last_posted_at DESC, id DESC`,
    [category.id],
  );
  expectedOrder = rows.map((r) => r.id);
});

describe('keyset pagination of topic lists', () => {
  it('walks a category page by page: pinned first, then by last activity, every topic exactly once', async () => {
    const seen = await walk(null, `/en/organizations/${orgSlug}/forum/${category.slug}`);
    expect(seen).toEqual(expectedOrder);
  });
  it('walks the latest list across readable categories only, newest activity first', async () => {
    const seen = await walk(null, '/en/forum');
    const expected = (
      await many<{ id: number }>(t.db, `SELECT id FROM forum_topics WHERE category_id = $1 ORDER BY last_posted_at DESC, id DESC`, [
        category.id,
      ])
    ).map((r) => r.id);
    expect(seen).toEqual(expected);
    const member = await createUser(t.db);
    await grantRole(
      t.db,
      member.id,
      defined((await many<{ id: number }>(t.db, `SELECT id FROM organizations WHERE slug = $1`, [orgSlug]))[0], 'the first row').id,
      'member',
    );
    const memberSeen = await walk(await signedInClient(t, member), '/en/forum');
    expect(memberSeen).toHaveLength(100);
  });
  it('starts from the top when the cursor is unreadable', async () => {
    const response = await t.app.inject({ url: `/en/organizations/${orgSlug}/forum/${category.slug}?after=not-a-cursor` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`/en/forum/t/${expectedOrder[0]}"`);
  });
  it('reads a deep page through the index without sorting or skipping rows (page 500 costs what page 1 costs)', async () => {
    await t.db.query('ANALYZE forum_topics');
    await t.db.query('SET enable_seqscan = off');
    const plan = await many<{ 'QUERY PLAN': string }>(
      t.db,
      `EXPLAIN SELECT id FROM forum_topics t WHERE t.category_id = $1 AND (t.is_pinned, t.last_posted_at, t.id) < (false, '2026-01-01T00:03:00Z', 20)
       ORDER BY t.is_pinned DESC, t.last_posted_at DESC, t.id DESC LIMIT 31`,
      [category.id],
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('forum_topics_category_list_idx');
    expect(text).not.toMatch(/\bSort\b/);
    await t.db.query('RESET enable_seqscan');
  });
});

describe('topic pages by post number', () => {
  it('pages posts 20 at a time and sends each permalink to its page and anchor', async () => {
    const { topicId } = await insertThread(t.db, category.id, 'Long thread', 45);
    const page3 = await t.app.inject({ url: `/en/forum/t/${topicId}?page=3` });
    expect(page3.statusCode).toBe(200);
    const numbers = [...page3.body.matchAll(/<article class="forum-post[^"]*" id="p(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([41, 42, 43, 44, 45]);
    const page1 = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect([...page1.body.matchAll(/id="p(\d+)"/g)]).toHaveLength(20);
    expect(page1.body).toContain(`href="/en/forum/t/${topicId}?page=2" rel="next"`);
    const permalink = await t.app.inject({ url: `/fa/forum/t/${topicId}/41` });
    expect(permalink.statusCode).toBe(302);
    expect(permalink.headers.location).toBe(`/fa/forum/t/${topicId}?page=3#p41`);
    const first = await t.app.inject({ url: `/vi/forum/t/${topicId}/7` });
    expect(first.headers.location).toBe(`/vi/forum/t/${topicId}#p7`);
    const byId = await many<{ id: number }>(t.db, `SELECT id FROM forum_posts WHERE topic_id = $1 AND post_number = 22`, [topicId]);
    const redirect = await t.app.inject({ url: `/en/forum/p/${defined(byId[0], 'byId[0]').id}` });
    expect(redirect.headers.location).toBe(`/en/forum/t/${topicId}?page=2#p22`);
  });
  it('does not let a permalink by id reveal a post in a category the viewer cannot read', async () => {
    const { postIds } = await insertThread(t.db, hidden.id, 'Secret thread', 1);
    expect((await t.app.inject({ url: `/en/forum/p/${defined(postIds[0], 'the post')}` })).statusCode).toBe(404);
  });
});
