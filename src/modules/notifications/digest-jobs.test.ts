import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createUser, type TestUser } from '../../../test/support/factories.ts';
import { createMailer } from '../../core/mail.ts';
import type { Lang } from '../../core/i18n.ts';
import { startJobs, type JobQueue } from '../../core/jobs.ts';
import { createDigestSettings } from './factories.ts';
import { notifyMany } from './index.ts';
import { DIGEST_CRON, DIGEST_QUEUE, DIGEST_SCHEDULE_QUEUE, digestJobs } from './jobs.ts';
import { startSmtpPeer } from '../../../test/support/smtp-peer.ts';
import { defined } from '../../../test/support/defined.ts';
import { waitFor } from '../../../test/support/wait.ts';

// The real path: pg-boss in the test database runs the daily fan-out and each user's digest job,
// which mails through an SMTP server in this process.
let t: TestApp;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let jobs: JobQueue;

beforeAll(async () => {
  peer = await startSmtpPeer();
  t = await createTestApp({
    mailer: createMailer(peer.url, 'Unionhall <no-reply@unionhall.test>'),
    config: { BASE_URL: 'https://unionhall.example.org' },
  });
  jobs = await startJobs(t.app.uh, t.databaseUrl, digestJobs, { pollingIntervalSeconds: 0.5, onError: () => {} });
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await t.close();
  await peer.close();
});

async function optedInWithUnread(locale: Lang, title: string): Promise<TestUser> {
  const user = await createUser(t.db, { locale });
  await createDigestSettings(t.db, user.id);
  await notifyMany(t.db, [
    {
      userId: user.id,
      kind: 'forum.reply',
      messageId: 'notifications.messages.replied',
      values: { author: 'Worker 3', title },
      link: '/forum/topics/1',
    },
  ]);
  await t.db.query(`UPDATE notifications SET created_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
  return user;
}

/** Waits until pg-boss has finished a job (completed or failed) and returns its state. */
async function finished(queue: string, id: string | null): Promise<string> {
  expect(id).toBeTruthy();
  let state: string | undefined;
  await waitFor(
    async () => {
      state = (await jobs.boss.getJobById(queue, defined(id, 'id'), { includeArchive: true }))?.state;
      return state !== undefined && ['completed', 'failed', 'cancelled'].includes(state);
    },
    `job ${queue}/${id} to finish`,
    { timeoutMs: 20_000, everyMs: 100 },
  );
  return defined(state, 'the job state');
}

describe('the daily digest on pg-boss', () => {
  it('registers the daily schedule at 06:00 UTC and exposes the queue to routes', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: DIGEST_SCHEDULE_QUEUE, cron: DIGEST_CRON }));
    expect(DIGEST_CRON).toBe('0 6 * * *');
    expect(t.app.uh.jobs).toBe(jobs);
  });

  it('fans out to one job per opted-in user, and each mail arrives at the SMTP peer', async () => {
    const persian = await optedInWithUnread('fa', 'اضافه‌کار بی‌مزد');
    const vietnamese = await optedInWithUnread('vi', 'Lương ca đêm');
    const optedOut = await createUser(t.db);
    await notifyMany(t.db, [{ userId: optedOut.id, kind: 'k', messageId: 'notifications.generic', link: '/' }]);

    const fanOut = await jobs.send(DIGEST_SCHEDULE_QUEUE, {});
    expect(await finished(DIGEST_SCHEDULE_QUEUE, fanOut)).toBe('completed');
    const mails = await peer.waitFor(2);
    const byRecipient = new Map(mails.map((m) => [m.to[0], { ...m, text: m.text.replace(/[\u2068\u2069]/g, '') }]));
    expect(byRecipient.get(persian.email)?.subject).toBe('۱ اعلان تازه در یونیون‌هال');
    expect(byRecipient.get(persian.email)?.text).toContain('Worker 3 در «اضافه‌کار بی‌مزد» پاسخ داد');
    expect(byRecipient.get(vietnamese.email)?.text).toContain('Worker 3 đã trả lời trong “Lương ca đêm”');
    expect(byRecipient.get(vietnamese.email)?.text).toContain('https://unionhall.example.org/vi/notifications/');

    // Every digest job has finished: nobody else was mailed.
    const digestJobsLeft = async () =>
      Number(
        (
          await t.db.query(`SELECT count(*) FROM pgboss.job WHERE name = $1 AND state NOT IN ('completed', 'failed', 'cancelled')`, [
            DIGEST_QUEUE,
          ])
        ).rows[0].count,
      );
    await waitFor(async () => (await digestJobsLeft()) === 0, 'every digest job to finish', { timeoutMs: 20_000, everyMs: 100 });
    expect(peer.mails.map((m) => m.to[0]).sort()).toEqual([persian.email, vietnamese.email].sort());
  });

  it('sends nothing twice when the daily run or a user’s job runs again', async () => {
    const user = await optedInWithUnread('en', 'Run twice');
    const first = await jobs.send(DIGEST_QUEUE, { userId: user.id });
    expect(await finished(DIGEST_QUEUE, first)).toBe('completed');
    const count = peer.mails.filter((m) => m.to.includes(user.email)).length;
    expect(count).toBe(1);

    const again = await jobs.send(DIGEST_QUEUE, { userId: user.id });
    expect(await finished(DIGEST_QUEUE, again)).toBe('completed');
    const fanOut = await jobs.send(DIGEST_SCHEDULE_QUEUE, {});
    expect(await finished(DIGEST_SCHEDULE_QUEUE, fanOut)).toBe('completed');
    const queued = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'userId' = $2`, [
      DIGEST_QUEUE,
      String(user.id),
    ]);
    expect(queued.rows[0].n).toBe(2); // the fan-out found nothing due for this user
    expect(peer.mails.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });

  it('drops a malformed job instead of failing it forever', async () => {
    const id = await jobs.send(DIGEST_QUEUE, { userId: 'not a number' });
    expect(await finished(DIGEST_QUEUE, id)).toBe('completed');
  });
});
