import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createRegion, createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { one } from '../../../test/support/sql.ts';
import { recordAudit } from '../../core/audit.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let adminClient: TestClient;
let orgAdminClient: TestClient;
let adminId: number;
let gilan: number;

async function clientFor(userId: number) {
  const client = new TestClient(t.app);
  await signIn(t.db, client, userId);
  return client;
}
const PAGES = ['/en/admin', '/en/admin/audit', '/en/admin/outbox', '/en/admin/regions'];
const validRegion = (overrides: Record<string, string> = {}) => ({
  parent: String(gilan),
  kind: 'county',
  code: 'ir-gilan-fuman',
  name_fa: 'فومن',
  name_vi: 'Fuman',
  name_en: 'Fuman',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const iran = await createRegion(t.db, { kind: 'country', code: 'ir', name: { fa: 'ایران', vi: 'Iran', en: 'Iran' } });
  gilan = (await createRegion(t.db, { parentId: iran.id, code: 'ir-gilan', name: { fa: 'گیلان', vi: 'Gilan', en: 'Gilan' } })).id;
  const admin = await createUser(t.db, { isPlatformAdmin: true, name: 'Platform Admin' });
  adminId = admin.id;
  adminClient = await clientFor(admin.id);
  const org = await createOrganization(t.db, { slug: 'gilan-workers', name: { en: 'Gilan Workers Organization' } });
  const orgAdmin = await createUser(t.db);
  await grantRole(t.db, orgAdmin.id, org.id, 'admin');
  orgAdminClient = await clientFor(orgAdmin.id);
  await t.app.uh.mailer.send(t.db, {
    to: 'reset@example.org',
    subject: 'Reset your password',
    text: 'Open https://example.org/en/reset/abc <b>now</b>',
  });
  await recordAudit(t.db, {
    actorId: orgAdmin.id,
    organizationId: org.id,
    action: 'membership.removed',
    details: { role: 'member', secretNote: 'private' },
    ip: '192.0.2.5',
  });
});
afterAll(async () => {
  await t.close();
});

describe('administration pages: who may see them', () => {
  it('send a visitor to log in', async () => {
    for (const url of PAGES) {
      const response = await t.app.inject({ url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/en/login?next=${encodeURIComponent(url)}`);
    }
  });
  it('answer 404 to an organization admin who is not a platform administrator', async () => {
    for (const url of PAGES) expect((await orgAdminClient.get(url)).statusCode, url).toBe(404);
    const post = await orgAdminClient.post('/en/admin/regions', validRegion({ code: 'sneaky' }), { from: '/en/organizations' });
    expect(post.statusCode).toBe(404);
    expect(await one(t.db, `SELECT 1 FROM regions WHERE code = 'sneaky'`)).toBeUndefined();
  });
  it('show the navigation entry to platform administrators only', async () => {
    expect((await adminClient.get('/en')).body).toContain('href="/en/admin"');
    expect((await orgAdminClient.get('/en')).body).not.toContain('href="/en/admin"');
    expect((await t.app.inject({ url: '/en' })).body).not.toContain('href="/en/admin"');
  });
});

describe('GET /:lang/admin', () => {
  it('shows the platform in numbers, in Persian digits on Persian pages', async () => {
    const response = await adminClient.get('/fa/admin');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('admin-tile__value">۲<');
    expect(response.body).toContain('href="/fa/admin/outbox"');
  });
});

describe('GET /:lang/admin/audit', () => {
  it('shows every organization’s entries with the organization, and safe details only', async () => {
    const response = await adminClient.get('/en/admin/audit');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Role removed');
    expect(response.body).toContain('href="/en/organizations/gilan-workers"');
    expect(response.body).toContain('192.0.2.0/24'); // the network, not the address (issue 8)
    expect(response.body).not.toContain('private');
  });
  it('answers an impossible Jalali date with 422', async () => {
    const response = await adminClient.get(`/fa/admin/audit?to=${encodeURIComponent('۱۴۰۱/۱۲/۳۱')}`);
    // 1401 is not a leap year in the Jalali calendar: Esfand has 29 days.
    expect(response.statusCode).toBe(422);
  });
});

describe('GET /:lang/admin/outbox', () => {
  it('shows held mail with recipient, subject, body (escaped) and date', async () => {
    const response = await adminClient.get('/vi/admin/outbox');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('reset@example.org');
    expect(response.body).toContain('Reset your password');
    expect(response.body).toContain('https://example.org/en/reset/abc &lt;b>now&lt;/b>');
    expect(response.body).toContain('Đang giữ');
  });
  it('pages to older mail', async () => {
    for (let i = 0; i < 21; i++) await t.app.uh.mailer.send(t.db, { to: `bulk${i}@example.org`, subject: `Bulk ${i}`, text: 'x' });
    const first = await adminClient.get('/en/admin/outbox');
    const older = /href="(\/en\/admin\/outbox\?before=\d+)"/.exec(first.body);
    expect(older).not.toBeNull();
    const second = await adminClient.get(defined(older?.[1], 'older[1]'));
    expect(second.body).toContain('reset@example.org');
    expect((await adminClient.get('/en/admin/outbox?before=abc')).statusCode).toBe(422);
  });
});

describe('GET/POST /:lang/admin/regions', () => {
  it('shows the tree with names in three languages', async () => {
    const response = await adminClient.get('/en/admin/regions');
    expect(response.body).toContain('ایران');
    expect(response.body).toContain('Gilan');
    expect(response.body).toContain('ir-gilan');
  });
  it('adds a region under a parent, with ancestor_ids, audited', async () => {
    const response = await adminClient.post('/en/admin/regions', validRegion());
    expect(response.statusCode).toBe(303);
    const row = await one<{ parent_id: number; ancestor_ids: number[] }>(
      t.db,
      `SELECT parent_id, ancestor_ids FROM regions WHERE code = 'ir-gilan-fuman'`,
    );
    expect(defined(row, 'row').parent_id).toBe(gilan);
    expect(defined(row, 'row').ancestor_ids).toHaveLength(2);
    expect(await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'region.created' AND actor_id = $1`, [adminId])).toBeDefined();
    expect((await adminClient.get('/en/admin/regions')).body).toContain('The region was added.');
  });
  it('rejects a duplicate code, a missing name, a bad code, an unknown parent, RTL overrides and over-long names', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ code: 'ir-gilan' }, 'Another region already has this code.'],
      [{ name_vi: '' }, 'This field is required.'],
      [{ code: 'Bad Code' }, 'Use lower-case Latin letters and digits, joined by single dashes.'],
      [{ code: 'orphan', parent: '999999' }, 'Choose one of the options.'],
      [{ code: 'rtl', name_en: 'a\u202Eb' }, 'Remove the hidden text-direction characters from this field.'],
      [{ code: 'long', name_en: 'x'.repeat(121) }, 'Enter at most 120 characters.'],
      [{ code: 'kindless', kind: 'galaxy' }, 'Choose one of the options.'],
    ];
    for (const [overrides, message] of cases) {
      const response = await adminClient.post('/en/admin/regions', validRegion(overrides));
      expect(response.statusCode, JSON.stringify(overrides).slice(0, 60)).toBe(422);
      expect(response.body).toContain(message);
    }
  });
  it('stores markup in names as text', async () => {
    await adminClient.post('/en/admin/regions', validRegion({ code: 'markup', name_en: '<i>Evil</i>' }));
    expect((await adminClient.get('/en/admin/regions')).body).toContain('&lt;i>Evil&lt;/i>');
  });
  it('refuses a post without a CSRF token', async () => {
    const response = await adminClient.post('/en/admin/regions', validRegion({ code: 'no-csrf' }), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await one(t.db, `SELECT 1 FROM regions WHERE code = 'no-csrf'`)).toBeUndefined();
  });
});
