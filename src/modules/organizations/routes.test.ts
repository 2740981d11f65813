import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createRegion, createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { one } from '../../../test/support/sql.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let gilan: number, rasht: number, bacGiang: number;
let federation: { id: number; slug: string },
  union: { id: number; slug: string },
  sibling: { id: number; slug: string },
  youth: { id: number; slug: string };

async function clientFor(userId: number) {
  const client = new TestClient(t.app);
  await signIn(t.db, client, userId);
  return client;
}
async function userWith(orgId: number, role: Parameters<typeof grantRole>[3]) {
  const user = await createUser(t.db);
  await grantRole(t.db, user.id, orgId, role);
  return clientFor(user.id);
}
const validForm = (overrides: Record<string, string> = {}) => ({
  kind: 'enterprise_union',
  name_fa: 'اتحادیهٔ کارگران کارخانهٔ چای',
  name_vi: '',
  name_en: 'Tea Factory Workers Union',
  description_fa: '',
  description_vi: '',
  description_en: 'Workers of the tea factory.',
  region: '',
  slug: 'tea-factory-union',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  const iran = await createRegion(t.db, { kind: 'country', name: { en: 'Iran', fa: 'ایران', vi: 'Iran' } });
  gilan = (await createRegion(t.db, { parentId: iran.id, name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } })).id;
  rasht = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } })).id;
  const vn = await createRegion(t.db, { kind: 'country', name: { en: 'Vietnam', fa: 'ویتنام', vi: 'Việt Nam' } });
  bacGiang = (await createRegion(t.db, { parentId: vn.id, name: { en: 'Bac Giang', fa: 'باک‌زیانگ', vi: 'Bắc Giang' } })).id;
  federation = await createOrganization(t.db, {
    slug: 'gilan-workers',
    kind: 'labour_federation',
    regionId: gilan,
    name: { fa: 'تشکل کارگری گیلان', en: 'Gilan Workers Organization', vi: 'Tổ chức Công nhân Gilan' },
    description: { fa: 'تشکل استانی کارگران', en: 'The provincial workers’ organization' },
  });
  union = await createOrganization(t.db, {
    slug: 'rasht-textile',
    parentId: federation.id,
    regionId: rasht,
    name: { fa: 'سندیکای نساجی رشت', en: 'Rasht Textile Union' },
  });
  sibling = await createOrganization(t.db, {
    slug: 'anzali-port',
    parentId: federation.id,
    regionId: gilan,
    name: { en: 'Anzali Port Union' },
  });
  youth = await createOrganization(t.db, {
    slug: 'bac-giang-youth',
    kind: 'youth_union',
    regionId: bacGiang,
    name: { vi: 'Tỉnh đoàn Bắc Giang', en: 'Bac Giang Youth Union' },
  });
  const worker = await createUser(t.db);
  await grantRole(t.db, worker.id, union.id, 'member');
});
afterAll(async () => {
  await t.close();
});

describe('GET /:lang/organizations', () => {
  it('lists every organization to a visitor, names in the page’s language', async () => {
    const response = await t.app.inject({ url: '/fa/organizations' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('تشکل کارگری گیلان');
    expect(response.body).toContain('سندیکای نساجی رشت');
    // No Persian name: another language is shown rather than nothing.
    expect(response.body).toContain('Anzali Port Union');
    expect(response.body).toContain('href="/fa/organizations/rasht-textile"');
  });
  it('filters by region, including sub-regions', async () => {
    const response = await t.app.inject({ url: `/en/organizations?region=${gilan}` });
    expect(response.body).toContain('Rasht Textile Union');
    expect(response.body).toContain('Gilan Workers Organization');
    expect(response.body).not.toContain('Bac Giang Youth Union');
    const county = await t.app.inject({ url: `/en/organizations?region=${rasht}` });
    expect(county.body).toContain('Rasht Textile Union');
    expect(county.body).not.toContain('href="/en/organizations/gilan-workers"');
  });
  it('filters by kind', async () => {
    const response = await t.app.inject({ url: '/vi/organizations?kind=youth_union' });
    expect(response.body).toContain('Tỉnh đoàn Bắc Giang');
    expect(response.body).not.toContain('Rasht Textile Union');
  });
  it('answers bad filters with 422 and a message, never a 500', async () => {
    const response = await t.app.inject({ url: '/en/organizations?kind=%3Cscript%3E&region=abc' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Choose one of the options.');
    expect(response.body).not.toContain('<script>');
  });
  it('paginates 20 to a page', async () => {
    for (let i = 0; i < 21; i++)
      await createOrganization(t.db, { slug: `zz-page-test-${i}`, kind: 'other', name: { en: `Zz Paging ${String(i).padStart(2, '0')}` } });
    const first = await t.app.inject({ url: '/en/organizations?kind=other' });
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('href="/en/organizations?kind=other&amp;page=2"');
    const second = await t.app.inject({ url: '/en/organizations?kind=other&page=2' });
    expect(second.body).toContain('Zz Paging 20');
    expect(second.body).not.toContain('Zz Paging 00');
  });
  it('offers platform administrators a top-level organization, nobody else', async () => {
    const admin = await createUser(t.db, { isPlatformAdmin: true });
    expect((await (await clientFor(admin.id)).get('/en/organizations')).body).toContain('href="/en/organizations/new"');
    expect((await t.app.inject({ url: '/en/organizations' })).body).not.toContain('href="/en/organizations/new"');
  });
});

describe('GET /:lang/organizations/:slug', () => {
  it('shows a visitor the about section, parent, sub-organizations and number of members', async () => {
    const response = await t.app.inject({ url: '/en/organizations/gilan-workers' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('The provincial workers’ organization');
    expect(response.body).toContain('Labour federation');
    expect(response.body).toContain('Gilan');
    expect(response.body).toContain('href="/en/organizations/rasht-textile"');
    expect(response.body).toContain('href="/en/organizations/anzali-port"');
    const child = await t.app.inject({ url: '/fa/organizations/rasht-textile' });
    expect(child.body).toContain('href="/fa/organizations/gilan-workers"');
    expect(child.body).toContain('۱ عضو');
  });
  it('shows management links only to those who may use them', async () => {
    const visitor = await t.app.inject({ url: '/en/organizations/rasht-textile' });
    expect(visitor.body).not.toContain('/members"');
    const admin = await userWith(federation.id, 'admin');
    const page = await admin.get('/en/organizations/rasht-textile');
    for (const path of ['edit', 'members', 'audit', 'new']) expect(page.body).toContain(`href="/en/organizations/rasht-textile/${path}"`);
  });
  it('shows the links other modules declare for organization pages', async () => {
    const { modules } = await import('../registry.ts');
    const links = modules.flatMap((m) => m.organizationLinks ?? []);
    const response = await t.app.inject({ url: '/en/organizations/rasht-textile' });
    for (const link of links) expect(response.body).toContain(`href="/en${link.path('rasht-textile')}"`);
  });
  it('lists the first 30 sub-organizations and links to all of them in the directory', async () => {
    const big = await createOrganization(t.db, { slug: 'big-federation', name: { en: 'Big Federation' } });
    for (let i = 0; i < 31; i++)
      await createOrganization(t.db, { slug: `big-child-${i}`, parentId: big.id, name: { en: `Big Child ${String(i).padStart(2, '0')}` } });
    const page = await t.app.inject({ url: '/en/organizations/big-federation' });
    expect(page.body).toContain('Big Child 29');
    expect(page.body).not.toContain('Big Child 30');
    expect(page.body).toContain(`href="/en/organizations?parent=${big.id}"`);
    expect(page.body).toContain('All 31 sub-organizations');
    const all = await t.app.inject({ url: `/en/organizations?parent=${big.id}&page=2` });
    expect(all.body).toContain('Sub-organizations of');
    expect(all.body).toContain('Big Child 30');
    expect(all.body).not.toContain('Rasht Textile Union');
  });
  it('answers 404 for an unknown organization', async () => {
    expect((await t.app.inject({ url: '/en/organizations/no-such-org' })).statusCode).toBe(404);
  });
});

describe('GET/POST /:lang/organizations/new (top level)', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/en/organizations/new' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login?next=%2Fen%2Forganizations%2Fnew');
  });
  it('answers 404 to an organization admin who is not a platform administrator', async () => {
    const admin = await userWith(federation.id, 'admin');
    expect((await admin.get('/en/organizations/new')).statusCode).toBe(404);
  });
  it('lets a platform administrator create a top-level organization, audited', async () => {
    const admin = await createUser(t.db, { isPlatformAdmin: true });
    const client = await clientFor(admin.id);
    const response = await client.post(
      '/en/organizations/new',
      validForm({ kind: 'labour_federation', slug: 'bac-giang-federation', region: String(bacGiang) }),
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/organizations/bac-giang-federation');
    const row = await one<{ parent_id: number | null; ancestor_ids: number[] }>(
      t.db,
      `SELECT parent_id, ancestor_ids FROM organizations WHERE slug = 'bac-giang-federation'`,
    );
    expect(row).toEqual({ parent_id: null, ancestor_ids: [] });
    const audit = await one<{ actor_id: number; ip: string }>(
      t.db,
      `SELECT actor_id, abbrev(ip) AS ip FROM audit_log WHERE action = 'organization.created' AND details->>'slug' = 'bac-giang-federation'`,
    );
    expect(audit).toEqual({ actor_id: admin.id, ip: '127.0.0.0/24' }); // the network, never the address (issue 8)
  });
});

describe('GET/POST /:lang/organizations/:slug/new (sub-organization)', () => {
  it('sends a visitor to log in, and refuses a post without login', async () => {
    expect((await t.app.inject({ url: '/en/organizations/gilan-workers/new' })).statusCode).toBe(303);
    const client = new TestClient(t.app);
    const response = await client.post('/en/organizations/gilan-workers/new', validForm({ slug: 'visitor-org' }), { from: '/en/login' });
    expect(response.statusCode).toBe(401);
    expect(await one(t.db, `SELECT 1 FROM organizations WHERE slug = 'visitor-org'`)).toBeUndefined();
  });
  it('answers 404 to a member, to a sibling’s admin and to an admin of another organization', async () => {
    for (const client of [await userWith(union.id, 'member'), await userWith(sibling.id, 'admin'), await userWith(youth.id, 'admin')]) {
      expect((await client.get('/en/organizations/rasht-textile/new')).statusCode).toBe(404);
      const post = await client.post('/en/organizations/rasht-textile/new', validForm({ slug: 'sneaky' }), { from: '/en/organizations' });
      expect(post.statusCode).toBe(404);
    }
    expect(await one(t.db, `SELECT 1 FROM organizations WHERE slug = 'sneaky'`)).toBeUndefined();
  });
  it('lets the parent’s admin create a child, with ancestor_ids kept', async () => {
    const admin = await userWith(federation.id, 'admin');
    const response = await admin.post('/en/organizations/rasht-textile/new', validForm({ region: String(rasht) }));
    expect(response.statusCode).toBe(303);
    const row = await one<{ parent_id: number; ancestor_ids: number[]; name: Record<string, string> }>(
      t.db,
      `SELECT parent_id, ancestor_ids, name FROM organizations WHERE slug = 'tea-factory-union'`,
    );
    expect(defined(row, 'row').parent_id).toBe(union.id);
    expect(defined(row, 'row').ancestor_ids).toEqual([federation.id, union.id]);
    // An empty language is left out rather than stored as "".
    expect(defined(row, 'row').name).toEqual({ fa: 'اتحادیهٔ کارگران کارخانهٔ چای', en: 'Tea Factory Workers Union' });
    const page = await admin.get('/en/organizations/tea-factory-union');
    expect(page.body).toContain('The organization was created.');
  });
  it('refuses a slug already in use, keeping what was typed', async () => {
    const admin = await userWith(federation.id, 'admin');
    const response = await admin.post('/en/organizations/gilan-workers/new', validForm({ slug: 'rasht-textile', name_en: 'Kept name' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Another organization already uses this address.');
    expect(response.body).toContain('value="Kept name"');
  });
  it('rejects bad input with 422 and a message beside each field', async () => {
    const admin = await userWith(federation.id, 'admin');
    const cases: Array<[Record<string, string>, string]> = [
      [{ name_fa: '', name_en: '', name_vi: '' }, 'Give the organization’s name in at least one language.'.replace('’', "'")],
      [{ name_en: 'x'.repeat(201) }, 'Enter at most 200 characters.'],
      [{ name_en: 'Evil\u202Egpj.exe' }, 'Remove the hidden text-direction characters from this field.'],
      [{ slug: 'Bad Slug!' }, 'Use lower-case Latin letters and digits, joined by single dashes.'],
      [{ slug: 'new' }, 'This address is reserved. Choose another.'],
      [{ kind: 'secret_police' }, 'Choose one of the options.'],
      [{ region: '999999' }, 'Choose one of the options.'],
      [{ description_en: 'y'.repeat(5001) }, 'Enter at most 5,000 characters.'],
    ];
    for (const [overrides, message] of cases) {
      const response = await admin.post('/en/organizations/gilan-workers/new', validForm({ slug: 'bad-input-org', ...overrides }));
      expect(response.statusCode, JSON.stringify(overrides).slice(0, 60)).toBe(422);
      expect(response.body.replaceAll('&#39;', "'")).toContain(message);
    }
    expect(await one(t.db, `SELECT 1 FROM organizations WHERE slug = 'bad-input-org'`)).toBeUndefined();
  });
  it('stores markup as text and shows it escaped', async () => {
    const admin = await userWith(federation.id, 'admin');
    const response = await admin.post(
      '/en/organizations/gilan-workers/new',
      validForm({ slug: 'markup-org', name_en: '<script>alert(1)</script><b>Union</b>', description_en: '<img src=x onerror=alert(1)>' }),
    );
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject({ url: '/en/organizations/markup-org' });
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>&lt;b>Union&lt;/b>');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)>');
  });
  it('refuses a post without a CSRF token', async () => {
    const admin = await userWith(federation.id, 'admin');
    const response = await admin.post('/en/organizations/gilan-workers/new', validForm({ slug: 'no-csrf' }), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await one(t.db, `SELECT 1 FROM organizations WHERE slug = 'no-csrf'`)).toBeUndefined();
  });
});

describe('GET/POST /:lang/organizations/:slug/edit', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/en/organizations/rasht-textile/edit' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login?next=');
  });
  it('answers 404 to a member, a sibling’s admin, a coordinator and another organization’s admin', async () => {
    for (const client of [
      await userWith(union.id, 'member'),
      await userWith(sibling.id, 'admin'),
      await userWith(union.id, 'coordinator'),
      await userWith(youth.id, 'admin'),
    ]) {
      expect((await client.get('/en/organizations/rasht-textile/edit')).statusCode).toBe(404);
      expect(
        (await client.post('/en/organizations/rasht-textile/edit', validForm({ slug: 'rasht-textile' }), { from: '/en/organizations' }))
          .statusCode,
      ).toBe(404);
    }
  });
  it('shows the current values and saves changes, audited with the changed fields', async () => {
    const admin = await userWith(union.id, 'admin');
    const form = await admin.get('/vi/organizations/rasht-textile/edit');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Rasht Textile Union"');
    expect(form.body).toContain('value="rasht-textile"');
    const response = await admin.post('/vi/organizations/rasht-textile/edit', {
      kind: 'trade_union',
      name_fa: 'سندیکای نساجی رشت',
      name_en: 'Rasht Textile Union',
      name_vi: 'Công đoàn Dệt Rasht',
      region: String(rasht),
      slug: 'rasht-textile',
      description_vi: 'Công đoàn của công nhân dệt.',
    });
    expect(response.statusCode).toBe(303);
    const page = await admin.get('/vi/organizations/rasht-textile');
    expect(page.body).toContain('Công đoàn Dệt Rasht');
    expect(page.body).toContain('Công đoàn của công nhân dệt.');
    const audit = await one<{ details: { changedFields: string[] } }>(
      t.db,
      `SELECT details FROM audit_log WHERE action = 'organization.updated' AND organization_id = $1`,
      [union.id],
    );
    expect(defined(audit, 'audit').details.changedFields).toEqual(['name', 'description']);
  });
  it('lets the parent’s admin edit the child (inherited role)', async () => {
    const admin = await userWith(federation.id, 'admin');
    expect((await admin.get('/en/organizations/rasht-textile/edit')).statusCode).toBe(200);
  });
  it('re-renders with 422 and keeps values when a name is too long', async () => {
    const admin = await userWith(union.id, 'admin');
    const response = await admin.post(
      '/en/organizations/rasht-textile/edit',
      validForm({ slug: 'rasht-textile', name_en: 'z'.repeat(300) }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Enter at most 200 characters.');
  });
  it('shows the time zone select and saves a zone chosen from it, audited', async () => {
    const admin = await userWith(union.id, 'admin');
    const form = await admin.get('/fa/organizations/rasht-textile/edit');
    expect(form.body).toContain('منطقهٔ زمانی');
    expect(form.body).toMatch(/<option value="Asia\/Ho_Chi_Minh"[^>]*>Asia\/Ho_Chi_Minh — /);
    const response = await admin.post(
      '/en/organizations/rasht-textile/edit',
      validForm({ slug: 'rasht-textile', time_zone: 'Asia/Tehran' }),
    );
    expect(response.statusCode).toBe(303);
    const again = await admin.get('/en/organizations/rasht-textile/edit');
    expect(again.body).toMatch(/<option value="Asia\/Tehran" selected[^>]*>/);
    const audit = await one<{ details: { changedFields: string[] } }>(
      t.db,
      `SELECT details FROM audit_log WHERE action = 'organization.updated' AND organization_id = $1 ORDER BY id DESC LIMIT 1`,
      [union.id],
    );
    expect(defined(audit, 'audit').details.changedFields).toContain('timeZone');
  });
  it('refuses a time zone that is not in the list with 422, in the page’s language', async () => {
    const admin = await userWith(union.id, 'admin');
    for (const zone of ['Mars/Olympus', '+03:30', 'Asia/Tehran; DROP']) {
      const response = await admin.post('/fa/organizations/rasht-textile/edit', validForm({ slug: 'rasht-textile', time_zone: zone }));
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('یک منطقهٔ زمانی از فهرست برگزینید.');
    }
  });
});
