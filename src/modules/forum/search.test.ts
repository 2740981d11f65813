import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn, type TestUser } from '../../../test/support/factories.ts';
import { insertCategory, insertReply, insertTopic } from './factories.ts';

let t: TestApp;
let member: TestUser;
let outsider: TestUser;
let secretAuthor: TestUser;
let publicTopic: number;

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganization(t.db, { slug: 'bac-giang-federation' });
  const other = await createOrganization(t.db, { slug: 'gilan-union' });
  member = await createUser(t.db, { name: 'Nguyễn Văn Công' });
  outsider = await createUser(t.db, { name: 'Outsider' });
  secretAuthor = await createUser(t.db, { name: 'Zohreh Secret-Author' });
  await grantRole(t.db, member.id, org.id, 'member');
  const open = await insertCategory(t.db, org.id, 'public', 'Hỏi đáp');
  const members = await insertCategory(t.db, org.id, 'members', 'Members only');
  const officials = await insertCategory(t.db, org.id, 'officials', 'Officials only');
  const gilan = await insertCategory(t.db, other.id, 'public', 'گفت‌وگو');
  publicTopic = await insertTopic(t.db, open, {
    title: 'Tiền lương của công nhân trẻ',
    body: 'Công nhân ca đêm hỏi về tiền lương tháng này.',
    by: { userId: member.id },
    createdAt: '2022-04-11T08:00:00Z',
  });
  await insertReply(t.db, publicTopic, 'Tôi là công nhân, lương tôi cũng chậm. <script>alert(1)</script>', {
    anonymousUserId: outsider.id,
    key: t.config.anonymityKey,
  });
  await insertTopic(t.db, members, {
    title: 'Họp đoàn viên nội bộ',
    body: 'Chỉ dành cho đoàn viên: công nhân nhà máy A.',
    by: { userId: member.id },
  });
  await insertTopic(t.db, officials, {
    title: 'Officials planning',
    body: 'Công nhân visit plan for officials only.',
    by: { userId: member.id },
  });
  const anonymousTopic = await insertTopic(t.db, gilan, {
    title: 'حقوق معوقه کارگران',
    body: 'ما به کارخانه می‌رویم و کارگران سه ماه حقوق نگرفته‌اند. ۴۱۸ نفر.',
    by: { anonymousUserId: secretAuthor.id, key: t.config.anonymityKey },
  });
  await insertReply(t.db, anonymousTopic, 'نشست کار و کارگری در رشت', { anonymousUserId: secretAuthor.id, key: t.config.anonymityKey });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /:lang/forum/search', () => {
  it('shows the form before a search, to a visitor', async () => {
    const response = await new TestClient(t.app).get('/vi/forum/search');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('name="q"');
    expect(response.body).not.toContain('search-result');
  });

  it('finds "công nhân" typed without diacritics and marks the matching words', async () => {
    const response = await new TestClient(t.app).get('/vi/forum/search?q=cong+nhan');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tiền lương của công nhân trẻ');
    expect(response.body).toContain('<mark>Công</mark> <mark>nhân</mark>');
  });

  it('never shows categories a visitor may not read', async () => {
    const body = (await new TestClient(t.app).get('/en/forum/search?q=cong+nhan')).body;
    expect(body).not.toContain('Họp đoàn viên nội bộ');
    expect(body).not.toContain('Officials planning');
  });

  it('shows the members category to a member, but not the officials one', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, member.id);
    const body = (await client.get('/en/forum/search?q=cong+nhan')).body;
    expect(body).toContain('Họp đoàn viên nội bộ');
    expect(body).not.toContain('Officials planning');
  });

  it('shows an outsider (signed in, no role) only public categories', async () => {
    const client = new TestClient(t.app);
    await signIn(t.db, client, outsider.id);
    const body = (await client.get('/en/forum/search?q=cong+nhan')).body;
    expect(body).not.toContain('Họp đoàn viên nội bộ');
  });

  it('escapes markup in snippets', async () => {
    const body = (await new TestClient(t.app).get('/en/forum/search?q=luong+cham')).body;
    expect(body).toContain('&lt;script');
    expect(body).not.toContain('<script>alert');
  });

  it('shows an anonymous author only as a pseudonym', async () => {
    const body = (await new TestClient(t.app).get('/fa/forum/search?q=كارگران')).body;
    expect(body).toContain('حقوق معوقه کارگران');
    expect(body).not.toContain('Zohreh');
  });

  it('matches a ZWNJ word typed without it, and Persian digits typed in ASCII', async () => {
    expect((await new TestClient(t.app).get(`/fa/forum/search?q=${encodeURIComponent('میرویم')}`)).body).toContain('حقوق معوقه کارگران');
    expect((await new TestClient(t.app).get('/fa/forum/search?q=418')).body).toContain('حقوق معوقه کارگران');
  });

  it('falls back to the indexed words for words written together', async () => {
    const body = (await new TestClient(t.app).get(`/fa/forum/search?q=${encodeURIComponent('کاروکارگری')}`)).body;
    expect(body).toContain('search-result');
    expect(body).toContain('حقوق معوقه کارگران');
  });

  it('filters by organization, category and date (Jalali on Persian pages)', async () => {
    const client = new TestClient(t.app);
    expect((await client.get('/en/forum/search?q=cong&org=gilan-union')).body).not.toContain('Tiền lương');
    expect((await client.get('/en/forum/search?q=cong&org=bac-giang-federation')).body).toContain('Tiền lương');
    // 1401/01/22 is 2022-04-11, the day the topic was posted.
    expect(
      (await client.get(`/fa/forum/search?q=cong&from=${encodeURIComponent('۱۴۰۱/۰۱/۲۲')}&to=${encodeURIComponent('۱۴۰۱/۰۱/۲۲')}`)).body,
    ).toContain('Tiền lương');
    expect((await client.get('/en/forum/search?q=cong&from=2022-04-12&to=2022-04-12')).body).not.toContain('Tiền lương');
  });

  it('answers 422 for an impossible Jalali date, an over-long query, bidi overrides and a bad organization', async () => {
    const client = new TestClient(t.app);
    expect((await client.get(`/fa/forum/search?q=cong&from=${encodeURIComponent('۱۴۰۱/۱۲/۳۱')}`)).statusCode).toBe(422);
    expect((await client.get(`/en/forum/search?q=${'a'.repeat(201)}`)).statusCode).toBe(422);
    expect((await client.get(`/en/forum/search?q=${encodeURIComponent('cong\u202Enhan')}`)).statusCode).toBe(422);
    expect((await client.get('/en/forum/search?q=cong&org=%3Cscript%3E')).statusCode).toBe(422);
    expect((await client.get('/en/forum/search?q=cong&page=99')).statusCode).toBe(422);
  });

  it('says so when the query holds no word', async () => {
    const response = await new TestClient(t.app).get('/en/forum/search?q=%21%3F%2A');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Type at least one word.');
  });
});

describe('GET /api/v1/search', () => {
  it('returns public results to a caller without a token, authors as pseudonyms when anonymous', async () => {
    const response = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('کارگر')}` });
    expect(response.statusCode).toBe(200);
    const json = response.json<{ results: Array<{ author: { kind: string; pseudonymNumber?: number; id?: number } }> }>();
    expect(json.results.length).toBeGreaterThan(0);
    const anonymous = json.results.find((r) => r.author.kind === 'anonymous');
    expect(anonymous?.author).toEqual({ kind: 'anonymous', pseudonymNumber: 1 });
    expect(response.body).not.toContain('Zohreh');
    expect(response.body).not.toContain(secretAuthor.email);
  });

  it('hides members-only categories without a session, shows them with one', async () => {
    expect((await t.app.inject({ url: '/api/v1/search?q=doan+vien' })).json().results).toEqual([]);
    const client = new TestClient(t.app);
    await signIn(t.db, client, member.id);
    const json = (await client.get('/api/v1/search?q=doan+vien')).json<{ results: Array<{ topicTitle: string }> }>();
    expect(json.results.map((r) => r.topicTitle)).toContain('Họp đoàn viên nội bộ');
  });

  it('answers 401 for a bad token and 422 for a missing query', async () => {
    expect((await t.app.inject({ url: '/api/v1/search?q=cong', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/search' })).statusCode).toBe(422);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths['/api/v1/search']).toBeDefined();
  });
});

describe('navigation', () => {
  it('links to the search from forum pages, not from other pages', async () => {
    const client = new TestClient(t.app);
    expect((await client.get('/en/forum/search')).body).toContain('href="/en/forum/search"');
    expect((await client.get('/en')).body).not.toContain('href="/en/forum/search"');
  });
});
