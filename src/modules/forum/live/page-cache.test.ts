import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { TestClient } from '../../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn } from '../../../../test/support/factories.ts';
import { insertCategory, insertTopic } from '../search/test-data.ts';
import { pageCacheEnabled } from './page-cache.ts';

let t: TestApp;
let topicId: number;
let memberId: number;

beforeAll(async () => {
  process.env.PAGE_CACHE = '1';
  t = await createTestApp();
  delete process.env.PAGE_CACHE;
  const org = await createOrganization(t.db);
  const member = await createUser(t.db);
  memberId = member.id;
  await grantRole(t.db, member.id, org.id, 'member');
  const category = await insertCategory(t.db, org.id, 'public');
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
    const posted = await client.post(`/en/forum/t/${topicId}/reply`, { body: 'A reply that changes the page' }, { from: `/en/forum/t/${topicId}` });
    expect(posted.statusCode).toBe(303);
    const visitor = new TestClient(t.app);
    const fresh = (await visitor.get(`/en/forum/t/${topicId}`)).body;
    expect(fresh).toContain('Changed behind the app');
    expect(fresh).toContain('A reply that changes the page');
  });
});
