import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createRegion, createUser, grantRole, signIn, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { createInvitation } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let rasht: number;
let federation: { id: number; slug: string }, union: { id: number; slug: string };
let adminClient: TestClient;
let adminId: number;

/** Invites someone as the union's admin and returns the link's path, read from the held mail. */
async function invite(email: string, role = 'member', region = '', lang = 'en'): Promise<string> {
  const members = `/${lang}/organizations/${union.slug}/members`;
  const response = await adminClient.post(`${members}/invitations`, { email, role, region }, { from: members });
  expect(response.statusCode).toBe(303);
  const mail = await one<{ body_text: string }>(t.db, `SELECT body_text FROM mail_messages WHERE recipient = $1 ORDER BY id DESC LIMIT 1`, [
    email,
  ]);
  return new URL(defined(/https?:\/\/\S+\/invitations\/\S+/.exec(defined(mail, 'mail').body_text), 'the match')[0]).pathname;
}
const rolesOf = (userId: number) =>
  many<{ role: string; region_id: number | null }>(
    t.db,
    `SELECT role, region_id FROM memberships WHERE organization_id = $1 AND user_id = $2`,
    [union.id, userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  const gilan = (await createRegion(t.db, { name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } })).id;
  rasht = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } })).id;
  federation = await createOrganization(t.db, { slug: 'gilan-workers', regionId: gilan, name: { en: 'Gilan Workers Organization' } });
  union = await createOrganization(t.db, {
    slug: 'rasht-textile',
    parentId: federation.id,
    regionId: gilan,
    name: { en: 'Rasht Textile Union', fa: 'سندیکای نساجی رشت', vi: 'Công đoàn Dệt Rasht' },
  });
  const admin = await createUser(t.db, { name: 'Maryam Rezaei' });
  await grantRole(t.db, admin.id, union.id, 'admin');
  adminId = admin.id;
  adminClient = new TestClient(t.app);
  await signIn(t.db, adminClient, admin.id);
});
afterAll(async () => {
  await t.close();
});

describe('GET /:lang/invitations/:token, POST …/signup — a new account', () => {
  it('offers a visitor an account with the invitation’s email fixed', async () => {
    const path = await invite('newcomer@example.org', 'official', String(rasht));
    const response = await t.app.inject({ url: path });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Maryam Rezaei');
    expect(response.body).toContain('Official');
    expect(response.body).toContain('value="newcomer@example.org" readonly');
    expect(response.body).toContain(`action="${path}/signup"`);
    expect(response.body).toContain(`href="/en/login?next=${encodeURIComponent(path)}"`);
  });
  it('creates the account, signs it in, attaches the role with its region, and audits it', async () => {
    const path = await invite('signup@example.org', 'official', String(rasht));
    const visitor = new TestClient(t.app);
    const response = await visitor.post(
      `${path}/signup`,
      { name: 'Hossein Nouri', password: 'a long enough password', email: 'attacker@example.org' },
      { from: path },
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/organizations/rasht-textile');
    // The email is the invitation's, whatever the form claims.
    const user = await one<{ id: number; name: string; locale: string }>(
      t.db,
      `SELECT id, name, locale FROM users WHERE email = 'signup@example.org'`,
    );
    expect(user).toMatchObject({ name: 'Hossein Nouri', locale: 'en' });
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'attacker@example.org'`)).toBeUndefined();
    expect(await rolesOf(defined(user, 'user').id)).toEqual([{ role: 'official', region_id: rasht }]);
    const page = await visitor.get('/en/organizations/rasht-textile');
    expect(page.body).toContain('Hossein Nouri');
    expect(page.body).toContain('Welcome! The role was added to your account.');
    const invitation = await one<{ accepted_by: number }>(t.db, `SELECT accepted_by FROM invitations WHERE email = 'signup@example.org'`);
    expect(defined(invitation, 'invitation').accepted_by).toBe(defined(user, 'user').id);
    expect(
      await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'invitation.accepted' AND actor_id = $1 AND organization_id = $2`, [
        defined(user, 'user').id,
        union.id,
      ]),
    ).toBeDefined();
    // Used once: the link is spent.
    const again = await t.app.inject({ url: path });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('already been accepted');
  });
  it('rejects a short password, an empty or hostile name, keeping the name typed', async () => {
    const path = await invite('badinput@example.org');
    const visitor = new TestClient(t.app);
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: 'Kept Name', password: 'short' }, 'Use a password of at least 10 characters.'],
      [{ name: '', password: 'a long enough password' }, 'This field is required.'],
      [{ name: 'Evil\u202Egnp', password: 'a long enough password' }, 'Remove the hidden text-direction characters from this field.'],
      [{ name: 'n'.repeat(101), password: 'a long enough password' }, 'Enter at most 100 characters.'],
    ];
    for (const [form, message] of cases) {
      const response = await visitor.post(`${path}/signup`, form, { from: path });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(message);
    }
    const kept = await visitor.post(`${path}/signup`, { name: 'Kept Name', password: 'short' }, { from: path });
    expect(kept.body).toContain('value="Kept Name"');
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'badinput@example.org'`)).toBeUndefined();
  });
  it('stores a name with markup as text', async () => {
    const path = await invite('markup@example.org');
    const visitor = new TestClient(t.app);
    expect(
      (await visitor.post(`${path}/signup`, { name: '<b>Bold</b><script>x</script>', password: 'a long enough password' }, { from: path }))
        .statusCode,
    ).toBe(303);
    const members = await adminClient.get('/en/organizations/rasht-textile/members');
    expect(members.body).toContain('&lt;b>Bold&lt;/b>&lt;script>x&lt;/script>');
  });
  it('refuses a post without a CSRF token', async () => {
    const path = await invite('csrf@example.org');
    const visitor = new TestClient(t.app);
    const response = await visitor.post(`${path}/signup`, { name: 'No Token', password: 'a long enough password' }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'csrf@example.org'`)).toBeUndefined();
  });
});

describe('GET /:lang/invitations/:token, POST …/accept — an existing account', () => {
  it('asks a visitor whose email has an account to log in, not to sign up', async () => {
    await createUser(t.db, { email: 'existing@example.org' });
    const path = await invite('existing@example.org', 'coordinator');
    const visitor = new TestClient(t.app);
    const response = await visitor.get(path);
    expect(response.body).toContain('An account with this email address already exists');
    expect(response.body).not.toContain(`action="${path}/signup"`);
    const forced = await visitor.post(`${path}/signup`, { name: 'Someone', password: 'a long enough password' }, { from: '/en/login' });
    expect(forced.statusCode).toBe(409);
  });
  it('attaches the role to the signed-in account after confirming, audited', async () => {
    const existing = await createUser(t.db, { email: 'worker@example.org', name: 'Kargar Nemooneh' });
    const path = await invite('worker@example.org', 'coordinator');
    const client = new TestClient(t.app);
    await signIn(t.db, client, existing.id);
    const page = await client.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You are logged in as Kargar Nemooneh');
    expect(await rolesOf(existing.id)).toEqual([]);
    expect(page.body).toContain(`action="${path}/accept"`);
    const response = await client.post(`${path}/accept`, {}, { from: path });
    expect(response.statusCode).toBe(303);
    expect(await rolesOf(existing.id)).toEqual([{ role: 'coordinator', region_id: null }]);
    expect(await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'invitation.accepted' AND actor_id = $1`, [existing.id])).toBeDefined();
  });
  it('works through the login page: log in, come back, accept', async () => {
    const existing = await createUser(t.db, { email: 'via-login@example.org' });
    const path = await invite('via-login@example.org', 'moderator');
    const client = new TestClient(t.app);
    const login = await client.post(`/en/login?next=${encodeURIComponent(path)}`, {
      identifier: 'via-login@example.org',
      password: TEST_PASSWORD,
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe(path);
    expect((await client.post(`${path}/accept`, {}, { from: path })).statusCode).toBe(303);
    expect(await rolesOf(existing.id)).toEqual([{ role: 'moderator', region_id: null }]);
  });
});

describe('expired, revoked and unknown invitations', () => {
  it('answers 410 for an expired invitation and attaches nothing', async () => {
    const path = (
      await createInvitation(t.db, { organizationId: union.id, invitedBy: adminId, email: 'late@example.org', days: -1 })
    ).path();
    const visitor = new TestClient(t.app);
    const page = await visitor.get(path);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This invitation has expired');
    const existing = await createUser(t.db, { email: 'late-user@example.org' });
    const client = new TestClient(t.app);
    await signIn(t.db, client, existing.id);
    const post = await client.post(`${path}/accept`, {}, { from: '/en/organizations/rasht-textile' });
    expect(post.statusCode).toBe(410);
    expect(await rolesOf(existing.id)).toEqual([]);
  });
  it('answers 410 for a revoked invitation, in the page’s language', async () => {
    const path = await invite('revoked@example.org');
    const invitation = await one<{ id: number }>(t.db, `SELECT id FROM invitations WHERE email = 'revoked@example.org'`);
    await adminClient.post(
      `/en/organizations/rasht-textile/invitations/${defined(invitation, 'invitation').id}/revoke`,
      {},
      { from: '/en/organizations/rasht-textile/members' },
    );
    const page = await t.app.inject({ url: path.replace('/en/', '/fa/') });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('تشکل این دعوت‌نامه را پس گرفته است.');
    const visitor = new TestClient(t.app);
    const post = await visitor.post(`${path}/signup`, { name: 'Too Late', password: 'a long enough password' }, { from: '/en/login' });
    expect(post.statusCode).toBe(410);
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'revoked@example.org'`)).toBeUndefined();
  });
  it('answers 404 for a token that does not exist or is malformed', async () => {
    expect((await t.app.inject({ url: '/en/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/en/invitations/%3Cscript%3E' })).statusCode).toBe(404);
  });
});

describe('one route per action on an invitation link', () => {
  // Each from its own address: the file's other tests have used up most of 127.0.0.1's link limit for this minute.
  it('answers a visitor who posts to …/accept with 401 and attaches nothing', async () => {
    const path = await invite('accept-visitor@example.org');
    const visitor = new TestClient(t.app, {}, '203.0.113.10');
    expect((await visitor.post(`${path}/accept`, {}, { from: path })).statusCode).toBe(401);
    expect(
      defined(
        await one<{ accepted: boolean }>(
          t.db,
          `SELECT accepted_at IS NOT NULL AS accepted FROM invitations WHERE email = 'accept-visitor@example.org'`,
        ),
        'the row',
      ).accepted,
    ).toBe(false);
  });
  it('refuses …/signup from someone signed in (409): the page offers to accept instead, and no account is made', async () => {
    const path = await invite('signed-in-signup@example.org');
    const someone = await createUser(t.db, { email: 'someone-else@example.org' });
    const client = new TestClient(t.app, {}, '203.0.113.11');
    await signIn(t.db, client, someone.id);
    const response = await client.post(`${path}/signup`, { name: 'Second Account', password: 'a long enough password' }, { from: path });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('You are already logged in: accept the invitation for this account');
    expect(response.body).toContain(`action="${path}/accept"`);
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'signed-in-signup@example.org'`)).toBeUndefined();
    expect(await rolesOf(someone.id)).toEqual([]);
  });
  it('takes no post at the link itself', async () => {
    const path = await invite('old-url@example.org');
    const visitor = new TestClient(t.app, {}, '203.0.113.12');
    expect(
      (await visitor.post(path, { intent: 'signup', name: 'Old Form', password: 'a long enough password' }, { from: path })).statusCode,
    ).toBe(404);
    expect(await one(t.db, `SELECT 1 FROM users WHERE email = 'old-url@example.org'`)).toBeUndefined();
  });
});
