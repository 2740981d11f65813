import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn, type TestUser } from '../../../test/support/factories.ts';
import { createApiToken } from '../accounts/factories.ts';
import { insertCategory, insertReply, insertTopic } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let member: TestUser;
let hiddenAuthor: TestUser;
let memberToken: string;
let openCategory: number;
let membersCategory: number;
let openTopic: number;
let membersTopic: number;

const apiToken = (userId: number): Promise<string> => createApiToken(t.db, userId);

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganization(t.db, { slug: 'api-union' });
  member = await createUser(t.db, { name: 'Member Mai' });
  hiddenAuthor = await createUser(t.db, { name: 'Anonymous Person Real Name' });
  await grantRole(t.db, member.id, org.id, 'member');
  await grantRole(t.db, hiddenAuthor.id, org.id, 'member');
  // Old enough to post without the new-account limit getting in the way of the tests.
  await t.db.query(`UPDATE users SET created_at = now() - interval '1 year'`);
  memberToken = await apiToken(member.id);
  openCategory = await insertCategory(t.db, org.id, 'public', 'Open');
  membersCategory = await insertCategory(t.db, org.id, 'members', 'Members');
  openTopic = await insertTopic(t.db, openCategory, { title: 'Open question', body: 'Who answers here?', by: { userId: member.id } });
  await insertReply(t.db, openTopic, 'I ask anonymously.', { anonymousUserId: hiddenAuthor.id, key: t.config.anonymityKey });
  membersTopic = await insertTopic(t.db, membersCategory, {
    title: 'Members question',
    body: 'Inside only',
    by: { anonymousUserId: hiddenAuthor.id, key: t.config.anonymityKey },
  });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

describe('GET /api/v1/forum/categories', () => {
  it('lists only public categories without a token', async () => {
    const json = (await get('/api/v1/forum/categories')).json<{ categories: Array<{ id: number }> }>();
    expect(json.categories.map((c) => c.id)).toEqual([openCategory]);
  });
  it('lists members categories to a member by token, and filters by organization', async () => {
    const auth = { authorization: `Bearer ${memberToken}` };
    expect((await get('/api/v1/forum/categories', auth)).json<{ categories: unknown[] }>().categories).toHaveLength(2);
    expect((await get('/api/v1/forum/categories?org=no-such-org', auth)).json<{ categories: unknown[] }>().categories).toHaveLength(0);
    expect((await get('/api/v1/forum/categories?org=%3Cscript%3E', auth)).json<{ categories: unknown[] }>().categories).toHaveLength(0);
  });
  it('answers 401 for a bad token', async () => {
    const response = await get('/api/v1/forum/categories', { authorization: 'Bearer not-a-token' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
  });
});

describe('GET /api/v1/forum/categories/:id/topics', () => {
  it('lists a public category’s topics with a keyset cursor', async () => {
    const json = (await get(`/api/v1/forum/categories/${openCategory}/topics`)).json<{
      topics: Array<{ title: string }>;
      nextCursor: string | null;
    }>();
    expect(json.topics.map((x) => x.title)).toEqual(['Open question']);
    expect(json.nextCursor).toBeNull();
  });
  it('answers 404 for a private category without access, and for nonsense ids', async () => {
    expect((await get(`/api/v1/forum/categories/${membersCategory}/topics`)).statusCode).toBe(404);
    expect((await get('/api/v1/forum/categories/abc/topics')).statusCode).toBe(404);
    expect((await get(`/api/v1/forum/categories/${membersCategory}/topics`, { authorization: `Bearer ${memberToken}` })).statusCode).toBe(
      200,
    );
  });
  it('shows an anonymous starter as a pseudonym', async () => {
    const body = (await get(`/api/v1/forum/categories/${membersCategory}/topics`, { authorization: `Bearer ${memberToken}` })).body;
    expect(body).toContain('Worker 1');
    expect(body).not.toContain('Anonymous Person Real Name');
  });
});

describe('GET /api/v1/forum/topics/:id and /posts/:id', () => {
  it('returns a topic with its posts; the anonymous author only as a pseudonym number', async () => {
    const response = await get(`/api/v1/forum/topics/${openTopic}`);
    expect(response.statusCode).toBe(200);
    const json = response.json<{ posts: Array<{ postNumber: number; author: Record<string, unknown> }> }>();
    expect(json.posts.map((p) => p.postNumber)).toEqual([1, 2]);
    expect(defined(json.posts[1], 'json.posts[1]').author).toEqual({ kind: 'anonymous', pseudonymNumber: 1 });
    expect(response.body).not.toContain('Anonymous Person Real Name');
    expect(json.posts.some((p) => p.author.id === hiddenAuthor.id)).toBe(false);
  });
  it('answers 404 for a members-only topic and its posts without access, and for a page out of range', async () => {
    expect((await get(`/api/v1/forum/topics/${membersTopic}`)).statusCode).toBe(404);
    const postId = defined(
      (await t.db.query<{ id: number }>('SELECT id FROM forum_posts WHERE topic_id = $1', [membersTopic])).rows[0],
      'the post',
    ).id;
    expect((await get(`/api/v1/forum/posts/${postId}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/forum/posts/${postId}`, { authorization: `Bearer ${memberToken}` })).statusCode).toBe(200);
    expect((await get(`/api/v1/forum/topics/${openTopic}?page=2`)).statusCode).toBe(404);
  });
});

describe('POST /api/v1/forum/... (writes)', () => {
  it('requires a signed-in caller', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/topics/${openTopic}/posts`,
      payload: { body: 'Hello there' },
    });
    expect([401, 403]).toContain(response.statusCode);
  });

  it('replies by bearer token without a CSRF token, anonymously, and never reveals who', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/topics/${openTopic}/posts`,
      headers: { authorization: `Bearer ${memberToken}` },
      payload: { body: 'Reply through the API', anonymous: true },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ post: { topicId: openTopic, postNumber: 3, url: `/forum/t/${openTopic}/3` } });
    const topic = (await get(`/api/v1/forum/topics/${openTopic}`)).body;
    expect(topic).toContain('Reply through the API');
    expect(topic).not.toContain('Member Mai","');
  });

  it('with a session cookie, refuses a write without the x-csrf-token header and accepts it with one', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, member.id);
    const without = await client.request({ method: 'POST', url: `/api/v1/forum/topics/${openTopic}/posts`, payload: { body: 'No token' } });
    expect(without.statusCode).toBe(403);
    const { token } = (await client.get('/api/v1/forum/csrf-token')).json<{ token: string }>();
    const withToken = await client.request({
      method: 'POST',
      url: `/api/v1/forum/topics/${openTopic}/posts`,
      headers: { 'x-csrf-token': token },
      payload: { body: 'With a token' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('starts a topic by token; 404 in a category the caller may not read; 422 for bad input', async () => {
    const auth = { authorization: `Bearer ${memberToken}` };
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/categories/${membersCategory}/topics`,
      headers: auth,
      payload: { title: 'New via API', body: 'Body text' },
    });
    expect(created.statusCode).toBe(201);
    const outsiderToken = await apiToken((await createUser(t.db)).id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/categories/${membersCategory}/topics`,
      headers: { authorization: `Bearer ${outsiderToken}` },
      payload: { title: 'Sneaky', body: 'Body text' },
    });
    expect(refused.statusCode).toBe(404);
    for (const payload of [
      { title: '', body: 'x' },
      { title: 'Over long', body: 'a'.repeat(10_001) },
      { title: 'Override \u202E', body: 'Body text' },
      { title: 'Fine', body: 'a\u202Eb' },
    ]) {
      const bad = await t.app.inject({ method: 'POST', url: `/api/v1/forum/categories/${openCategory}/topics`, headers: auth, payload });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ error: { code: string } }>().error.code).toBe('invalid_input');
    }
  });

  it('escapes markup: a script in a reply never comes back as a script element', async () => {
    const auth = { authorization: `Bearer ${memberToken}` };
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/forum/topics/${openTopic}/posts`,
      headers: auth,
      payload: { body: '<script>alert(1)</script> hello' },
    });
    const body = (await get(`/api/v1/forum/topics/${openTopic}`)).body;
    expect(body).not.toContain('<script>');
  });
});

describe('OpenAPI', () => {
  it('documents the forum API paths', async () => {
    const doc = (await get('/api/openapi.json')).json<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/forum/categories',
        '/api/v1/forum/topics/{topicId}',
        '/api/v1/forum/topics/{topicId}/posts',
        '/api/v1/search',
      ]),
    );
    expect(doc.components.schemas.ForumPost).toBeDefined();
  });
});
