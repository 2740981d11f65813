import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signIn, type TestUser } from '../../../test/support/factories.ts';
import { createMailer, type Mailer } from '../../core/mail.ts';
import { translator } from '../../core/i18n.ts';
import { createDigestSettings, testKind } from './factories.ts';
import { notify, notifyMany } from './index.ts';
import { composeDigest } from './domain/digest-mail.ts';
import { sendDigest } from './jobs.ts';
import { startSmtpPeer } from '../../../test/support/smtp-peer.ts';
import { defined } from '../../../test/support/defined.ts';

const BASE_URL = 'https://unionhall.example.org';
let t: TestApp;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let mailer: Mailer;

beforeAll(async () => {
  peer = await startSmtpPeer();
  mailer = createMailer(peer.url, 'Unionhall <no-reply@unionhall.test>');
  t = await createTestApp({ mailer, config: { BASE_URL } });
});
afterAll(async () => {
  await t.close();
  await peer.close();
});

const deps = () => ({ db: t.db, mailer, baseUrl: BASE_URL });

async function optedIn(overrides: Parameters<typeof createUser>[1] = {}): Promise<TestUser> {
  const user = await createUser(t.db, overrides);
  await createDigestSettings(t.db, user.id);
  return user;
}

/** Moves a user's notifications a minute into the past, beyond the digest's settling delay. */
async function settle(userId: number): Promise<void> {
  await t.db.query(`UPDATE notifications SET created_at = created_at - interval '1 minute' WHERE user_id = $1`, [userId]);
}

async function lastDigestAt(userId: number): Promise<Date | null> {
  return (await t.db.query(`SELECT last_digest_at FROM notification_settings WHERE user_id = $1`, [userId])).rows[0].last_digest_at;
}

const mailsTo = (email: string) => peer.mails.filter((m) => m.to.includes(email));
/** Mail text without the Unicode isolates around values (checked on their own below). */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe('composeDigest', () => {
  const items = [
    {
      id: 41,
      messageId: 'notifications.messages.replied',
      values: { author: 'Worker 3', title: 'Night shift' },
      createdAt: new Date('2026-03-21T08:00:00Z'),
    },
    {
      id: 40,
      messageId: 'notifications.messages.mentioned',
      values: { author: 'Lan', title: 'Boots' },
      createdAt: new Date('2026-03-20T08:00:00Z'),
    },
  ];

  it('lists every notification with an absolute link, and how to stop the digest', () => {
    const composed = composeDigest({ lang: 'en', name: 'Mai', baseUrl: `${BASE_URL}/`, notifications: items, total: 2 });
    expect(composed.text).toContain('• \u2068Worker 3\u2069 replied in “\u2068Night shift\u2069”\n');
    const mail = { ...composed, text: plain(composed.text) };
    expect(mail.subject).toBe('2 new notifications on Unionhall');
    expect(mail.text).toContain('Hello Mai,');
    expect(mail.text).toContain('• Worker 3 replied in “Night shift”\n');
    expect(mail.text).toContain(`  ${BASE_URL}/en/notifications/41\n`);
    expect(mail.text).toContain('• Lan mentioned you in “Boots”\n');
    expect(mail.text).toContain(`  ${BASE_URL}/en/notifications/40\n`);
    expect(mail.text).toContain(`${BASE_URL}/en/notifications/settings`);
    expect(mail.text).not.toContain('and 0 more');
  });

  it('writes Persian with Persian digits and Jalali dates', () => {
    const composed = composeDigest({ lang: 'fa', name: 'مریم', baseUrl: BASE_URL, notifications: items, total: 2 });
    const mail = { ...composed, text: plain(composed.text) };
    expect(mail.subject).toBe('۲ اعلان تازه در یونیون‌هال');
    expect(mail.text).toContain('سلام مریم،');
    expect(mail.text).toContain('Worker 3 در «Night shift» پاسخ داد');
    expect(mail.text).toContain('۱۴۰۵/۰۱/۰۱'); // 21 March 2026 is 1 Farvardin 1405
    expect(mail.text).toContain(`${BASE_URL}/fa/notifications/41`);
  });

  it('counts what it does not list', () => {
    const mail = composeDigest({ lang: 'vi', name: 'Hoa', baseUrl: BASE_URL, notifications: items, total: 75 });
    expect(mail.subject).toBe('75 thông báo mới trên Unionhall');
    expect(mail.text).toContain('…và 73 thông báo khác. Xem tất cả:');
    expect(mail.text).toContain(`${BASE_URL}/vi/notifications\n`);
  });
});

describe('sendDigest (through an SMTP server)', () => {
  it('mails the unread notifications in the recipient’s language and moves last_digest_at', async () => {
    const user = await optedIn({ locale: 'vi', name: 'Hoa' });
    await notifyMany(t.db, [
      {
        userId: user.id,
        kind: testKind('forum.reply'),
        messageId: 'notifications.messages.replied',
        values: { author: 'Công nhân 2', title: 'Lương ca đêm' },
        link: '/forum/topics/3',
      },
      {
        userId: user.id,
        kind: testKind('forum.mention'),
        messageId: 'notifications.messages.mentioned',
        values: { author: 'Lan', title: 'Giày bảo hộ' },
        link: '/forum/topics/4',
      },
    ]);
    await settle(user.id);
    const before = peer.mails.length;
    expect(await sendDigest(deps(), user.id)).toBe('sent');
    await peer.waitFor(before + 1);
    const [received] = mailsTo(user.email);
    const mail = { ...received, text: plain(defined(received, 'received').text) };
    expect(mail.subject).toBe('2 thông báo mới trên Unionhall');
    expect(mail.text).toContain('Chào Hoa,');
    expect(mail.text).toContain('• Công nhân 2 đã trả lời trong “Lương ca đêm”');
    expect(mail.text).toContain('• Lan đã nhắc đến bạn trong “Giày bảo hộ”');
    expect(mail.text).toMatch(new RegExp(`${BASE_URL}/vi/notifications/\\d+`));
    expect(await lastDigestAt(user.id)).not.toBeNull();
    const outbox = await t.db.query(`SELECT status, body_text FROM mail_messages WHERE recipient = $1`, [user.email]);
    expect(outbox.rows).toEqual([{ status: 'sent', body_text: '' }]);
  });

  it('sends nothing twice: a second run, or two at once, finds nothing new', async () => {
    const user = await optedIn();
    await notify(t.db, {
      userId: user.id,
      kind: testKind('k'),
      messageId: 'notifications.messages.replied',
      values: { author: 'A', title: 'Once' },
      link: '/x',
    });
    await settle(user.id);
    const results = await Promise.all([sendDigest(deps(), user.id), sendDigest(deps(), user.id)]);
    expect(results.sort()).toEqual(['nothing', 'sent']);
    expect(await sendDigest(deps(), user.id)).toBe('nothing');
    await peer.waitFor(peer.mails.length);
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it('covers only what arrived since the last digest, and skips what was read', async () => {
    const user = await optedIn();
    await notify(t.db, {
      userId: user.id,
      kind: testKind('k'),
      messageId: 'notifications.messages.replied',
      values: { author: 'A', title: 'First' },
      link: '/x',
    });
    await t.db.query(`UPDATE notifications SET created_at = now() - interval '10 minutes' WHERE user_id = $1`, [user.id]);
    expect(await sendDigest(deps(), user.id)).toBe('sent');
    // As if that digest had run five minutes ago.
    await t.db.query(`UPDATE notification_settings SET last_digest_at = now() - interval '5 minutes' WHERE user_id = $1`, [user.id]);
    await notifyMany(t.db, [
      {
        userId: user.id,
        kind: testKind('k'),
        messageId: 'notifications.messages.replied',
        values: { author: 'B', title: 'Second' },
        link: '/x',
      },
      {
        userId: user.id,
        kind: testKind('k'),
        messageId: 'notifications.messages.replied',
        values: { author: 'C', title: 'Already read' },
        link: '/x',
      },
    ]);
    await t.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND values->>'title' = 'Already read'`, [user.id]);
    // Newer than the last digest, but within the settling delay: it waits for the next run.
    expect(await sendDigest(deps(), user.id)).toBe('nothing');
    await t.db.query(
      `UPDATE notifications SET created_at = now() - interval '1 minute' WHERE user_id = $1 AND values->>'title' <> 'First'`,
      [user.id],
    );
    expect(await sendDigest(deps(), user.id)).toBe('sent');
    const mails = await peer.waitFor(peer.mails.length);
    const mine = mails.filter((m) => m.to.includes(user.email));
    expect(mine).toHaveLength(2);
    expect(defined(mine[1], 'mine[1]').subject).toBe('1 new notification on Unionhall');
    expect(defined(mine[1], 'mine[1]').text).toContain('Second');
    expect(defined(mine[1], 'mine[1]').text).not.toContain('First');
    expect(defined(mine[1], 'mine[1]').text).not.toContain('Already read');
  });

  it('sends nothing to someone who did not opt in, opted out, or has no email address', async () => {
    const never = await createUser(t.db);
    const out = await optedIn();
    await createDigestSettings(t.db, out.id, { digestEnabled: false });
    const noEmail = await optedIn({ phone: '+989121234567' });
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [noEmail.id]);
    for (const u of [never, out, noEmail]) {
      await notify(t.db, { userId: u.id, kind: testKind('k'), messageId: 'notifications.generic', link: '/' });
      await settle(u.id);
      expect(await sendDigest(deps(), u.id)).toBe('nothing');
    }
  });

  it('rolls back when SMTP refuses, so the next try sends the same digest', async () => {
    const user = await optedIn();
    await notify(t.db, {
      userId: user.id,
      kind: testKind('k'),
      messageId: 'notifications.messages.replied',
      values: { author: 'A', title: 'Retried' },
      link: '/x',
    });
    await settle(user.id);
    const broken = createMailer('smtp://127.0.0.1:1?ignoreTLS=true', 'Unionhall <no-reply@unionhall.test>');
    await expect(sendDigest({ ...deps(), mailer: broken }, user.id)).rejects.toThrow(/retried/);
    broken.close();
    expect(await lastDigestAt(user.id)).toBeNull();
    expect((await t.db.query(`SELECT 1 FROM mail_messages WHERE recipient = $1`, [user.email])).rowCount).toBe(0);
    expect(await sendDigest(deps(), user.id)).toBe('sent');
    await peer.waitFor(peer.mails.length);
    expect(plain(defined(mailsTo(user.email)[0], 'mailsTo(user.email)[0]').text)).toContain('Retried');
  });
});

describe('an anonymous author never leaks through a notification', () => {
  // The rule (see notify()'s doc comment): callers put into values only what the recipient may see.
  // For an anonymous post that is the pseudonym; the mail and the page carry exactly the values given.
  it('carries only the pseudonym, in the page and in the digest', async () => {
    const author = await createUser(t.db, { name: 'Nguyễn Bí Mật', email: 'secret-author@example.org' });
    const reader = await optedIn({ locale: 'en', name: 'Reader' });
    const values = { author: 'Worker 3', title: 'Unpaid overtime' };
    await notify(t.db, {
      userId: reader.id,
      kind: testKind('forum.reply'),
      messageId: 'notifications.messages.replied',
      values,
      link: '/forum/topics/9#post-2',
    });
    await settle(reader.id);
    const expectedLine = translator('en')('notifications.messages.replied', values);
    expect(expectedLine).toBe('Worker 3 replied in “Unpaid overtime”');
    // In mail each value sits in Unicode isolates; in the page, in <bdi>.
    const isolated = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `\u2068${v}\u2069`]));
    const expectedMailLine = translator('en')('notifications.messages.replied', isolated);

    const client = new TestClient(t.app);
    await signIn(t.db, client, reader.id);
    // BASE_URL is https here, so the session cookie carries the __Host- prefix.
    client.cookies.set(t.app.uh.sessionCookie, defined(client.cookies.get('uh_session'), "client.cookies.get('uh_session')"));
    const page = await client.get('/en/notifications');
    expect(page.body).toContain('<bdi>Worker 3</bdi> replied in “<bdi>Unpaid overtime</bdi>”');

    expect(await sendDigest(deps(), reader.id)).toBe('sent');
    await peer.waitFor(peer.mails.length);
    const [mail] = mailsTo(reader.email);
    const listed = defined(mail, 'mail')
      .text.split('\n')
      .filter((line) => line.startsWith('• '));
    expect(listed).toEqual([`• ${expectedMailLine}`]);
    expect(plain(defined(listed[0], 'listed[0]'))).toBe(`• ${expectedLine}`);
    for (const leak of [author.name, author.email, `/users/${author.id}`]) {
      expect(defined(mail, 'mail').text).not.toContain(leak);
      expect(defined(mail, 'mail').subject).not.toContain(leak);
      expect(page.body).not.toContain(leak);
    }
  });
});
