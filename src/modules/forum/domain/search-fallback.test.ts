import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { createOrganization, createUser } from '../../../../test/support/factories.ts';
import { fallbackQuery } from './search-fallback.ts';
import { prepareQuery } from './search-query.ts';
import { runSearch } from './search.ts';
import { splitIntoWords } from './search-words.ts';
import { insertCategory, insertTopic } from '../factories.ts';
import { defined } from '../../../../test/support/defined.ts';

// The search fallback: when full text finds nothing, the query is read through the dictionary of
// indexed words (misspellings, words written together or apart) and searched again.
let database: TestDatabase;
let membersCategory: number;
let authorId: number;
let orgId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.pool;
  const org = await createOrganization(db, { slug: 'rasht-textile' });
  orgId = org.id;
  authorId = (await createUser(db)).id;
  const publicCategory = await insertCategory(db, org.id, 'public');
  membersCategory = await insertCategory(db, org.id, 'members');
  const by = { userId: authorId };
  await insertTopic(db, publicCategory, {
    title: 'Night shift question',
    body: 'A question about the night shift allowance at the mill.',
    by,
  });
  await insertTopic(db, publicCategory, {
    title: 'دیدار با خانواده کارگران',
    body: 'برنامهٔ دیدار با خانواده کارگر در رشت و نشست کار و کارگری.',
    by,
  });
  await insertTopic(db, publicCategory, { title: 'Ký túc xá', body: 'Phòng ở congnhan trẻ tại khu công nghiệp.', by });
  await insertTopic(db, membersCategory, { title: 'Members only', body: 'The confidential grievance about the foreman.', by });
});
afterAll(async () => {
  await database?.drop();
});

const search = async (q: string) => defined(await runSearch(database.pool, null, { q, page: 1 }), 'the search result');
const titlesFound = async (q: string) => (await search(q)).results.map((r) => r.topicTitle);

describe('splitIntoWords', () => {
  const dictionary = new Set(['کار', 'و', 'کارگری', 'کارگر', 'خانواده', 'thu', 'on']);
  const split = (word: string) =>
    splitIntoWords(
      word,
      (p) => dictionary.has(p),
      (p) => [...dictionary].some((w) => w.startsWith(p)),
    );

  it('splits into indexed words, fewest pieces first, the last one a word start', () => {
    expect(split('کاروکارگری')).toEqual(['کار', 'و', 'کارگری']);
    expect(split('خانوادهکارگ')).toEqual(['خانواده', 'کارگ']);
  });
  it('gives no split for a word that does not split, a word too short, or too many pieces', () => {
    expect(split('qestion')).toBeNull();
    expect(split('کار')).toBeNull();
    expect(split('thuonthuonthuon')).toBeNull();
  });
});

describe('the dictionary of indexed words', () => {
  it('holds the words of readable posts and titles as the index stores them, and of edits', async () => {
    const words = async (list: string[]) =>
      (
        await database.pool.query<{ word: string }>('SELECT word FROM forum_search_words WHERE word = ANY($1) ORDER BY word', [list])
      ).rows.map((r) => r.word);
    expect(await words(['allowance', 'ky', 'tuc', 'xa', 'خانواده', 'کارگران'])).toEqual([
      'allowance',
      'ky',
      'tuc',
      'xa',
      'خانواده',
      'کارگران',
    ]);
    await database.pool.query(`UPDATE forum_posts SET body_source = body_source || ' Overtime rota.' WHERE body_source LIKE 'A question%'`);
    await database.pool.query(`UPDATE forum_topics SET title = 'Night shift question (rota)' WHERE title = 'Night shift question'`);
    expect(await words(['overtime', 'rota'])).toEqual(['overtime', 'rota']);
  });
});

describe('search fallback', () => {
  it('finds a word spelt with a letter missing, in post bodies and titles, and marks the word found', async () => {
    const outcome = await search('qestion alowance');
    expect(outcome.fuzzy).toBe(true);
    expect(outcome.results.map((r) => r.topicTitle)).toContain('Night shift question (rota)');
    const marked = defined(outcome.results[0], 'outcome.results[0]')
      .snippet.filter((w) => w.hit)
      .map((w) => w.word.toLowerCase());
    expect(marked.some((w) => w.startsWith('question') || w.startsWith('allowance'))).toBe(true);
  });

  it('finds words written together when posts write them apart', async () => {
    expect(await titlesFound('کاروکارگری')).toContain('دیدار با خانواده کارگران');
    expect(await titlesFound('خانوادهکارگر')).toContain('دیدار با خانواده کارگران');
  });

  it('finds words written apart when posts write them together', async () => {
    expect(await titlesFound('cong nhan tre')).toContain('Ký túc xá');
  });

  it('takes garbage without failing: query syntax around a misspelling, a word too long to split, one letter (a prefix)', async () => {
    expect((await search("qestion' & | ! \\ :*")).results.map((r) => r.topicTitle)).toContain('Night shift question (rota)');
    expect((await search('x'.repeat(60))).results).toEqual([]);
    const oneLetter = await search('q');
    expect(oneLetter.fuzzy).toBe(false);
    expect(oneLetter.results.map((r) => r.topicTitle)).toContain('Night shift question (rota)');
  });

  it('finds nothing when nothing is spelt alike, and says so without a fallback notice', async () => {
    const outcome = await search('zzxqvw');
    expect(outcome).toEqual({ results: [], more: false, fuzzy: false });
    expect(await fallbackQuery(database.pool, await prepareQuery(database.pool, 'zzxqvw'))).toBeNull();
  });

  it('never shows what the reader may not see, though its words are in the dictionary', async () => {
    expect(await titlesFound('confidentail grievence')).toEqual([]);
    const member = {
      userId: authorId,
      isPlatformAdmin: false,
      grants: [{ organizationId: orgId, role: 'member' as const, regionId: null }],
    };
    const found = await runSearch(database.pool, member, { q: 'confidentail grievence', page: 1 });
    expect(defined(found, 'found').results.map((r) => r.topicTitle)).toEqual(['Members only']);
  });
});
