import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createRegion, createUser, grantRole, signIn, type TestUser } from '../../../test/support/factories.ts';
import { many, one } from '../../db/database.ts';
import type { Role } from '../../core/authorization.ts';
import { INVITATIONS_PER_HOUR } from './members-routes.ts';

let t: TestApp;
let gilan: number, rasht: number, lahijan: number, hanoi: number;
let federation: { id: number; slug: string }, union: { id: number; slug: string }, sibling: { id: number; slug: string }, other: { id: number; slug: string };
let unionAdmin: TestUser;

async function clientFor(userId: number) {
  const client = new TestClient(t.app);
  await signIn(t.db, client, userId);
  return client;
}
async function userWith(orgId: number, role: Role, regionId: number | null = null) {
  const user = await createUser(t.db);
  await grantRole(t.db, user.id, orgId, role, regionId);
  return user;
}
const membersUrl = (slug: string, lang = 'en') => `/${lang}/organizations/${slug}/members`;
const roles = (orgId: number, userId: number) =>
  many<{ role: string; region_id: number | null }>(t.db, `SELECT role, region_id FROM memberships WHERE organization_id = $1 AND user_id = $2 ORDER BY role`, [orgId, userId]);

beforeAll(async () => {
  t = await createTestApp();
  gilan = (await createRegion(t.db, { name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } })).id;
  rasht = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } })).id;
  lahijan = (await createRegion(t.db, { parentId: gilan, kind: 'county', name: { en: 'Lahijan', fa: 'لاهیجان', vi: 'Lahijan' } })).id;
  hanoi = (await createRegion(t.db, { name: { en: 'Hanoi', fa: 'هانوی', vi: 'Hà Nội' } })).id;
  federation = await createOrganization(t.db, { slug: 'gilan-workers', regionId: gilan, name: { en: 'Gilan Workers Organization', fa: 'تشکل کارگری گیلان' } });
  union = await createOrganization(t.db, { slug: 'rasht-textile', parentId: federation.id, regionId: gilan, name: { en: 'Rasht Textile Union', fa: 'سندیکای نساجی رشت' } });
  sibling = await createOrganization(t.db, { slug: 'anzali-port', parentId: federation.id, regionId: gilan, name: { en: 'Anzali Port Union' } });
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
    const official = await userWith(union.id, 'official', rasht);
    await t.db.query(`UPDATE users SET name = 'Hossein Nouri' WHERE id = $1`, [official.id]);
    const response = await (await clientFor(unionAdmin.id)).get(membersUrl('rasht-textile'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hossein Nouri');
    expect(response.body).toContain('Official');
    expect(response.body).toContain('Rasht');
    expect(response.body).toContain('name="intent" value="invite"');
    expect(response.body).toContain('name="intent" value="changeRole"');
  });
  it('lets a coordinator read the list without the forms', async () => {
    const coordinator = await userWith(federation.id, 'coordinator');
    const response = await (await clientFor(coordinator.id)).get(membersUrl('rasht-textile'));
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('name="intent"');
  });
  it('pages the list 50 roles at a time, admins first', async () => {
    const crowded = await createOrganization(t.db, { slug: 'crowded-union', parentId: federation.id });
    const crowdedAdmin = await userWith(crowded.id, 'admin');
    await t.db.query(`UPDATE users SET name = 'Aaa First Admin' WHERE id = $1`, [crowdedAdmin.id]);
    for (let i = 0; i < 50; i++) await userWith(crowded.id, 'member');
    const client = await clientFor(crowdedAdmin.id);
    const first = await client.get(membersUrl('crowded-union'));
    expect(first.body).toContain('member__name"><bdi>Aaa First Admin');
    expect((first.body.match(/name="intent" value="remove"/g) ?? []).length).toBe(50);
    expect(first.body).toContain('href="/en/organizations/crowded-union/members?page=2"');
    const second = await client.get(`${membersUrl('crowded-union')}?page=2`);
    expect((second.body.match(/name="intent" value="remove"/g) ?? []).length).toBe(1);
    expect(second.body).not.toContain('member__name"><bdi>Aaa First Admin');
    expect((await client.get(`${membersUrl('crowded-union')}?page=zero`)).statusCode).toBe(422);
  });
  it('searches the list by name (without diacritics) or email, keeping the search in page links', async () => {
    const searchable = await createOrganization(t.db, { slug: 'searchable-union', parentId: federation.id });
    const searcher = await userWith(searchable.id, 'admin');
    const hoa = await userWith(searchable.id, 'member');
    await t.db.query(`UPDATE users SET name = 'Nguyễn Thị Hòa', email = 'hoa.nguyen@example.org' WHERE id = $1`, [hoa.id]);
    const reza = await userWith(searchable.id, 'member');
    await t.db.query(`UPDATE users SET name = 'رضا محمدی' WHERE id = $1`, [reza.id]);
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
    const hostile = await client.get(`${membersUrl('searchable-union')}?q=${encodeURIComponent('a\u202Eb')}`.replace('%5Cu202E', '%E2%80%AE'));
    expect(hostile.statusCode).toBe(422);
  });
  it('offers only regions within the organization’s region for officials', async () => {
    const response = await (await clientFor(unionAdmin.id)).get(membersUrl('rasht-textile'));
    expect(response.body).toContain(`value="${lahijan}"`);
    expect(response.body).not.toContain(`value="${hanoi}"`);
  });
});

describe('POST /:lang/organizations/:slug/members (invite)', () => {
  it('refuses a visitor and a post without a CSRF token', async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'a@example.org', role: 'member' }, { from: '/en/login' })).statusCode).toBe(401);
    const admin = await clientFor(unionAdmin.id);
    expect((await admin.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'a@example.org', role: 'member' }, { csrf: false })).statusCode).toBe(403);
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'a@example.org'`)).toBeUndefined();
  });
  it('answers 404 to a coordinator and a sibling’s admin who post anyway', async () => {
    for (const user of [await userWith(union.id, 'coordinator'), await userWith(sibling.id, 'admin')]) {
      const client = await clientFor(user.id);
      const response = await client.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'b@example.org', role: 'admin' }, { from: '/en/organizations' });
      expect(response.statusCode).toBe(404);
    }
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'b@example.org'`)).toBeUndefined();
  });
  it('stores a hashed token that expires in 14 days, mails the link, and audits it', async () => {
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(membersUrl('rasht-textile'), { intent: 'invite', email: ' New.Worker@Example.org ', role: 'official', region: String(rasht) });
    expect(response.statusCode).toBe(303);
    const invitation = await one<{ token_hash: string; role: string; region_id: number; days: number; invited_by: number }>(
      t.db,
      `SELECT token_hash, role, region_id, invited_by, round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days FROM invitations WHERE email = 'new.worker@example.org'`,
    );
    expect(invitation).toMatchObject({ role: 'official', region_id: rasht, days: 14, invited_by: unionAdmin.id });
    const mail = await one<{ body_text: string; status: string; subject: string }>(t.db, `SELECT body_text, status, subject FROM mail_messages WHERE recipient = 'new.worker@example.org'`);
    expect(mail!.status).toBe('held');
    expect(mail!.subject).toContain('Rasht Textile Union');
    const token = /\/en\/invitations\/([A-Za-z0-9_-]+)/.exec(mail!.body_text)![1];
    expect(invitation!.token_hash).not.toContain(token);
    expect(invitation!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await one<{ actor_id: number; ip: string; details: Record<string, unknown> }>(
      t.db,
      `SELECT actor_id, abbrev(ip) AS ip, details FROM audit_log WHERE action = 'invitation.created' AND organization_id = $1`,
      [union.id],
    );
    expect(audit).toMatchObject({ actor_id: unionAdmin.id, ip: '127.0.0.0/24', details: { role: 'official', invitedEmail: 'new.worker@example.org' } });
    const page = await admin.get(membersUrl('rasht-textile'));
    expect(page.body).toContain('An invitation was sent to new.worker@example.org.');
    expect(page.body).toContain('new.worker@example.org</p>');
  });
  it('writes the mail in the page’s language', async () => {
    const admin = await clientFor(unionAdmin.id);
    await admin.post(membersUrl('rasht-textile', 'fa'), { intent: 'invite', email: 'farsi@example.org', role: 'member' });
    const mail = await one<{ body_text: string; subject: string }>(t.db, `SELECT body_text, subject FROM mail_messages WHERE recipient = 'farsi@example.org'`);
    expect(mail!.subject).toContain('سندیکای نساجی رشت');
    expect(mail!.body_text).toContain('/fa/invitations/');
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
      [{ email: 'c@example.org', role: 'official', region: String(hanoi) }, 'Choose a region within the organization’s own region.'.replace('’', "'")],
    ];
    for (const [form, message] of cases) {
      const response = await admin.post(membersUrl('rasht-textile'), { intent: 'invite', ...form });
      expect(response.statusCode, JSON.stringify(form).slice(0, 80)).toBe(422);
      expect(response.body.replaceAll('&#39;', "'"), JSON.stringify(form).slice(0, 80)).toContain(message);
      expect(response.body).not.toContain('<script>@');
    }
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'c@example.org'`)).toBeUndefined();
  });
  it('limits how many invitations one person sends in an hour (429)', async () => {
    const busy = await userWith(union.id, 'admin');
    const client = await clientFor(busy.id);
    const token = /name="_csrf" value="([^"]+)"/.exec((await client.get(membersUrl('rasht-textile'))).body)![1];
    for (let i = 0; i < INVITATIONS_PER_HOUR; i++) {
      const response = await client.post(membersUrl('rasht-textile'), { intent: 'invite', email: `bulk${i}@example.org`, role: 'member' }, { csrf: token });
      expect(response.statusCode).toBe(303);
    }
    const over = await client.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'one-too-many@example.org', role: 'member' }, { csrf: token });
    expect(over.statusCode).toBe(429);
    expect(await one(t.db, `SELECT 1 FROM invitations WHERE email = 'one-too-many@example.org'`)).toBeUndefined();
    // Another admin is not affected.
    expect((await (await clientFor(unionAdmin.id)).post(membersUrl('rasht-textile'), { intent: 'invite', email: 'still-fine@example.org', role: 'member' })).statusCode).toBe(303);
  });
  it('answers an unknown intent with 422', async () => {
    const admin = await clientFor(unionAdmin.id);
    expect((await admin.post(membersUrl('rasht-textile'), { intent: 'explode' })).statusCode).toBe(422);
  });
});

describe('POST /:lang/organizations/:slug/members (change role, remove, revoke)', () => {
  it('changes a role and audits it with the previous and new role', async () => {
    const worker = await userWith(union.id, 'member');
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(membersUrl('rasht-textile'), { intent: 'changeRole', userId: String(worker.id), role: 'member', newRole: 'official', region: String(lahijan) });
    expect(response.statusCode).toBe(303);
    expect(await roles(union.id, worker.id)).toEqual([{ role: 'official', region_id: lahijan }]);
    const audit = await one<{ details: Record<string, unknown>; subject_id: string }>(
      t.db,
      `SELECT details, subject_id FROM audit_log WHERE action = 'membership.role_changed' AND subject_id = $1`,
      [String(worker.id)],
    );
    expect(audit!.details).toMatchObject({ previousRole: 'member', newRole: 'official', regionId: lahijan });
  });
  it('lets a parent organization’s admin manage the child’s members (inherited role)', async () => {
    const federationAdmin = await userWith(federation.id, 'admin');
    const worker = await userWith(union.id, 'member');
    const client = await clientFor(federationAdmin.id);
    expect((await client.get(membersUrl('rasht-textile'))).statusCode).toBe(200);
    const response = await client.post(membersUrl('rasht-textile'), { intent: 'changeRole', userId: String(worker.id), role: 'member', newRole: 'moderator', region: '' });
    expect(response.statusCode).toBe(303);
    expect(await roles(union.id, worker.id)).toEqual([{ role: 'moderator', region_id: null }]);
    const invite = await client.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'from-parent@example.org', role: 'member' });
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
    const demote = await client.post(membersUrl('lone-union'), { intent: 'changeRole', userId: String(onlyAdmin.id), role: 'admin', newRole: 'member', region: '' });
    expect(demote.statusCode).toBe(409);
    expect(demote.body).toContain('last administrator');
    const remove = await client.post(membersUrl('lone-union'), { intent: 'remove', userId: String(onlyAdmin.id), role: 'admin' });
    expect(remove.statusCode).toBe(409);
    expect(await roles(lone.id, onlyAdmin.id)).toEqual([{ role: 'admin', region_id: null }]);
    const second = await userWith(lone.id, 'admin');
    const again = await client.post(membersUrl('lone-union'), { intent: 'remove', userId: String(second.id), role: 'admin' });
    expect(again.statusCode).toBe(303);
    expect(await roles(lone.id, second.id)).toEqual([]);
    const audit = await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'membership.removed' AND subject_id = $1 AND organization_id = $2`, [String(second.id), lone.id]);
    expect(audit).toBeDefined();
  });
  it('answers 409 for a role the person does not hold, 422 for nonsense', async () => {
    const admin = await clientFor(unionAdmin.id);
    const stranger = await createUser(t.db);
    const missing = await admin.post(membersUrl('rasht-textile'), { intent: 'remove', userId: String(stranger.id), role: 'member' });
    expect(missing.statusCode).toBe(409);
    const nonsense = await admin.post(membersUrl('rasht-textile'), { intent: 'changeRole', userId: 'abc', role: 'member', newRole: 'king' });
    expect(nonsense.statusCode).toBe(422);
  });
  it('cannot touch a member of another organization through this one', async () => {
    const outsider = await userWith(other.id, 'member');
    const admin = await clientFor(unionAdmin.id);
    const response = await admin.post(membersUrl('rasht-textile'), { intent: 'remove', userId: String(outsider.id), role: 'member' });
    expect(response.statusCode).toBe(409);
    expect(await roles(other.id, outsider.id)).toEqual([{ role: 'member', region_id: null }]);
  });
  it('revokes a pending invitation (audited) and not another organization’s', async () => {
    const admin = await clientFor(unionAdmin.id);
    await admin.post(membersUrl('rasht-textile'), { intent: 'invite', email: 'revoke-me@example.org', role: 'member' });
    const invitation = await one<{ id: number }>(t.db, `SELECT id FROM invitations WHERE email = 'revoke-me@example.org'`);
    const otherAdmin = await clientFor((await userWith(other.id, 'admin')).id);
    const foreign = await otherAdmin.post(membersUrl('hanoi-union'), { intent: 'revoke', invitationId: String(invitation!.id) });
    expect(foreign.statusCode).toBe(409);
    const response = await admin.post(membersUrl('rasht-textile'), { intent: 'revoke', invitationId: String(invitation!.id) });
    expect(response.statusCode).toBe(303);
    expect((await one<{ revoked: boolean }>(t.db, `SELECT revoked_at IS NOT NULL AS revoked FROM invitations WHERE id = $1`, [invitation!.id]))!.revoked).toBe(true);
    expect(await one(t.db, `SELECT 1 FROM audit_log WHERE action = 'invitation.revoked' AND subject_id = $1`, [String(invitation!.id)])).toBeDefined();
    const twice = await admin.post(membersUrl('rasht-textile'), { intent: 'revoke', invitationId: String(invitation!.id) });
    expect(twice.statusCode).toBe(409);
  });
});
