import type { Pool } from '../../db/database.ts';
import { transaction } from '../../db/database.ts';
import type { Mailer } from '../../core/mail.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { composeDigest } from './domain/digest-mail.ts';
import { findUserContactsByIds } from '../accounts/index.ts';
import { digestCutoff, digestNotifications, lockDigestSettings, setLastDigestAt, usersOptedInWithNewUnread } from './queries.ts';

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
    const [recipient] = settings ? await findUserContactsByIds(tx, [userId]) : [];
    if (!settings || !recipient?.email) return 'nothing';
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
