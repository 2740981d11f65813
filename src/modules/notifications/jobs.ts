import type { Pool } from '../../db/database.ts';
import { transaction } from '../../db/database.ts';
import type { Mailer } from '../../core/mail.ts';
import type { JobDefinition, JobQueue } from '../../core/jobs.ts';
import { composeDigest } from './domain/digest-mail.ts';
import { composeNotificationMail } from './domain/notification-mail.ts';
import { findUserContactsByIds } from '../accounts/index.ts';
import {
  MAIL_WAKE_CHANNEL,
  digestCutoff,
  digestNotifications,
  lockDigestSettings,
  lockMailOutbox,
  lockUnmailedNotification,
  markMailed,
  markMailsQueued,
  setLastDigestAt,
  usersOptedInWithNewUnread,
} from './queries.ts';

/** Queue that fans the daily run out to one job per user. */
export const DIGEST_SCHEDULE_QUEUE = 'notifications-digest-daily';
/** Queue of one user's digest ({ userId }). */
export const DIGEST_QUEUE = 'notifications-digest';
/** Every day at 06:00 UTC (09:30 in Tehran, 13:00 in Hanoi). */
export const DIGEST_CRON = '0 6 * * *';
/** At most this many notifications are listed in one mail; the rest are counted. */
export const DIGEST_MAX_ITEMS = 50;
/**
 * A notification must be this old to go into a digest. A notification's created_at is its transaction's
 * start; one still committing when the digest runs would otherwise fall behind last_digest_at unseen.
 */
export const DIGEST_SETTLE_SECONDS = 10;

/**
 * Sends one user's digest, at most once per notification: the settings row is locked, the mail is sent
 * (or held in the outbox) and last_digest_at moves forward in the same transaction, so a retried or
 * duplicated job finds nothing new and sends nothing. A failed SMTP delivery throws, which rolls
 * back and lets the job queue retry later. Returns what happened.
 */
export async function sendDigest(
  deps: { db: Pool; mailer: Mailer; baseUrl: string },
  userId: number,
  options: { settleSeconds?: number } = {},
): Promise<'sent' | 'held' | 'nothing'> {
  return transaction(deps.db, async (tx) => {
    const settings = await lockDigestSettings(tx, userId);
    const [recipient] = await findUserContactsByIds(tx, [userId]);
    if (!recipient?.email) return 'nothing';
    const settle = options.settleSeconds ?? DIGEST_SETTLE_SECONDS;
    const until = await digestCutoff(tx, settle);
    const { rows, total } = await digestNotifications(tx, userId, settings.lastDigestAt, until, DIGEST_MAX_ITEMS);
    if (total === 0) return 'nothing';
    const mail = composeDigest({ lang: recipient.locale, name: recipient.name, baseUrl: deps.baseUrl, notifications: rows, total });
    const status = await deps.mailer.send(tx, { to: recipient.email, ...mail });
    if (status === 'failed') throw new Error(`digest for user ${userId} could not be delivered; the job will be retried`);
    await setLastDigestAt(tx, userId, until);
    return status;
  });
}

/** Users due a digest: opted in, with unread notifications newer than their last digest, and an email address. */
async function usersDueDigest(db: Pool): Promise<number[]> {
  const candidates = await usersOptedInWithNewUnread(db);
  const contacts = await findUserContactsByIds(db, candidates);
  return contacts.filter((c) => c.email !== null).map((c) => c.id);
}

/** Enqueues one digest job per user who is due one (one insert for all of them). */
export async function enqueueDigests(deps: {
  db: Pool;
  jobs: { sendMany(name: string, jobs: Array<{ data: object; singletonKey?: string }>): Promise<void> };
}): Promise<number> {
  const userIds = await usersDueDigest(deps.db);
  const day = new Date().toISOString().slice(0, 10);
  await deps.jobs.sendMany(
    DIGEST_QUEUE,
    userIds.map((userId) => ({ data: { userId }, singletonKey: `digest-${userId}-${day}` })),
  );
  return userIds.length;
}

/** Queue that hands notifications to be mailed now to one mail job each (woken by notify(), and every minute). */
export const MAIL_DISPATCH_QUEUE = 'notifications-mail-dispatch';
/** Queue of one notification's immediate mail ({ notificationId }). */
export const MAIL_QUEUE = 'notifications-mail';
/** Notifications handed to the queue per transaction of the dispatcher. */
const DISPATCH_BATCH = 500;

/**
 * Moves the outbox (notifications to be mailed now, not yet queued) into mail jobs. The jobs are inserted through
 * the dispatcher's own transaction (pg-boss's `db` option), in the same commit that marks the notifications queued:
 * a crash leaves both undone, and the next run (a wake-up or the minute's tick) does them. Returns how many.
 */
export async function dispatchNotificationMails(deps: { db: Pool; jobs: Pick<JobQueue, 'boss' | 'ensureQueue'> }): Promise<number> {
  await deps.jobs.ensureQueue(MAIL_QUEUE);
  let total = 0;
  for (;;) {
    const ids = await transaction(deps.db, async (tx) => {
      const batch = await lockMailOutbox(tx, DISPATCH_BATCH);
      if (batch.length === 0) return batch;
      const db = { executeSql: (text: string, values: unknown[]) => tx.query(text, values) };
      await deps.jobs.boss.insert(
        batch.map((notificationId) => ({ name: MAIL_QUEUE, data: { notificationId }, singletonKey: `mail-${notificationId}` })),
        { db },
      );
      await markMailsQueued(tx, batch);
      return batch;
    });
    total += ids.length;
    if (ids.length < DISPATCH_BATCH) return total;
  }
}

/**
 * Sends one notification's immediate mail, at most once: the notification row is locked, the mail is sent (or held
 * in the outbox without SMTP) and mailed_at is set in the same transaction, so a retried or duplicated job finds it
 * done. A refused delivery throws: the transaction rolls back and pg-boss retries with backoff. No mail goes to a
 * person without an address, nor for a notification they have already read in the app.
 */
export async function sendNotificationMail(
  deps: { db: Pool; mailer: Mailer; baseUrl: string },
  notificationId: number,
): Promise<'sent' | 'held' | 'nothing'> {
  return transaction(deps.db, async (tx) => {
    const notification = await lockUnmailedNotification(tx, notificationId);
    if (!notification) return 'nothing';
    const [recipient] = await findUserContactsByIds(tx, [notification.userId]);
    if (!recipient?.email || notification.readAt !== null) {
      await markMailed(tx, notificationId);
      return 'nothing';
    }
    const mail = composeNotificationMail({ lang: recipient.locale, name: recipient.name, baseUrl: deps.baseUrl, notification });
    const status = await deps.mailer.send(tx, { to: recipient.email, ...mail });
    if (status === 'failed') throw new Error(`mail of notification ${notificationId} could not be delivered; the job will be retried`);
    await markMailed(tx, notificationId);
    return status;
  });
}

/** The immediate mail's jobs: the dispatcher (woken when a notification to mail commits, and every minute) and each mail. */
export const mailJobs: JobDefinition[] = [
  {
    name: MAIL_DISPATCH_QUEUE,
    cron: '* * * * *',
    wakeOn: MAIL_WAKE_CHANNEL,
    retryLimit: 2,
    handler: async (_data, deps) => {
      await dispatchNotificationMails({ db: deps.db, jobs: deps.jobs });
    },
  },
  {
    name: MAIL_QUEUE,
    // About a day of tries: 1, 2, 4 … 512 minutes after the first failure (SMTP down overnight loses nothing).
    retryLimit: 11,
    retryDelaySeconds: 60,
    handler: async (data, deps) => {
      const notificationId = Number(data.notificationId);
      if (!Number.isSafeInteger(notificationId)) return; // a malformed job is dropped, not retried forever
      await sendNotificationMail({ db: deps.db, mailer: deps.mailer, baseUrl: deps.config.baseUrl }, notificationId);
    },
  },
];

/** The module's background jobs: the daily fan-out on a cron schedule, and each user's digest. */
export const digestJobs: JobDefinition[] = [
  {
    name: DIGEST_SCHEDULE_QUEUE,
    cron: DIGEST_CRON,
    retryLimit: 2,
    handler: async (_data, deps) => {
      await enqueueDigests({ db: deps.db, jobs: deps.jobs });
    },
  },
  {
    name: DIGEST_QUEUE,
    retryLimit: 5,
    handler: async (data, deps) => {
      const userId = Number(data.userId);
      if (!Number.isSafeInteger(userId)) return; // a malformed job is dropped, not retried forever
      await sendDigest({ db: deps.db, mailer: deps.mailer, baseUrl: deps.config.baseUrl }, userId);
    },
  },
];
