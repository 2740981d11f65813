import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { createInvitation } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Its own app: accepting invitations is rate-limited per address, and invitations.test.ts accepts many.
let t: TestApp;
let union: { id: number; slug: string };
let adminId: number;
let adminClient: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  union = await createOrganization(t.db, {
    slug: 'rasht-textile',
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

describe('an invitation accepted tells the inviter', () => {
  const toldInviter = () =>
    many<{ userId: number; messageId: string; values: Record<string, unknown>; link: string }>(
      t.db,
      `SELECT user_id::int AS "userId", message_id AS "messageId", values, link FROM notifications
        WHERE kind = 'organizations.invitation_accepted' ORDER BY id`,
    );

  it('tells the admin who sent it, with the address they invited and the organization in their language, nobody else', async () => {
    await t.db.query(`UPDATE users SET locale = 'fa' WHERE id = $1`, [adminId]);
    const before = (await toldInviter()).length;
    const joiner = await createUser(t.db, { email: 'joiner@example.org', name: 'Private Chosen Name' });
    const path = (await createInvitation(t.db, { organizationId: union.id, invitedBy: adminId, email: 'joiner@example.org' })).path();
    const client = new TestClient(t.app);
    await signIn(t.db, client, joiner.id);
    expect((await client.post(`${path}/accept`, {}, { from: path })).statusCode).toBe(303);
    const rows = (await toldInviter()).slice(before);
    expect(rows).toEqual([
      {
        userId: adminId,
        messageId: 'organizations.notifications.invitationAccepted',
        values: { name: 'joiner@example.org', organization: 'سندیکای نساجی رشت' },
        link: `/organizations/${union.slug}/members`,
      },
    ]);
  });

  it('does not notify the inviter about accepting their own invitation', async () => {
    const before = (await toldInviter()).length;
    const self = await one<{ email: string }>(t.db, `SELECT email FROM users WHERE id = $1`, [adminId]);
    const path = (
      await createInvitation(t.db, { organizationId: union.id, invitedBy: adminId, email: defined(self, 'admin').email, role: 'official' })
    ).path();
    expect((await adminClient.post(`${path}/accept`, {}, { from: path })).statusCode).toBe(303);
    expect(await toldInviter()).toHaveLength(before);
  });
});
