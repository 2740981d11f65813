import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/app.ts';
import { csrfFrom, TestClient } from '../../../test/support/client.ts';
import {
  clientFrom as clientFromAddress,
  personProbe,
  signInTraces,
  snapshot as takeSnapshot,
  startLoggedApp,
  unkeyedDigests,
  written,
} from '../../../test/support/leak-probe.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signIn,
  TEST_PASSWORD,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import type { JobQueue } from '../../core/jobs.ts';
import { createApiToken } from '../accounts/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { ageAccount, createCategory } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Issue 8: whoever holds the database (or a backup) and the app's log, but not ANONYMITY_KEY, must not
// be able to tie an anonymous post to its author. The author posts anonymously (a topic and a reply, by
// form and by API, from their own address and browser); then every row of every table of every schema
// (pg-boss's included) written while they posted, and every log line written meanwhile, is searched for
// anything that names them.
//
// "Written while they posted" is found by comparing a snapshot of every table taken just before the posts
// with one taken just after, rather than by comparing timestamps with the posts' times: that finds the rows
// stamped with the post's moment, the rows stamped with a moment derived from it (a counter's reset_at, a
// minute later), the rows changed but not stamped (a counter incremented, a last-seen column) and the rows
// with no timestamp at all, while the rows written before (the author's account, their sign-in, their
// token), which name them by design, are left out however close in time they are.

let logLines: string[] = [];
const AUTHOR = { name: 'Parisa Hidden-Author', email: 'parisa.hidden@example.org', phone: '+989121234567' };
const AUTHOR_ADDRESS = '203.0.113.77';
const AUTHOR_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 LeakProbe/7.3';
// A user id no other row's id will equal by chance, so that "90417" in a key or a column means the author.
const AUTHOR_ID = 90417;

let database: TestDatabase;
let app: FastifyInstance;
let jobs: JobQueue;
let union: TestOrganization;
let author: TestUser;
let reader: TestUser;
let category: { id: number; slug: string };
let namedTopicId: number;
let apiToken: string;
/** What names the author: their id in an id column or a key, and these strings (filled in beforeAll). */
let identifiers: string[] = [];

const namesAuthor = personProbe(
  () => author.id,
  () => identifiers,
);
const snapshot = () => takeSnapshot(database.pool);

async function postMultipart(client: TestClient, url: string, fields: Record<string, string>, image: Buffer) {
  const page = await client.get(url);
  const boundary = '----leaktest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrfFrom(page.body) })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="IMG_2041.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    image,
    Buffer.from('\r\n'),
  );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, jobs, lines: logLines } = await startLoggedApp(database));

  union = await createOrganization(database.pool, { slug: 'leak-union' });
  reader = await createUser(database.pool, { name: 'Reza Reader' });
  const mentioned = await createUser(database.pool, { name: 'Vu Thi Mai' });
  await database.pool.query(`ALTER TABLE users ALTER COLUMN id RESTART WITH ${AUTHOR_ID}`);
  author = await createUser(database.pool, AUTHOR);
  // Old enough that the new-account limit (3 posts in 10 minutes) leaves room for the five posts below.
  await ageAccount(database.pool, author.id);
  for (const u of [author, reader, mentioned]) await grantRole(database.pool, u.id, union.id, 'member');
  category = await createCategory(database.pool, union.id, { slug: 'wages', visibility: 'members' });

  // The reader follows the category and starts a named topic (which they then follow).
  const readerClient = new TestClient(app, { 'accept-language': 'en' });
  await signIn(database.pool, readerClient, reader.id);
  await readerClient.post(
    `/en/organizations/${union.slug}/forum/${category.slug}/follow`,
    { follow: '1' },
    { from: `/en/organizations/${union.slug}/forum/${category.slug}` },
  );
  const named = await readerClient.post(`/en/organizations/${union.slug}/forum/${category.slug}/new`, {
    title: 'Night shift pay',
    body: 'Is the night bonus paid this month?',
  });
  namedTopicId = Number(defined(/\/forum\/t\/(\d+)/.exec(String(named.headers.location)), 'the match')[1]);

  apiToken = await createApiToken(database.pool, author.id, 'phone app');

  identifiers = [
    AUTHOR.name,
    AUTHOR.email,
    AUTHOR.phone,
    AUTHOR_ADDRESS,
    AUTHOR_BROWSER,
    'LeakProbe',
    // Unkeyed digests of an identifier are as good as the identifier: anyone can compute them.
    ...unkeyedDigests([String(AUTHOR_ID), AUTHOR.email, AUTHOR.phone]),
  ];
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await app?.close();
  await database?.drop();
});

describe('anonymous posting leaves nothing that names the author (database, backups and logs, without the key)', () => {
  let writtenRows: Array<{ table: string; row: Record<string, unknown> }>;
  let postingLog: string[];

  beforeAll(async () => {
    // The author signs in from their address and browser, as a worker would from home.
    const browser = clientFromAddress(app, AUTHOR_ADDRESS, { 'accept-language': 'en', 'user-agent': AUTHOR_BROWSER });
    const login = await browser.post('/en/login', { identifier: AUTHOR.email, password: TEST_PASSWORD });
    expect(login.statusCode).toBe(303);
    identifiers.push(...(await signInTraces(database.pool, author.id)));

    const before = await snapshot();
    const logStart = logLines.length;
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa3322' } })
      .png()
      .toBuffer();

    // By form: an anonymous topic with an image, following the redirect as a browser does.
    const topic = await postMultipart(
      browser,
      `/en/organizations/${union.slug}/forum/${category.slug}/new`,
      { title: 'The manager keeps our wages', body: 'Three months unpaid. @Vu_Thi_Mai is it the same for you?', anonymous: 'on' },
      image,
    );
    expect(topic.statusCode).toBe(303);
    await browser.get(String(topic.headers.location));
    // By form: an anonymous reply in the reader's named topic.
    const reply = await browser.post(
      `/en/forum/t/${namedTopicId}/reply`,
      { body: 'Not paid here either.', anonymous: 'on' },
      { from: `/en/forum/t/${namedTopicId}` },
    );
    expect(reply.statusCode).toBe(303);
    await browser.get(String(reply.headers.location));
    // The author corrects their anonymous topic (an edit is an anonymous act too).
    const topicPath = defined(/\/en\/forum\/t\/\d+/.exec(String(topic.headers.location)), 'the match')[0];
    const edit = await browser.post(`${topicPath}/1/edit`, {
      title: 'The manager keeps our wages',
      body: 'Three months unpaid, since March. @Vu_Thi_Mai is it the same for you?',
    });
    expect(edit.statusCode).toBe(303);
    // By API, with the author's personal token, from the same address and browser, as a retrying client
    // would send it (with an Idempotency-Key: whatever keeps it must not name the author either).
    const api = (key: string) => ({ authorization: `Bearer ${apiToken}`, 'content-type': 'application/json', 'idempotency-key': key });
    const apiTopic = await browser.request({
      method: 'POST',
      url: `/api/v1/forum/categories/${category.id}/topics`,
      headers: api('leak-test-topic-1'),
      payload: { title: 'Overtime is not counted', body: 'Since May.', anonymous: true },
    });
    expect(apiTopic.statusCode).toBe(201);
    const apiReply = await browser.request({
      method: 'POST',
      url: `/api/v1/forum/topics/${namedTopicId}/posts`,
      headers: api('leak-test-reply-1'),
      payload: { body: 'Same in hall 2.', anonymous: true },
    });
    expect(apiReply.statusCode).toBe(201);

    postingLog = logLines.slice(logStart);
    writtenRows = written(before, await snapshot());
  });

  it('posted four anonymous posts that name nobody', async () => {
    const posts = await many<{ author_id: number | null }>(
      database.pool,
      `SELECT author_id FROM forum_posts WHERE anonymous_seal IS NOT NULL`,
    );
    expect(posts).toEqual([{ author_id: null }, { author_id: null }, { author_id: null }, { author_id: null }]);
    // The search is not vacuous: the posting wrote rows (posts, search rows, counters, notifications) and log lines.
    expect(writtenRows.map((w) => w.table)).toEqual(
      expect.arrayContaining(['public.forum_posts', 'public.forum_attachments', 'public.notifications', 'public.rate_limits']),
    );
    expect(postingLog.some((line) => line.includes(`/forum/t/${namedTopicId}/reply`))).toBe(true);
  });

  it('writes no row, in any table of any schema, that names the author', () => {
    const leaks = writtenRows.map(({ table, row }) => ({ table, why: namesAuthor(row) })).filter((leak) => leak.why !== null);
    expect(leaks).toEqual([]);
  });

  it('writes no log line that names the author or their address', () => {
    const leaks = postingLog
      .map((line) => ({ line: line.slice(0, 300), why: namesAuthor(JSON.parse(line)) }))
      .filter((leak) => leak.why !== null);
    expect(leaks).toEqual([]);
    // The submissions were logged (method and URL), only without who sent them.
    const submission = postingLog
      .map((line) => JSON.parse(line) as { req?: Record<string, unknown> })
      .find((line) => line.req?.method === 'POST' && String(line.req.url).endsWith('/reply'));
    expect(submission?.req).toEqual({ method: 'POST', url: `/en/forum/t/${namedTopicId}/reply`, host: 'localhost:80' });
  });

  it('keeps posting counters that name no one and pin no moment: keyed, one row per post, aligned to the minute', async () => {
    const counters = writtenRows
      .filter((w) => w.table === 'public.rate_limits')
      .map((w) => w.row as { key: string; count: number; reset_at: string });
    expect(counters.length).toBe(4);
    for (const counter of counters) {
      expect(counter.key).toMatch(/^forum-post:[A-Za-z0-9_-]{27}$/);
      expect(counter.count).toBe(1);
      expect(new Date(counter.reset_at).getTime() % 60_000).toBe(0);
    }
    expect(new Set(counters.map((c) => c.key)).size).toBe(4);
  });

  it('keeps only the network and the kind of browser in the author’s session', async () => {
    const session = await one<{ ip: string; user_agent: string }>(
      database.pool,
      `SELECT abbrev(ip) AS ip, user_agent FROM sessions WHERE user_id = $1`,
      [author.id],
    );
    expect(session).toEqual({ ip: '203.0.113.0/24', user_agent: 'Firefox on Linux' });
  });
});

describe('notifications of an anonymous post', () => {
  it('tell every follower, the author among them, so the one left out is not the author', async () => {
    // The author follows the reader's topic by name, then replies to it anonymously.
    const client = new TestClient(app, { 'accept-language': 'en' });
    await signIn(database.pool, client, author.id);
    await client.post(`/en/forum/t/${namedTopicId}/follow`, { follow: '1' }, { from: `/en/forum/t/${namedTopicId}` });
    const reply = await client.post(
      `/en/forum/t/${namedTopicId}/reply`,
      { body: 'Following this one too.', anonymous: 'on' },
      { from: `/en/forum/t/${namedTopicId}` },
    );
    expect(reply.statusCode).toBe(303);
    const postNumber = Number(defined(/#p(\d+)$/.exec(String(reply.headers.location)), 'the match')[1]);
    const told = await many<{ user_id: number }>(database.pool, `SELECT user_id FROM notifications WHERE link = $1 ORDER BY user_id`, [
      `/forum/t/${namedTopicId}/${postNumber}`,
    ]);
    const followers = await many<{ user_id: number }>(
      database.pool,
      `SELECT user_id FROM forum_follows WHERE topic_id = $1 OR category_id = $2 GROUP BY user_id ORDER BY user_id`,
      [namedTopicId, category.id],
    );
    expect(told).toEqual(followers);
    expect(told.map((t) => t.user_id)).toContain(author.id);
  });
});
