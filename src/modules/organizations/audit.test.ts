import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn, type TestUser } from '../../../test/support/factories.ts';
import { recordAudit } from '../../core/audit.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let federation: { id: number; slug: string }, union: { id: number; slug: string }, sibling: { id: number; slug: string };
let admin: TestUser, other: TestUser;

async function clientFor(userId: number) {
  const client = new TestClient(t.app);
  await signIn(t.db, client, userId);
  return client;
}
const auditUrl = (query = '', lang = 'en', slug = 'rasht-textile') => `/${lang}/organizations/${slug}/audit${query}`;

beforeAll(async () => {
  t = await createTestApp();
  federation = await createOrganization(t.db, { slug: 'gilan-workers', name: { en: 'Gilan Workers Organization' } });
  union = await createOrganization(t.db, { slug: 'rasht-textile', parentId: federation.id, name: { en: 'Rasht Textile Union' } });
  sibling = await createOrganization(t.db, { slug: 'anzali-port', parentId: federation.id, name: { en: 'Anzali Port Union' } });
  admin = await createUser(t.db, { name: 'Maryam Rezaei' });
  other = await createUser(t.db, { name: 'Ali Kazemi' });
  await grantRole(t.db, admin.id, union.id, 'admin');
  await grantRole(t.db, other.id, union.id, 'admin');
  const entries: Array<[number, string, string, Record<string, unknown>]> = [
    [admin.id, 'membership.role_changed', '2022-04-11T06:00:00Z', { previousRole: 'member', newRole: 'official' }],
    [other.id, 'invitation.created', '2022-04-12T06:00:00Z', { role: 'member', invitedEmail: 'w@example.org' }],
    // Another module's sensitive entry: only safe fields may show.
    [
      admin.id,
      'forum.anonymous_author_revealed',
      '2022-04-13T06:00:00Z',
      { authorId: 4242, authorName: 'Secret Worker Name', authorEmail: 'secret@example.org', reason: 'harassment case 17', role: 'member' },
    ],
  ];
  const secretAuthor = await createUser(t.db, { name: 'Secret Author Person' });
  for (const [actorId, action, at, details] of entries) {
    const subject = action.startsWith('forum.')
      ? { subjectType: 'user', subjectId: secretAuthor.id }
      : action.startsWith('membership.')
        ? { subjectType: 'user', subjectId: other.id }
        : {};
    await recordAudit(t.db, { actorId, organizationId: union.id, action, details, ip: '203.0.113.7', ...subject });
    await t.db.query(`UPDATE audit_log SET at = $1 WHERE id = (SELECT max(id) FROM audit_log)`, [at]);
  }
  await recordAudit(t.db, {
    actorId: admin.id,
    organizationId: sibling.id,
    action: 'organization.updated',
    details: { changedFields: ['name'] },
    ip: '198.51.100.1',
  });
});
afterAll(async () => {
  await t.close();
});

describe('GET /:lang/organizations/:slug/audit', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: auditUrl() });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login?next=');
  });
  it('answers 404 to a member, a coordinator, a sibling’s admin', async () => {
    for (const [orgId, role] of [
      [union.id, 'member'],
      [union.id, 'coordinator'],
      [sibling.id, 'admin'],
    ] as const) {
      const user = await createUser(t.db);
      await grantRole(t.db, user.id, orgId, role);
      expect((await (await clientFor(user.id)).get(auditUrl())).statusCode).toBe(404);
    }
  });
  it('shows who, what, when and from where, only this organization’s entries', async () => {
    const response = await (await clientFor(admin.id)).get(auditUrl());
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Maryam Rezaei');
    expect(response.body).toContain('Role changed');
    expect(response.body).toContain('Official');
    // The member whose role changed is named.
    expect(response.body).toMatch(/Role changed<\/strong> · <bdi>Ali Kazemi<\/bdi>/);
    // The network the action came from, never the address itself (issue 8).
    expect(response.body).toContain('203.0.113.0/24');
    expect(response.body).not.toContain('203.0.113.7');
    expect(response.body).toContain('datetime="2022-04-11T06:00:00.000Z"');
    expect(response.body).not.toContain('198.51.100.');
    // The filter offers the actions and people found in this organization's log only.
    expect(response.body).toContain('<option value="invitation.created">Invitation sent</option>');
    expect(response.body).toContain('<option value="forum.anonymous_author_revealed">');
    expect(response.body).toContain(`<option value="${other.id}">Ali Kazemi</option>`);
    expect(response.body).not.toContain('<option value="organization.updated">');
  });
  it('never shows the private details other modules record (an anonymous author revealed)', async () => {
    for (const lang of ['en', 'fa', 'vi']) {
      const response = await (await clientFor(admin.id)).get(auditUrl('', lang));
      expect(response.body).toContain('forum.anonymous_author_revealed');
      expect(response.body).not.toContain('Secret Worker Name');
      expect(response.body).not.toContain('secret@example.org');
      expect(response.body).not.toContain('4242');
      expect(response.body).not.toContain('harassment');
      expect(response.body).not.toContain('Secret Author Person');
    }
  });
  it('lets a parent organization’s admin read the child’s log', async () => {
    const parentAdmin = await createUser(t.db);
    await grantRole(t.db, parentAdmin.id, federation.id, 'admin');
    expect((await (await clientFor(parentAdmin.id)).get(auditUrl())).statusCode).toBe(200);
  });
  it('filters by action and by actor', async () => {
    const client = await clientFor(admin.id);
    const byAction = await client.get(auditUrl('?action=invitation.created'));
    expect(byAction.body).toContain('Invitation sent');
    expect(byAction.body).not.toContain('Role changed</strong>');
    const byActor = await client.get(auditUrl(`?actor=${other.id}`));
    expect(byActor.body).toContain('w@example.org');
    expect(byActor.body).not.toContain('forum.anonymous_author_revealed</code>');
  });
  it('filters by Jalali dates on Persian pages (Persian or ASCII digits)', async () => {
    const client = await clientFor(admin.id);
    // 1401/01/23 is 12 April 2022.
    const response = await client.get(auditUrl(`?from=${encodeURIComponent('۱۴۰۱/۰۱/۲۳')}&to=1401/01/23`, 'fa'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('w@example.org');
    expect(response.body).not.toContain('datetime="2022-04-11');
    expect(response.body).not.toContain('datetime="2022-04-13');
    expect(response.body).toContain('value="۱۴۰۱/۰۱/۲۳"');
  });
  it('filters by Gregorian dates on Vietnamese and English pages', async () => {
    const response = await (await clientFor(admin.id)).get(auditUrl('?from=2022-04-13', 'vi'));
    expect(response.body).toContain('datetime="2022-04-13');
    expect(response.body).not.toContain('datetime="2022-04-12');
  });
  it('answers an impossible Jalali date with 422 and a message in Persian', async () => {
    const response = await (await clientFor(admin.id)).get(auditUrl(`?from=${encodeURIComponent('1401/13/40')}`, 'fa'));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('field__error');
    expect(response.body).toContain('چنین تاریخی در تقویم وجود ندارد.');
    expect(response.body).toContain('value="1401/13/40"');
  });
  it('answers garbage filters with 422, never a 500, and escapes them', async () => {
    const client = await clientFor(admin.id);
    for (const query of ['?from=%3Cscript%3E', '?actor=abc', '?before=-1', `?action=${'x'.repeat(101)}`, '?action=a%E2%80%AEb']) {
      const response = await client.get(auditUrl(query));
      expect(response.statusCode, query).toBe(422);
      expect(response.body).not.toContain('<script>');
    }
  });
  it('pages with a keyset link to older entries', async () => {
    for (let i = 0; i < 55; i++)
      await recordAudit(t.db, {
        actorId: admin.id,
        organizationId: union.id,
        action: 'organization.updated',
        details: { changedFields: ['name'] },
      });
    const client = await clientFor(admin.id);
    const first = await client.get(auditUrl('?action=organization.updated'));
    const older = /href="(\/en\/organizations\/rasht-textile\/audit\?action=organization.updated&amp;before=\d+)"/.exec(first.body);
    expect(older).not.toBeNull();
    const second = await client.get(defined(older?.[1], 'older[1]').replaceAll('&amp;', '&'));
    expect(second.statusCode).toBe(200);
    expect((second.body.match(/class="card audit-entry"/g) ?? []).length).toBe(5);
  });
});
