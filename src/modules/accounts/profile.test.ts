import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signIn } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { hashToken } from '../../core/session.ts';
import { MAX_API_TOKENS } from './commands/create-api-token.ts';
import { createApiToken } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedIn(overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(t.db, overrides);
  const client = new TestClient(t.app);
  await signIn(t.db, client, user.id);
  return { user, client };
}

describe('GET /:lang/account', () => {
  it('sends a visitor to log in, and back', async () => {
    const response = await t.app.inject({ url: '/vi/account' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/vi/login?next=%2Fvi%2Faccount');
  });
  it('shows how the person logs in, their name and language, and links to password and tokens', async () => {
    const { user, client } = await signedIn({ name: 'Nguyễn Văn An', phone: '+84912345678', locale: 'vi' });
    const response = await client.get('/fa/account');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(user.email);
    expect(response.body).toContain('+84912345678');
    expect(response.body).toContain('value="Nguyễn Văn An"');
    expect(response.body).toMatch(/<option value="vi" selected/);
    expect(response.body).toContain('href="/fa/account/password"');
    expect(response.body).toContain('href="/fa/account/tokens"');
    // The member-since date is in the Persian calendar with Persian digits.
    expect(response.body).toMatch(/عضو از [^<]*[۰-۹]/);
  });
});

describe('POST /:lang/account', () => {
  it('saves the name and language; the next page is in the new language', async () => {
    const { user, client } = await signedIn({ locale: 'en' });
    const response = await client.post('/en/account', { name: 'Zahra Karimi', locale: 'fa' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/fa/account');
    const page = await client.get('/fa/account');
    expect(page.body).toContain('<html lang="fa" dir="rtl">');
    expect(page.body).toContain('نمایهٔ شما ذخیره شد.');
    expect((await client.get('/')).headers.location).toBe('/fa');
    expect(await one(t.db, 'SELECT name, locale FROM users WHERE id = $1', [user.id])).toEqual({ name: 'Zahra Karimi', locale: 'fa' });
  });
  it('rejects an empty or over-long name and an unknown language with 422, keeping the input', async () => {
    const { client } = await signedIn();
    const empty = await client.post('/en/account', { name: '   ', locale: 'xx' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('id="error-name"');
    expect(empty.body).toContain('id="error-locale"');
    const long = await client.post('/vi/account', { name: 'n'.repeat(121), locale: 'vi' });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Nhập tối đa');
    expect(long.body).toContain(`value="${'n'.repeat(121)}"`);
  });
  it('rejects right-to-left override characters with the localized message', async () => {
    const { client } = await signedIn();
    const response = await client.post('/vi/account', { name: 'abc\u202Dxyz', locale: 'vi' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Hãy xóa');
  });
  it('stores markup as text and shows it escaped, in the header too', async () => {
    const { client } = await signedIn();
    expect((await client.post('/en/account', { name: '<img src=x onerror=alert(1)>', locale: 'en' })).statusCode).toBe(303);
    const page = await client.get('/en/account');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('<bdi>&lt;img src=x onerror=alert(1)></bdi>');
  });
  it('refuses a visitor (401) and a post without a CSRF token (403)', async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.post('/en/account', { name: 'x', locale: 'en' }, { from: '/en/login' })).statusCode).toBe(401);
    const { client } = await signedIn();
    expect((await client.post('/en/account', { name: 'x', locale: 'en' }, { csrf: false })).statusCode).toBe(403);
  });
  it('answers a 10 MB body with a localized 413', async () => {
    const { client } = await signedIn();
    const response = await client.request({
      method: 'POST',
      url: '/vi/account',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=' + 'a'.repeat(10 * 1024 * 1024),
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('<html lang="vi"');
  });
  it('answers invalid UTF-8 in the body with a localized 400', async () => {
    const { client } = await signedIn();
    const response = await client.request({
      method: 'POST',
      url: '/fa/account',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: Buffer.concat([Buffer.from('name='), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('&locale=fa')]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
  });
});

describe('/:lang/account/tokens', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/en/account/tokens' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login?next=%2Fen%2Faccount%2Ftokens');
  });
  it('creates a token shown once, which then authenticates API calls until revoked', async () => {
    const { user, client } = await signedIn({ name: 'Token Owner' });
    const empty = await client.get('/en/account/tokens');
    expect(empty.body).toContain('You have no API tokens.');
    const created = await client.post('/en/account/tokens', { name: 'Monthly export' });
    expect(created.statusCode).toBe(201);
    const token = defined(/<code class="token-secret" dir="ltr">(uh_[A-Za-z0-9_-]{43})<\/code>/.exec(created.body), 'the match')[1];
    expect(created.body).toContain('Copy it now: it will not be shown again.');
    // Only the hash is stored; the list never shows the secret again.
    expect(
      await one(t.db, 'SELECT name FROM api_tokens WHERE token_hash = $1 AND user_id = $2', [hashToken(defined(token, 'token')), user.id]),
    ).toEqual({
      name: 'Monthly export',
    });
    const list = await client.get('/en/account/tokens');
    expect(list.body).toContain('Monthly export');
    expect(list.body).not.toContain(token);

    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, name: 'Token Owner' });

    const row = await one<{ id: number }>(t.db, 'SELECT id FROM api_tokens WHERE user_id = $1', [user.id]);
    const revoked = await client.post(`/en/account/tokens/${defined(row, 'row').id}/revoke`, {}, { from: '/en/account/tokens' });
    expect(revoked.statusCode).toBe(303);
    expect((await client.get('/en/account/tokens')).body).toContain('The token “Monthly export” has been revoked.');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    const audit = await many<{ action: string }>(
      t.db,
      `SELECT action FROM audit_log WHERE actor_id = $1 AND subject_type = 'api_token' ORDER BY id`,
      [user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['account.api_token_created', 'account.api_token_revoked']);
  });
  it('answers 404 for revoking someone else’s token or one that does not exist, and keeps it', async () => {
    const owner = await signedIn();
    await owner.client.post('/en/account/tokens', { name: 'Mine' });
    const row = await one<{ id: number }>(t.db, 'SELECT id FROM api_tokens WHERE user_id = $1', [owner.user.id]);
    const stranger = await signedIn();
    expect(
      (await stranger.client.post(`/en/account/tokens/${defined(row, 'row').id}/revoke`, {}, { from: '/en/account/tokens' })).statusCode,
    ).toBe(404);
    expect((await stranger.client.post('/en/account/tokens/99999999/revoke', {}, { from: '/en/account/tokens' })).statusCode).toBe(404);
    expect((await stranger.client.post('/en/account/tokens/abc/revoke', {}, { from: '/en/account/tokens' })).statusCode).toBe(404);
    expect(await one(t.db, 'SELECT 1 AS kept FROM api_tokens WHERE id = $1', [defined(row, 'row').id])).toEqual({ kept: 1 });
  });
  it('rejects an empty, over-long or direction-spoofing name with 422, and escapes markup', async () => {
    const { client } = await signedIn();
    expect((await client.post('/en/account/tokens', { name: '' })).statusCode).toBe(422);
    expect((await client.post('/en/account/tokens', { name: 'x'.repeat(81) })).statusCode).toBe(422);
    const bidi = await client.post('/fa/account/tokens', { name: 'a\u2066b' });
    expect(bidi.statusCode).toBe(422);
    expect(bidi.body).toContain('نویسه‌های پنهانِ تغییر جهت متن');
    const markup = await client.post('/en/account/tokens', { name: '<script>alert(1)</script>' });
    expect(markup.statusCode).toBe(201);
    expect(markup.body).not.toContain('<script>alert(1)');
  });
  it(`allows at most ${MAX_API_TOKENS} tokens`, async () => {
    const { user, client } = await signedIn();
    for (let i = 0; i < MAX_API_TOKENS; i++) await createApiToken(t.db, user.id, `t${i}`);
    const response = await client.post('/en/account/tokens', { name: 'one too many' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('You have too many tokens.');
  });
  it('refuses a visitor (401) and posts without a CSRF token (403)', async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.post('/en/account/tokens', { name: 'x' }, { from: '/en/login' })).statusCode).toBe(401);
    expect((await visitor.post('/en/account/tokens/1/revoke', {}, { from: '/en/login' })).statusCode).toBe(401);
    const { client } = await signedIn();
    expect((await client.post('/en/account/tokens', { name: 'x' }, { csrf: false })).statusCode).toBe(403);
    expect((await client.post('/en/account/tokens/1/revoke', {}, { csrf: false })).statusCode).toBe(403);
  });
});

describe('GET /api/v1/me', () => {
  it('answers 401 in JSON without a session or token, and for an unknown token', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('loginRequired');
    const bad = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer uh_not-a-real-token' } });
    expect(bad.statusCode).toBe(401);
  });
  it('answers for a session cookie too', async () => {
    const { user, client } = await signedIn();
    const response = await client.get('/api/v1/me');
    expect(response.json()).toMatchObject({ id: user.id, email: user.email });
  });
  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/me'].get).toBeDefined();
    expect(doc.components.schemas.Me).toBeDefined();
  });
});
