import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createRegion, createUser, grantRole, signIn, type TestUser } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import type { Role } from '../../core/authorization.ts';
import { INVITATIONS_PER_HOUR } from './routes/pages/members.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let gilan: number, rasht: number, lahijan: number, hanoi: number;
let federation: { id: number; slug: string },
  union: { id: number; slug: string },
  sibling: { id: number; slug: string },
  other: { id: number; slug: string };
let unionAdmin: TestUser;

async function clientFor(userId: number) {
  const client = new TestClient(t.app);
  await signIn(t.db, client, userId);
  return client;
}
async function userWith(orgId: number, role: Role, regionId: number | null = null, person: { name?: string; email?: string } = {}) {
  const user = await createUser(t.db, person);
  await grantRole(t.db, user.id, orgId, role, regionId);
  return user;
}
const membersUrl = (slug: string, lang = 'en') => `/${lang}/organizations/${slug}/members`;
// One route per change on the member page; each form posts with the page's CSRF token.
const inviteUrl = (slug: string, lang = 'en') => `${membersUrl(slug, lang)}/invitations`;
const roleUrl = (slug: string, userId: number | string) => `${membersUrl(slug)}/${userId}/role`;
const removeUrl = (slug: string, userId: number | string) => `${membersUrl(slug)}/${userId}/remove`;
const revokeUrl = (slug: string, invitationId: number) => `/en/organizations/${slug}/invitations/${invitationId}/revoke`;
const roles = (orgId: number, userId: number) =>
  many<{ role: string; region_id: number | null }>(
    t.db,
    `SELECT role, region_id FROM memberships WHERE organization_id = $1 AND user_id = $2 ORDER BY role`,
    [orgId, userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  gilan = (await createRegion(t.db, { name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } })).id;
  rasht = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } })).id;
  lahijan = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Lahijan', fa: 'لاهیجان', vi: 'Lahijan' } })).id;
  hanoi = (await createRegion(t.db, { name: { en: 'Hanoi', fa: 'هانوی', vi: 'Hà Nội' } })).id;
  federation = await createOrganization(t.db, {
    slug: 'gilan-workers',
    regionId: gilan,
    name: { en: 'Gilan Workers Organization', fa: 'تشکل کارگری گیلان' },
  });
  union = await createOrganization(t.db, {
    slug: 'rasht-textile',
    parentId: federation.id,
    regionId: gilan,
    name: { en: 'Rasht Textile Union', fa: 'سندیکای نساجی رشت' },
  });
  sibling = await createOrganization(t.db, {
    slug: 'anzali-port',
    parentId: federation.id,
    regionId: gilan,
    name: { en: 'Anzali Port Union' },
  });
  other = await createOrganization(t.db, { slug: 'hanoi-union', regionId: hanoi, name: { en: 'Hanoi Union' } });
  unionAdmin = await userWith(union.id, 'admin');
});
afterAll(async () => {
  await t.close();
});

describe('GET /:lang/organizations/:slug/members', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: membersUrl('rasht-textile') });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login?next=%2Fen%2Forganizations%2Frasht-textile%2Fmembers');
  });
  it('answers 404 (not 403) to a member, an official, a sibling’s admin and another organization’s admin', async () => {
    const notAllowed = [
      await userWith(union.id, 'member'),
      await userWith(union.id, 'official'),
      await userWith(sibling.id, 'admin'),
      await userWith(other.id, 'admin'),
    ];
    const missing = await (await clientFor(unionAdmin.id)).get(membersUrl('no-such-org'));
    for (const user of notAllowed) {
      const response = await (await clientFor(user.id)).get(membersUrl('rasht-textile'));
      expect(response.statusCode).toBe(404);
      // The same answer as an organization that does not exist: a probe learns nothing.
      const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
      expect(main(response.body)).toBe(main(missing.body));
    }
  });
  it('lists members with roles and region limits for the organization’s admin, with the forms to manage them', async () => {
    const official = await userWith(union.id, 'official', rasht, { name: 'Hossein Nouri' });
    const response = await (await clientFor(unionAdmin.id)).get(membersUrl('rasht-textile'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hossein Nouri');
    expect(response.body).toContain('Official');
    expect(response.body).toContain('Rasht');
    expect(response.body).toContain('action="/en/organizations/rasht-textile/members/invitations"');
    expect(response.body).toContain(`action="/en/organizations/rasht-textile/members/${official.id}/role"`);
    expect(response.body).toContain(`action="/en/organizations/rasht-textile/members/${official.id}/remove"`);
  });
  it('lets a coordinator read the list without the forms', async () => {
    const coordinator = await userWith(federation.id, 'coordinator');
    const response = await (await clientFor(coordinator.id)).get(membersUrl('rasht-textile'));
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('/members/invitations"');
    expect(response.body).not.toContain('/remove"');
  });
  it('pages the list 50 roles at a time, admins first', async () => {
    const crowded = await createOrganization(t.db, { slug: 'crowded-union', parentId: federation.id });
    const crowdedAdmin = await userWith(crowded.id, 'admin', null, { name: 'Aaa First Admin' });
    for (let i = 0; i < 50; i++) await userWith(crowded.id, 'member');
    const client = await clientFor(crowdedAdmin.id);
    const first = await client.get(membersUrl('crowded-union'));
    expect(first.body).toContain('member__name"><bdi>Aaa First Admin');
    expect((first.body.match(/\/remove"/g) ?? []).length).toBe(50);
    expect(first.body).toContain('href="/en/organizations/crowded-union/members?page=2"');
    const second = await client.get(`${membersUrl('crowded-union')}?page=2`);
    expect((second.body.match(/\/remove"/g) ?? []).length).toBe(1);
    expect(second.body).not.toContain('member__name"><bdi>Aaa First Admin');
    expect((await client.get(`${membersUrl('crowded-union')}?page=zero`)).statusCode).toBe(422);
  });
  it('searches the list by name (without diacritics) or email, keeping the search in page links', async () => {
    const searchable = await createOrganization(t.db, { slug: 'searchable-union', parentId: federation.id });
    const searcher = await userWith(searchable.id, 'admin');
    await userWith(searchable.id, 'member', null, { name: 'Nguyễn Thị Hòa', email: 'hoa.nguyen@example.org' });
    await userWith(searchable.id, 'member', null, { name: 'رضا محمدی' });
    const client = await clientFor(searcher.id);
    const byName = await client.get(`${membersUrl('searchable-union')}?q=${encodeURIComponent('nguyen thi hoa')}`);
    expect(byName.body).toContain('member__name"><bdi>Nguyễn Thị Hòa');
    expect(byName.body).not.toContain('رضا محمدی');
    expect(byName.body).toContain('value="nguyen thi hoa"');
    const persian = await client.get(`${membersUrl('searchable-union', 'fa')}?q=${encodeURIComponent('رضا')}`);
    expect(persian.body).toContain('رضا محمدی');
    expect(persian.body).not.toContain('Nguyễn Thị Hòa');
    const byEmail = await client.get(`${membersUrl('searchable-union')}?q=HOA.NGUYEN@`);
    expect(byEmail.body).toContain('Nguyễn Thị Hòa');
    // Wildcards are taken literally.
    const wildcard = await client.get(`${membersUrl('searchable-union')}?q=${encodeURIComponent('%')}`);
    expect(wildcard.body).not.toContain('member__name');
    const hostile = await client.get(
      `${membersUrl('searchable-union')}?q=${encodeURIComponent('a\u202Eb')}`.replace('%5Cu202E', '%E2%80%AE'),
    );
    expect(hostile.statusCode).toBe(422);
  });
  it('offers only regions within the organization’s region for officials', async () => {
    const response = await (await clientFor(unionAdmin.id)).get(membersUrl('rasht-textile'));
    expect(response.body).toContain(`value="${lahijan}"`);
    expect(response.body).not.toContain(`value="${hanoi}"`);
  });
});

describe('POST /:lang/organizations/:slug/members/invitations (invite)', () => {
  it('refuses a visitor and a post without a CSRF token', async () => {
    const visitor = new TestClient(t.app);
    expect(
      (await visitor.post(inviteUrl('rasht-textile'), { email: 'a@example.org', role: 'member' }, { from: '/en/login' })).statusCode,
    ).toBe(401);
    const admin = await clientFor(unionAdmin.id);
    expect((await admin.post(inviteUrl('rasht-textile'), { email: 'a@example.org', role: 'member' }, { csrf: false })).statusCode).toBe(
      403,
    );
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'a@example.org'`)).toBeUndefined();
  });
  it('answers 404 to a coordinator and a sibling’s admin who post anyway', async () => {
    for (const user of [await userWith(union.id, 'coordinator'), await userWith(sibling.id, 'admin')]) {
      const client = await clientFor(user.id);
      const response = await client.post(
        inviteUrl('rasht-textile'),
        { email: 'b@example.org', role: 'admin' },
        { from: '/en/organizations' },
      );
      expect(response.statusCode).toBe(404);
    }
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'b@example.org'`)).toBeUndefined();
  });
  it('stores a hashed token that expires in 14 days, mails the link, and audits it', async () => {
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(
      inviteUrl('rasht-textile'),
      { email: ' New.Worker@Example.org ', role: 'official', region: String(rasht) },
      { from: membersUrl('rasht-textile') },
    );
    expect(response.statusCode).toBe(303);
    const invitation = await one<{ token_hash: string; role: string; region_id: number; days: number; invited_by: number }>(
      t.db,
      `SELECT token_hash, role, region_id, invited_by, round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM invitations WHERE email = 'new.worker@example.org'`,
    );
    expect(invitation).toMatchObject({ role: 'official', region_id: rasht, days: 14, invited_by: unionAdmin.id });
    const mail = await one<{ body_text: string; status: string; subject: string }>(
      t.db,
      `SELECT body_text, status, subject FROM mail_messages WHERE recipient = 'new.worker@example.org'`,
    );
    expect(defined(mail, 'mail').status).toBe('held');
    expect(defined(mail, 'mail').subject).toContain('Rasht Textile Union');
    const token = defined(/\/en\/invitations\/([A-Za-z0-9_-]+)/.exec(defined(mail, 'mail').body_text), 'the match')[1];
    expect(defined(invitation, 'invitation').token_hash).not.toContain(token);
    expect(defined(invitation, 'invitation').token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await one<{ actor_id: number; ip: string; details: Record<string, unknown> }>(
      t.db,
      `SELECT actor_id, abbrev(ip) AS ip, details FROM audit_log WHERE action = 'invitation.created' AND organization_id = $1`,
      [union.id],
    );
    expect(audit).toMatchObject({
      actor_id: unionAdmin.id,
      ip: '127.0.0.0/24',
      details: { role: 'official', invitedEmail: 'new.worker@example.org' },
    });
    const page = await admin.get(membersUrl('rasht-textile'));
    expect(page.body).toContain('An invitation was sent to new.worker@example.org.');
    expect(page.body).toContain('new.worker@example.org</p>');
  });
  it('writes the mail in the page’s language', async () => {
    const admin = await clientFor(unionAdmin.id);
    await admin.post(
      inviteUrl('rasht-textile', 'fa'),
      { email: 'farsi@example.org', role: 'member' },
      { from: membersUrl('rasht-textile', 'fa') },
    );
    const mail = await one<{ body_text: string; subject: string }>(
      t.db,
      `SELECT body_text, subject FROM mail_messages WHERE recipient = 'farsi@example.org'`,
    );
    expect(defined(mail, 'mail').subject).toContain('سندیکای نساجی رشت');
    expect(defined(mail, 'mail').body_text).toContain('/fa/invitations/');
  });
  it('rejects an invalid email, an unknown role, a region for a non-official and a region outside the organization', async () => {
    const admin = await clientFor(unionAdmin.id);
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: 'not-an-email', role: 'member' }, 'Enter an email address such as name@example.org.'],
      [{ email: '', role: 'member' }, 'Enter an email address such as name@example.org.'],
      [{ email: `${'a'.repeat(250)}@example.org`, role: 'member' }, 'Enter at most 254 characters.'],
      [{ email: '<script>@example.org', role: 'member' }, 'Enter an email address such as name@example.org.'],
      [{ email: 'c@example.org', role: 'emperor' }, 'Choose one of the options.'],
      [{ email: 'c@example.org', role: 'member', region: String(rasht) }, 'Only officials can be limited to a region.'],
      [
        { email: 'c@example.org', role: 'official', region: String(hanoi) },
        'Choose a region within the organization’s own region.'.replace('’', "'"),
      ],
    ];
    for (const [form, message] of cases) {
      const response = await admin.post(inviteUrl('rasht-textile'), form, { from: membersUrl('rasht-textile') });
      expect(response.statusCode, JSON.stringify(form).slice(0, 80)).toBe(422);
      expect(response.body.replaceAll('&#39;', "'"), JSON.stringify(form).slice(0, 80)).toContain(message);
      expect(response.body).not.toContain('<script>@');
    }
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'c@example.org'`)).toBeUndefined();
  });
  it('limits how many invitations one person sends in an hour (429)', async () => {
    const busy = await userWith(union.id, 'admin');
    const client = await clientFor(busy.id);
    const token = defined(/name="_csrf" value="([^"]+)"/.exec((await client.get(membersUrl('rasht-textile'))).body), 'the match')[1];
    for (let i = 0; i < INVITATIONS_PER_HOUR; i++) {
      const response = await client.post(inviteUrl('rasht-textile'), { email: `bulk${i}@example.org`, role: 'member' }, { csrf: token });
      expect(response.statusCode).toBe(303);
    }
    const over = await client.post(inviteUrl('rasht-textile'), { email: 'one-too-many@example.org', role: 'member' }, { csrf: token });
    expect(over.statusCode).toBe(429);
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'one-too-many@example.org'`)).toBeUndefined();
    // Another admin is not affected.
    expect(
      (
        await (
          await clientFor(unionAdmin.id)
        ).post(inviteUrl('rasht-textile'), { email: 'still-fine@example.org', role: 'member' }, { from: membersUrl('rasht-textile') })
      ).statusCode,
    ).toBe(303);
  });
  it('has one route per change: the member list itself takes no posts', async () => {
    const admin = await clientFor(unionAdmin.id);
    expect(
      (await admin.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'old-url@example.org', role: 'member' })).statusCode,
    ).toBe(404);
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'old-url@example.org'`)).toBeUndefined();
  });
});

describe('POST …/members/:userId/role, …/members/:userId/remove, …/invitations/:invitationId/revoke', () => {
  it('changes a role and audits it with the previous and new role', async () => {
    const worker = await userWith(union.id, 'member');
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(
      roleUrl('rasht-textile', worker.id),
      { role: 'member', newRole: 'official', region: String(lahijan) },
      { from: membersUrl('rasht-textile') },
    );
    expect(response.statusCode).toBe(303);
    expect(await roles(union.id, worker.id)).toEqual([{ role: 'official', region_id: lahijan }]);
    const audit = await one<{ details: Record<string, unknown>; subject_id: string }>(
      t.db,
      `SELECT details, subject_id FROM audit_log WHERE action = 'membership.role_changed' AND subject_id = $1`,
      [String(worker.id)],
    );
    expect(defined(audit, 'audit').details).toMatchObject({ previousRole: 'member', newRole: 'official', regionId: lahijan });
  });
  it('lets a parent organization’s admin manage the child’s members (inherited role)', async () => {
    const federationAdmin = await userWith(federation.id, 'admin');
    const worker = await userWith(union.id, 'member');
    const client = await clientFor(federationAdmin.id);
    expect((await client.get(membersUrl('rasht-textile'))).statusCode).toBe(200);
    const response = await client.post(
      roleUrl('rasht-textile', worker.id),
      { role: 'member', newRole: 'moderator', region: '' },
      { from: membersUrl('rasht-textile') },
    );
    expect(response.statusCode).toBe(303);
    expect(await roles(union.id, worker.id)).toEqual([{ role: 'moderator', region_id: null }]);
    const invite = await client.post(
      inviteUrl('rasht-textile'),
      { email: 'from-parent@example.org', role: 'member' },
      { from: membersUrl('rasht-textile') },
    );
    expect(invite.statusCode).toBe(303);
  });
  it('does not let a child’s admin manage the parent', async () => {
    const client = await clientFor(unionAdmin.id);
    expect((await client.get(membersUrl('gilan-workers'))).statusCode).toBe(404);
  });
  it('refuses to demote or remove the last admin, and allows it once there is another', async () => {
    const lone = await createOrganization(t.db, { slug: 'lone-union', parentId: federation.id });
    const onlyAdmin = await userWith(lone.id, 'admin');
    const client = await clientFor(onlyAdmin.id);
    const demote = await client.post(
      roleUrl('lone-union', onlyAdmin.id),
      { role: 'admin', newRole: 'member', region: '' },
      { from: membersUrl('lone-union') },
    );
    expect(demote.statusCode).toBe(409);
    expect(demote.body).toContain('last administrator');
    const remove = await client.post(removeUrl('lone-union', onlyAdmin.id), { role: 'admin' }, { from: membersUrl('lone-union') });
    expect(remove.statusCode).toBe(409);
    expect(await roles(lone.id, onlyAdmin.id)).toEqual([{ role: 'admin', region_id: null }]);
    const second = await userWith(lone.id, 'admin');
    const again = await client.post(removeUrl('lone-union', second.id), { role: 'admin' }, { from: membersUrl('lone-union') });
    expect(again.statusCode).toBe(303);
    expect(await roles(lone.id, second.id)).toEqual([]);
    const audit = await one(
      t.db,
      `SELECT 1 FROM audit_log WHERE action = 'membership.removed' AND subject_id = $1 AND organization_id = $2`,
      [String(second.id), lone.id],
    );
    expect(audit).toBeDefined();
  });
  it('answers 409 for a role the person does not hold, 422 for nonsense, 404 for an id that is no id', async () => {
    const admin = await clientFor(unionAdmin.id);
    const stranger = await createUser(t.db);
    const missing = await admin.post(removeUrl('rasht-textile', stranger.id), { role: 'member' }, { from: membersUrl('rasht-textile') });
    expect(missing.statusCode).toBe(409);
    const nonsense = await admin.post(
      roleUrl('rasht-textile', stranger.id),
      { role: 'member', newRole: 'king' },
      { from: membersUrl('rasht-textile') },
    );
    expect(nonsense.statusCode).toBe(422);
    expect(
      (await admin.post(removeUrl('rasht-textile', stranger.id), { role: 'emperor' }, { from: membersUrl('rasht-textile') })).statusCode,
    ).toBe(422);
    for (const url of [
      roleUrl('rasht-textile', 'abc'),
      removeUrl('rasht-textile', '0'),
      `/en/organizations/rasht-textile/invitations/1e3/revoke`,
    ]) {
      expect((await admin.post(url, { role: 'member', newRole: 'official' }, { from: membersUrl('rasht-textile') })).statusCode, url).toBe(
        404,
      );
    }
  });
  it('cannot touch a member of another organization through this one', async () => {
    const outsider = await userWith(other.id, 'member');
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(removeUrl('rasht-textile', outsider.id), { role: 'member' }, { from: membersUrl('rasht-textile') });
    expect(response.statusCode).toBe(409);
    expect(await roles(other.id, outsider.id)).toEqual([{ role: 'member', region_id: null }]);
  });
  it('revokes a pending invitation (audited) and not another organization’s', async () => {
    const admin = await clientFor(unionAdmin.id);
    await admin.post(inviteUrl('rasht-textile'), { email: 'revoke-me@example.org', role: 'member' }, { from: membersUrl('rasht-textile') });
    const invitation = await one<{ id: number }>(t.db, `SELECT id FROM invitations WHERE email = 'revoke-me@example.org'`);
    const otherAdmin = await clientFor((await userWith(other.id, 'admin')).id);
    const foreign = await otherAdmin.post(
      revokeUrl('hanoi-union', defined(invitation, 'invitation').id),
      {},
      { from: membersUrl('hanoi-union') },
    );
    expect(foreign.statusCode).toBe(409);
    const response = await admin.post(
      revokeUrl('rasht-textile', defined(invitation, 'invitation').id),
      {},
      { from: membersUrl('rasht-textile') },
    );
    expect(response.statusCode).toBe(303);
    expect(
      defined(
        await one<{ revoked: boolean }>(t.db, `SELECT revoked_at IS NOT NULL AS revoked FROM invitations WHERE id = $1`, [
          defined(invitation, 'invitation').id,
        ]),
        'the row',
      ).revoked,
    ).toBe(true);
    expect(
      await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'invitation.revoked' AND subject_id = $1`, [
        String(defined(invitation, 'invitation').id),
      ]),
    ).toBeDefined();
    const twice = await admin.post(
      revokeUrl('rasht-textile', defined(invitation, 'invitation').id),
      {},
      { from: membersUrl('rasht-textile') },
    );
    expect(twice.statusCode).toBe(409);
  });
});
