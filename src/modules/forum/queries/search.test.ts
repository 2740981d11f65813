import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { createOrganization, createUser } from '../../../../test/support/factories.ts';
import { CANDIDATES, PAGE_SIZE, searchPosts, type SearchInput } from './search.ts';
import { prepareQuery } from '../domain/search-query.ts';
import { snippetOf } from '../domain/search-snippets.ts';
import { chooseBodyStrategy } from '../domain/search-strategy.ts';
import { insertCategory, insertTopic } from '../factories.ts';
import { defined } from '../../../../test/support/defined.ts';

// The search query's two ways of finding the newest matches (walking the newest rows first, or the GIN
// index) must give the same answer, and the search rows must follow their posts and topics.
let database: TestDatabase;
let publicCategory: number;
let membersCategory: number;
let busyTopic: number;
const POSTS = CANDIDATES + 40;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.pool;
  const org = await createOrganization(db, { slug: 'quang-ninh-miners' });
  const author = await createUser(db, { name: 'Trần Thị Mai' });
  publicCategory = await insertCategory(db, org.id, 'public', 'Hỏi đáp');
  membersCategory = await insertCategory(db, org.id, 'members', 'Đoàn viên');
  busyTopic = await insertTopic(db, publicCategory, {
    title: 'Ca đêm ở mỏ than',
    body: 'Bắt đầu chủ đề về ca đêm.',
    by: { userId: author.id },
    createdAt: '2023-01-01T00:00:00Z',
  });
  // More matching posts than CANDIDATES, one a day, every seventh hidden or deleted (never found).
  await db.query(
    `INSERT INTO forum_posts (topic_id, post_number, author_id, body_source, body_html, created_at, is_hidden, deleted_at)
     SELECT $1, 1 + i, $2, 'Lương ca đêm tháng ' || i || ' của **thợ mỏ** số ' || i, '<p>x</p>',
            timestamptz '2023-01-02T00:00:00Z' + i * interval '1 day', i % 7 = 0 AND i % 2 = 0, CASE WHEN i % 7 = 0 AND i % 2 = 1 THEN now() END
     FROM generate_series(1, $3) i`,
    [busyTopic, author.id, POSTS],
  );
  await db.query('UPDATE forum_topics SET post_count = $2 + 1, last_post_number = $2 + 1 WHERE id = $1', [busyTopic, POSTS]);
  await db.query('ANALYZE forum_post_search');
});
afterAll(async () => {
  await database?.drop();
});

type Way = { strategy?: 'recent-first' | 'index'; recentWindow?: number };

async function ids(input: Partial<SearchInput> & { q: string }, way: Way = {}): Promise<number[]> {
  const prepared = await prepareQuery(database.pool, input.q);
  const found = await searchPosts(database.pool, null, { page: 1, ...input }, prepared, way);
  return defined(found, 'found').rows.map((r) => r.id);
}

describe('searchPosts', () => {
  it('finds the same posts, in the same order, whichever way it looks', async () => {
    for (const input of [
      { q: 'luong ca' },
      { q: 'luong ca', page: 3 },
      { q: 'luong ca', page: CANDIDATES / PAGE_SIZE },
      { q: 'thợ mỏ', to: '2023-03-31' },
      { q: 'tho', from: '2023-05-01', to: '2023-06-15', page: 2 },
      { q: 'dem', categoryId: publicCategory },
    ]) {
      const indexed = await ids(input, { strategy: 'index' });
      expect(indexed.length).toBeGreaterThan(0);
      // A window holding every row, one holding just enough matches (about 205 of the 207 rows), and one
      // too small (the GIN index is asked after it).
      for (const recentWindow of [undefined, 205, 50])
        expect(await ids(input, { strategy: 'recent-first', recentWindow })).toEqual(indexed);
    }
  });

  it('takes only the newest CANDIDATES matches, and never hidden or deleted posts', async () => {
    const all: number[] = [];
    for (let page = 1; page <= CANDIDATES / PAGE_SIZE; page++)
      all.push(...(await ids({ q: 'luong', page }, { strategy: 'recent-first', recentWindow: 205 })));
    const { rows } = await database.pool.query<{ id: number }>(
      `SELECT id FROM forum_posts WHERE topic_id = $1 AND post_number > 1 AND deleted_at IS NULL AND NOT is_hidden ORDER BY created_at DESC LIMIT $2`,
      [busyTopic, CANDIDATES],
    );
    expect(new Set(all)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('walks the newest rows first only for common words (by the statistics)', async () => {
    expect(await chooseBodyStrategy(database.pool, ['luong', 'ca'])).toBe('recent-first');
    expect(await chooseBodyStrategy(database.pool, ['luong', 'khongcotu'])).toBe('index');
    expect(await chooseBodyStrategy(database.pool, [])).toBe('index');
  });

  it('follows a topic hidden, shown again and moved to a members-only category', async () => {
    const author = await createUser(database.pool, { name: 'Lê Văn Hùng' });
    const topic = await insertTopic(database.pool, publicCategory, {
      title: 'Nhà tập thể',
      body: 'Ký túc xá xuống cấp nghiêm trọng',
      by: { userId: author.id },
    });
    const found = async () => (await ids({ q: 'ky tuc xa' })).length;
    expect(await found()).toBe(1);
    await database.pool.query('UPDATE forum_topics SET is_hidden = true WHERE id = $1', [topic]);
    expect(await found()).toBe(0);
    await database.pool.query('UPDATE forum_topics SET is_hidden = false WHERE id = $1', [topic]);
    expect(await found()).toBe(1);
    await database.pool.query('UPDATE forum_topics SET category_id = $2 WHERE id = $1', [topic, membersCategory]);
    expect(await found()).toBe(0);
  });

  it('shows the words of the post as last edited, the matching ones marked', async () => {
    const author = await createUser(database.pool, { name: 'Phạm Thu' });
    const topic = await insertTopic(database.pool, publicCategory, { title: 'Bữa ăn', body: 'Nhà ăn ca trưa', by: { userId: author.id } });
    await database.pool.query(`UPDATE forum_posts SET body_source = 'Căng tin **mới** mở: cơm ngon' WHERE topic_id = $1`, [topic]);
    const prepared = await prepareQuery(database.pool, 'cang tin');
    const result = await searchPosts(database.pool, null, { q: 'cang tin', page: 1 }, prepared);
    expect(defined(result, 'result').rows).toHaveLength(1);
    const snippet = snippetOf(
      defined(result?.rows[0], 'the first result').snippetWords,
      defined(result?.rows[0], 'the first result').snippetNorms,
      prepared.lexemes,
    );
    expect(snippet.map((w) => w.word).join(' ')).toBe('Căng tin mới mở: cơm ngon');
    expect(snippet.filter((w) => w.hit).map((w) => w.word)).toEqual(['Căng', 'tin']);
  });
});

describe('prepareQuery', () => {
  it('normalizes a query in the database once, then answers it again from memory', async () => {
    const client = await database.pool.connect();
    let roundTrips = 0;
    const query = client.query.bind(client);
    client.query = ((...args: unknown[]) => {
      roundTrips++;
      return Reflect.apply(query, client, args);
    }) as typeof client.query;
    try {
      const q = 'كارگر Công  NHÂN';
      const first = await prepareQuery(client, q);
      expect(first.lexemes).toEqual(['cong', 'nhan', 'کارگر']);
      expect(roundTrips).toBe(1);
      expect(await prepareQuery(client, q)).toEqual(first);
      expect(roundTrips).toBe(1);
      await prepareQuery(client, `${q} thợ`);
      expect(roundTrips).toBe(2);
    } finally {
      client.release();
    }
  });
});
