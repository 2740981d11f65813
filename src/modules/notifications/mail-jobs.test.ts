import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createUser, type TestUser } from '../../../test/support/factories.ts';
import { startSmtpPeer } from '../../../test/support/smtp-peer.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { defined } from '../../../test/support/defined.ts';
import { createMailer } from '../../core/mail.ts';
import { startJobs, type JobQueue } from '../../core/jobs.ts';
import { testKind } from './factories.ts';
import { notify } from './index.ts';
import { MAIL_QUEUE, mailJobs, sendDigest } from './jobs.ts';

// Immediate mail on the real path: notify() commits the outbox row and wakes the dispatcher, pg-boss runs one mail
// job per notification, and the mail reaches an SMTP server in this process (stopped and started again below).
let t: TestApp;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let jobs: JobQueue;
const NOW = testKind('test.now', 'immediate');

beforeAll(async () => {
  peer = await startSmtpPeer();
  t = await createTestApp({
    mailer: createMailer(peer.url, 'Unionhall <no-reply@unionhall.test>'),
    config: { BASE_URL: 'https://unionhall.example.org' },
  });
  // Retries a second apart instead of a minute, so the test sees a failed delivery tried again.
  const fast = mailJobs.map((job) => (job.name === MAIL_QUEUE ? { ...job, retryDelaySeconds: 1 } : job));
  jobs = await startJobs(t.app.uh, t.databaseUrl, fast, { pollingIntervalSeconds: 0.5, onError: () => {} });
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await t.close();
  await peer.close();
});

const mailsTo = (user: TestUser) =>
  peer.mails
    .filter((m) => m.to.includes(user.email))
    .map((m) => ({ ...m, subject: m.subject.replace(/[\u2068\u2069]/g, ''), text: m.text.replace(/[\u2068\u2069]/g, '') }));
const notifyNow = (user: TestUser, title: string) =>
  notify(t.db, {
    userId: user.id,
    kind: NOW,
    messageId: 'notifications.messages.replied',
    values: { author: 'Worker 3', title },
    link: '/forum/topics/1',
  });
const idOf = async (user: TestUser) =>
  Number(
    (await t.db.query<{ id: string }>(`SELECT id FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT 1`, [user.id])).rows[0]?.id,
  );
const unmailed = async (users: TestUser[]) =>
  Number(
    (
      await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE user_id = ANY($1::bigint[]) AND mailed_at IS NULL`, [
        users.map((u) => u.id),
      ])
    ).rows[0]?.n,
  );

describe('immediate notification mail', { timeout: 60_000 }, () => {
  it('mails the notification at once, in the recipient’s language, with Persian digits, Jalali and the absolute link', async () => {
    const persian = await createUser(t.db, { locale: 'fa' });
    await notifyNow(persian, 'اضافه‌کار بی‌مزد');
    await waitFor(() => mailsTo(persian).length === 1, 'the mail', { timeoutMs: 20_000, everyMs: 50 });
    const [mail] = mailsTo(persian);
    expect(mail?.subject).toBe('Worker 3 در «اضافه‌کار بی‌مزد» پاسخ داد');
    expect(mail?.text).toContain(`https://unionhall.example.org/fa/notifications/${await idOf(persian)}`);
    expect(mail?.text).toContain('https://unionhall.example.org/fa/notifications/settings');
    expect(mail?.text).toMatch(/۱۴۰۵/); // December 2026 is in the Jalali year 1405, in Persian digits
    expect(mail?.text).not.toMatch(/[0-9]{4}-[0-9]{2}/);
    // It carries exactly the values given (the pseudonym), nothing about anyone else.
    expect(mail?.text).not.toContain(persian.email);
  });

  it('loses no mail while the SMTP server is down, and sends each exactly once when it is back', async () => {
    const people = await Promise.all((['fa', 'vi', 'en'] as const).map((locale) => createUser(t.db, { locale })));
    await peer.stop();
    for (const [i, person] of people.entries()) await notifyNow(person, `Down ${i}`);
    // Each delivery was tried and refused while the server was down: its job waits for a retry.
    const ids = await Promise.all(people.map(idOf));
    await waitFor(
      async () =>
        Number(
          (
            await t.db.query<{ n: string }>(
              `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'retry' AND (data->>'notificationId')::bigint = ANY($2::bigint[])`,
              [MAIL_QUEUE, ids],
            )
          ).rows[0]?.n,
        ) === people.length,
      'a refused delivery for each',
      { timeoutMs: 20_000, everyMs: 50 },
    );
    expect(await unmailed(people)).toBe(people.length);
    await peer.start();
    await waitFor(async () => (await unmailed(people)) === 0, 'every mail delivered', { timeoutMs: 30_000, everyMs: 100 });
    for (const person of people) expect(mailsTo(person)).toHaveLength(1);
    expect(mailsTo(defined(people[1], 'person'))[0]?.text).toContain('Worker 3 đã trả lời trong “Down 1”');
    // A job run again (a duplicate, a retry after success) finds the mail sent and sends nothing.
    const again = await jobs.send(MAIL_QUEUE, { notificationId: await idOf(defined(people[0], 'person')) });
    await waitFor(
      async () => (await jobs.boss.getJobById(MAIL_QUEUE, again ?? '', { includeArchive: true }))?.state === 'completed',
      'the repeated job',
      { timeoutMs: 20_000, everyMs: 50 },
    );
    for (const person of people) expect(mailsTo(person)).toHaveLength(1);
  });

  it('mails nothing at once for kinds set to the digest or off, and the digest carries only the digest’s kinds', async () => {
    const person = await createUser(t.db, { locale: 'en' });
    const digestKind = testKind('test.daily', 'digest');
    await notify(t.db, {
      userId: person.id,
      kind: testKind('test.off', 'off'),
      messageId: 'notifications.messages.replied',
      values: { author: 'A', title: 'Off' },
      link: '/',
    });
    await notify(t.db, {
      userId: person.id,
      kind: digestKind,
      messageId: 'notifications.messages.replied',
      values: { author: 'A', title: 'Daily' },
      link: '/',
    });
    await notifyNow(person, 'Now');
    await waitFor(() => mailsTo(person).length === 1, 'the immediate mail', { timeoutMs: 20_000, everyMs: 50 });
    expect(mailsTo(person)[0]?.subject).toBe('Worker 3 replied in “Now”');
    expect(
      await sendDigest({ db: t.db, mailer: t.app.uh.mailer, baseUrl: 'https://unionhall.example.org' }, person.id, { settleSeconds: 0 }),
    ).toBe('sent');
    const digest = mailsTo(person)[1];
    expect(digest?.text).toContain('A replied in “Daily”');
    expect(digest?.text).not.toContain('“Off”');
    expect(digest?.text).not.toContain('“Now”');
  });

  it('sends no mail to a person without an address, nor for a notification already read', async () => {
    const noAddress = await createUser(t.db, { phone: '+84912345670' });
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [noAddress.id]);
    await notifyNow(noAddress, 'No address');
    await waitFor(async () => (await unmailed([noAddress])) === 0, 'the job to finish', { timeoutMs: 20_000, everyMs: 50 });
    expect(peer.mails.some((m) => m.text.includes('No address'))).toBe(false);
  });
});
