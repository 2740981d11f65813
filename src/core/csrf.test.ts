import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../test/support/client.ts';
import { defined } from '../../test/support/defined.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signIn,
  TEST_PASSWORD,
  type TestOrganization,
  type TestUser,
} from '../../test/support/factories.ts';
import { one } from '../../test/support/sql.ts';
import { createApiToken } from '../modules/accounts/factories.ts';
import { CSRF_COOKIE } from './csrf.ts';

let t: TestApp;
let victim: TestUser;
let organization: TestOrganization;

beforeAll(async () => {
  t = await createTestApp();
  victim = await createUser(t.db, { name: 'Victim Admin' });
  organization = await createOrganization(t.db);
  await grantRole(t.db, victim.id, organization.id, 'admin');
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.query('DELETE FROM rate_limits');
});

const nameOf = async (userId: number) => defined(await one<{ name: string }>(t.db, `SELECT name FROM users WHERE id = $1`, [userId])).name;
const invitations = async () =>
  defined(await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM invitations WHERE organization_id = $1`, [organization.id])).n;

/** A signed-in victim whose browser holds a valid token from their own page. */
async function signedInVictim(): Promise<{ client: TestClient; token: string }> {
  const client = new TestClient(t.app);
  await signIn(t.db, client, victim.id);
  const token = csrfFrom((await client.get('/en/account')).body);
  return { client, token };
}

/** Posts the victim's profile form with extra headers. */
const postProfile = (client: TestClient, token: string, headers: Record<string, string> = {}) =>
  client.request({
    method: 'POST',
    url: '/en/account',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ name: 'Renamed', locale: 'en', _csrf: token }).toString(),
  });

describe('CSRF token bound to the session', () => {
  it('refuses a planted _csrf cookie with its matching token on a signed-in victim’s forms', async () => {
    // The attacker takes a cookie and token pair from a page of their own and plants both in the victim's browser.
    const attacker = new TestClient(t.app);
    const attackerToken = csrfFrom((await attacker.get('/en/login')).body);
    const plantedCookie = defined(attacker.cookies.get(CSRF_COOKIE), 'the CSRF cookie');
    expect(plantedCookie).toBeTruthy();
    const { client } = await signedInVictim();
    client.cookies.set(CSRF_COOKIE, plantedCookie);
    const before = await nameOf(victim.id);
    expect((await postProfile(client, attackerToken)).statusCode).toBe(403);
    expect(await nameOf(victim.id)).toBe(before);
    const invite = await client.post(
      `/en/organizations/${organization.slug}/members/invitations`,
      { email: 'attacker@example.org', role: 'admin' },
      { csrf: attackerToken },
    );
    expect(invite.statusCode).toBe(403);
    expect(await invitations()).toBe(0);
    // The same for JSON with the token in the header.
    const json = await client.request({
      method: 'POST',
      url: '/en/account',
      headers: { 'content-type': 'application/json', 'x-csrf-token': attackerToken },
      payload: { name: 'Renamed', locale: 'en' },
    });
    expect(json.statusCode).toBe(403);
  });

  it('refuses another session’s token, and accepts the victim’s own', async () => {
    const other = new TestClient(t.app);
    await signIn(t.db, other, (await createUser(t.db)).id);
    const othersToken = csrfFrom((await other.get('/en/account')).body);
    const { client, token } = await signedInVictim();
    expect((await postProfile(client, othersToken)).statusCode).toBe(403);
    expect((await postProfile(client, token)).statusCode).toBe(303);
    expect(await nameOf(victim.id)).toBe('Renamed');
  });

  it('rotates at login: a token from before login is refused after it, and the visitor secret is dropped', async () => {
    const person = await createUser(t.db);
    const client = new TestClient(t.app);
    const visitorToken = csrfFrom((await client.get('/en/login')).body);
    expect(client.cookies.has(CSRF_COOKIE)).toBe(true);
    const login = await client.post('/en/login', { identifier: person.email, password: TEST_PASSWORD }, { csrf: visitorToken });
    expect(login.statusCode).toBe(303);
    expect(client.cookies.has(CSRF_COOKIE)).toBe(false);
    expect((await postProfile(client, visitorToken)).statusCode).toBe(403);
    const fresh = csrfFrom((await client.get('/en/account')).body);
    expect(fresh).not.toBe(visitorToken);
    expect((await postProfile(client, fresh)).statusCode).toBe(303);
  });

  it('rotates at logout: the session’s token dies with it, and a new login gets a new one', async () => {
    const person = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, person.id);
    const sessionToken = csrfFrom((await client.get('/en/account')).body);
    expect((await client.post('/en/logout', {}, { csrf: sessionToken })).statusCode).toBe(303);
    expect(client.cookies.has('uh_session')).toBe(false);
    // Logged out, the old token is no visitor token either.
    expect((await client.post('/en/login', { identifier: person.email, password: TEST_PASSWORD }, { csrf: sessionToken })).statusCode).toBe(
      403,
    );
    expect((await client.post('/en/login', { identifier: person.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    expect(csrfFrom((await client.get('/en/account')).body)).not.toBe(sessionToken);
  });
});

describe('where an unsafe request comes from', () => {
  it('refuses a cross-origin Origin with 403, even with a valid token', async () => {
    const { client, token } = await signedInVictim();
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', `${t.config.baseUrl}.evil.example`]) {
      const response = await postProfile(client, token, { origin });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('another site');
    }
    const invite = await client.request({
      method: 'POST',
      url: `/en/organizations/${organization.slug}/members/invitations`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: new URLSearchParams({ email: 'attacker@example.org', role: 'admin', _csrf: token }).toString(),
    });
    expect(invite.statusCode).toBe(403);
    expect(await invitations()).toBe(0);
    // Refused before the body is read: even a body that would not parse answers 403.
    const unread = await client.request({
      method: 'POST',
      url: '/en/account',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: '{"name": "\\ud800", broken',
    });
    expect(unread.statusCode).toBe(403);
  });

  it('refuses Sec-Fetch-Site: cross-site with 403, visitors’ forms included', async () => {
    const { client, token } = await signedInVictim();
    expect((await postProfile(client, token, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    const visitor = new TestClient(t.app);
    const visitorToken = csrfFrom((await visitor.get('/en/login')).body);
    const login = await visitor.request({
      method: 'POST',
      url: '/en/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      payload: new URLSearchParams({ identifier: victim.email, password: TEST_PASSWORD, _csrf: visitorToken }).toString(),
    });
    expect(login.statusCode).toBe(403);
  });

  it('accepts same-origin requests: BASE_URL’s origin, the request’s own host, same-origin fetch metadata', async () => {
    const { client, token } = await signedInVictim();
    expect(
      (await postProfile(client, token, { origin: new URL(t.config.baseUrl).origin, 'sec-fetch-site': 'same-origin' })).statusCode,
    ).toBe(303);
    expect((await postProfile(client, token, { origin: 'http://unionhall.test:8080', host: 'unionhall.test:8080' })).statusCode).toBe(303);
    expect((await postProfile(client, token, { 'sec-fetch-site': 'none' })).statusCode).toBe(303);
  });

  it('leaves API calls by bearer token alone (a browser never sends that header by itself)', async () => {
    const value = await createApiToken(t.db, victim.id);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: {
        authorization: `Bearer ${value}`,
        origin: 'https://script.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      payload: {},
    });
    expect(response.statusCode).toBe(422);
  });
});
