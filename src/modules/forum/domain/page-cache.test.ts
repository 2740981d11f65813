import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents } from '../../../core/live.ts';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { TestClient } from '../../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn } from '../../../../test/support/factories.ts';
import { insertCategory, insertTopic } from '../factories.ts';
import { installPageCache, pageCacheEnabled, pageCacheStats } from './page-cache.ts';
import { defined } from '../../../../test/support/defined.ts';

let t: TestApp;
let topicId: number;
let memberId: number;
let categoryId: number;

beforeAll(async () => {
  process.env.PAGE_CACHE = '1';
  t = await createTestApp();
  delete process.env.PAGE_CACHE;
  const org = await createOrganization(t.db);
  const member = await createUser(t.db);
  memberId = member.id;
  await grantRole(t.db, member.id, org.id, 'member');
  const category = await insertCategory(t.db, org.id, 'public');
  categoryId = category;
  topicId = await insertTopic(t.db, category, { title: 'Original title', body: 'First post', by: { userId: member.id } });
});
afterAll(async () => {
  await t?.close();
});

const setTitle = (title: string) => t.db.query('UPDATE forum_topics SET title = $1 WHERE id = $2', [title, topicId]);

describe('page cache for anonymous readers', () => {
  it('is off in test runs unless PAGE_CACHE=1, and off with PAGE_CACHE=0', () => {
    expect(pageCacheEnabled({ VITEST: 'true' })).toBe(false);
    expect(pageCacheEnabled({ VITEST: 'true', PAGE_CACHE: '1' })).toBe(true);
    expect(pageCacheEnabled({ PAGE_CACHE: '0' })).toBe(false);
    expect(pageCacheEnabled({})).toBe(true);
  });

  it('serves a visitor the page rendered a moment ago, compressed as the app would', async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.get(`/en/forum/t/${topicId}`)).body).toContain('Original title');
    await setTitle('Changed behind the app');
    const cached = await visitor.get(`/en/forum/t/${topicId}`);
    expect(cached.body).toContain('Original title');
    expect(cached.headers['content-security-policy']).toBeDefined();
    const br = await visitor.get(`/en/forum/t/${topicId}`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(cached.body);
    const gzip = await visitor.get(`/en/forum/t/${topicId}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(cached.body);
  });

  it('renders a page once for many visitors arriving together, and serves them all', async () => {
    await t.db.query('UPDATE forum_topics SET title = $1 WHERE id = $2', ['Herd title', topicId]);
    const url = `/vi/forum/t/${topicId}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => new TestClient(t.app).get(url)));
    expect(responses.every((r) => r.statusCode === 200 && r.body.includes('Herd title'))).toBe(true);
    await setTitle('Changed behind the app');
  });

  it('never serves a signed-in reader from the cache', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, memberId);
    expect((await client.get(`/en/forum/t/${topicId}`)).body).toContain('Changed behind the app');
  });

  it('drops cached pages after a forum write succeeds', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, memberId);
    const posted = await client.post(
      `/en/forum/t/${topicId}/reply`,
      { body: 'A reply that changes the page' },
      { from: `/en/forum/t/${topicId}` },
    );
    expect(posted.statusCode).toBe(303);
    const visitor = new TestClient(t.app);
    const fresh = (await visitor.get(`/en/forum/t/${topicId}`)).body;
    expect(fresh).toContain('Changed behind the app');
    expect(fresh).toContain('A reply that changes the page');
  });
});

describe('page cache for anonymous searches', () => {
  const search = (client: TestClient, q: string) => client.get(`/en/forum/search?q=${encodeURIComponent(q)}`);

  it('serves a visitor the search page rendered a moment ago, and counts hits and misses', async () => {
    const before = { ...defined(pageCacheStats(t.app), 'pageCacheStats(t.app)').search };
    const visitor = new TestClient(t.app);
    const first = await search(visitor, 'lanterns');
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain('Lanterns at the dormitory');
    await insertTopic(t.db, categoryId, {
      title: 'Lanterns at the dormitory',
      body: 'lanterns for the night shift',
      by: { userId: memberId },
    });
    const again = await search(new TestClient(t.app), 'lanterns');
    expect(again.body).not.toContain('Lanterns at the dormitory');
    const after = defined(pageCacheStats(t.app), 'pageCacheStats(t.app)').search;
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    // Another query is another page: searched afresh.
    expect((await search(visitor, 'lantern')).body).toContain('Lanterns at the dormitory');
  });

  it('never serves a signed-in searcher from the cache, nor stores their page', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, memberId);
    expect((await search(client, 'lanterns')).body).toContain('Lanterns at the dormitory');
    await insertTopic(t.db, categoryId, { title: 'Kettles in the canteen', body: 'kettles', by: { userId: memberId } });
    expect((await search(client, 'kettles')).body).toContain('Kettles in the canteen');
    // The signed-in rendering was not stored for visitors either; theirs is rendered now and then kept.
    expect((await search(new TestClient(t.app), 'kettles')).body).toContain('Kettles in the canteen');
  });

  it('does not keep a refused search (bad input is answered afresh each time)', async () => {
    const before = { ...defined(pageCacheStats(t.app), 'pageCacheStats(t.app)').search };
    const visitor = new TestClient(t.app);
    expect((await visitor.get('/en/forum/search?q=x&page=99')).statusCode).toBe(422);
    expect((await visitor.get('/en/forum/search?q=x&page=99')).statusCode).toBe(422);
    expect(defined(pageCacheStats(t.app), 'pageCacheStats(t.app)').search.hits).toBe(before.hits);
  });

  it('keeps search pages through a new reply (new posts show within the search TTL), and drops them on an edit', async () => {
    const visitor = new TestClient(t.app);
    expect((await search(visitor, 'lanterns')).body).not.toContain('Lanterns by the gate');
    await insertTopic(t.db, categoryId, { title: 'Lanterns by the gate', body: 'lanterns', by: { userId: memberId } });
    const client = new TestClient(t.app);
    await signIn(t.db, client, memberId);
    const posted = await client.post(`/en/forum/t/${topicId}/reply`, { body: 'Another reply' }, { from: `/en/forum/t/${topicId}` });
    expect(posted.statusCode).toBe(303);
    // The topic page is rendered afresh; the search page is still the one cached a moment ago.
    expect((await visitor.get(`/en/forum/t/${topicId}`)).body).toContain('Another reply');
    expect((await search(visitor, 'lanterns')).body).not.toContain('Lanterns by the gate');
    // An edit may take words away: cached search pages go at once.
    const edited = await client.post(
      `/en/forum/t/${topicId}/2/edit`,
      { body: 'A reply that changes the page, edited' },
      { from: `/en/forum/t/${topicId}/2/edit` },
    );
    expect(edited.statusCode).toBe(303);
    expect((await search(visitor, 'lanterns')).body).toContain('Lanterns by the gate');
  });
});

describe('search results shared by viewer scope', () => {
  it('serves a member what another member of the same organizations found a moment ago, never a visitor or an outsider', async () => {
    const org2 = await createOrganization(t.db);
    const secret = await insertCategory(t.db, org2.id, 'members', 'Members room');
    const [first, second, outsider] = [await createUser(t.db), await createUser(t.db), await createUser(t.db)];
    await grantRole(t.db, first.id, org2.id, 'member');
    await grantRole(t.db, second.id, org2.id, 'member');
    await insertTopic(t.db, secret, { title: 'Overtime roster for the dye house', body: 'roster', by: { userId: first.id } });
    const searchAs = async (userId: number | null, q: string) => {
      const client = new TestClient(t.app);
      if (userId !== null) await signIn(t.db, client, userId);
      return (await client.get(`/en/forum/search?q=${q}`)).body;
    };
    expect(await searchAs(first.id, 'roster')).toContain('Overtime roster for the dye house');
    await insertTopic(t.db, secret, { title: 'Roster swap requests', body: 'roster', by: { userId: first.id } });
    // Same scope: what the first member's search found is served again.
    const shared = await searchAs(second.id, 'roster');
    expect(shared).toContain('Overtime roster for the dye house');
    expect(shared).not.toContain('Roster swap requests');
    // Other scopes search afresh, and see only what they may read.
    expect(await searchAs(outsider.id, 'roster')).not.toContain('roster for the dye house');
    expect(await searchAs(null, 'roster')).not.toContain('roster for the dye house');
  });
});

describe('page cache stores', () => {
  it('keeps search pages apart from forum pages, each dropping its least recently used page first', async () => {
    const app = Fastify();
    await app.register(cookie);
    app.decorate('uh', { sessionCookie: 'uh_session' } as never);
    const live = await createLiveEvents(t.databaseUrl, t.db);
    installPageCache(app, live, { ttlMs: 60_000, maxEntries: 2, maxSearchEntries: 2, searchTtlMs: 60_000 });
    const renders = new Map<string, number>();
    const render = (url: string) => {
      renders.set(url, (renders.get(url) ?? 0) + 1);
      return `<p>${url}</p>`;
    };
    app.get('/:lang/forum/t/:topicId', async (request, reply) => reply.type('text/html').send(render(request.url)));
    app.get('/:lang/forum/search', async (request, reply) => reply.type('text/html').send(render(request.url)));
    const get = async (url: string) => (await app.inject({ method: 'GET', url })).statusCode;
    try {
      for (const url of ['/en/forum/t/1', '/en/forum/t/2', '/en/forum/search?q=a', '/en/forum/search?q=b'])
        expect(await get(url)).toBe(200);
      await get('/en/forum/search?q=a'); // used again: now b is the least recently used search
      await get('/en/forum/search?q=c'); // the search store is full: b goes
      await get('/en/forum/search?q=d'); // then a
      for (const url of ['/en/forum/t/1', '/en/forum/t/2', '/en/forum/search?q=c', '/en/forum/search?q=b']) await get(url);
      expect(Object.fromEntries(renders)).toEqual({
        '/en/forum/t/1': 1,
        '/en/forum/t/2': 1,
        '/en/forum/search?q=a': 1,
        '/en/forum/search?q=b': 2,
        '/en/forum/search?q=c': 1,
        '/en/forum/search?q=d': 1,
      });
      expect(pageCacheStats(app)).toEqual({ pages: { hits: 2, misses: 2, shared: 0 }, search: { hits: 2, misses: 5, shared: 0 } });
    } finally {
      await app.close();
      await live.close();
    }
  });
});
