import type { FastifyInstance } from 'fastify';
import webpush from 'web-push';
import type { VapidKeys } from '../../../config.ts';
import type { JobDefinition, JobQueue } from '../../../core/jobs.ts';
import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { findUserContactsByIds } from '../../accounts/index.ts';
import {
  claimWaitingDeliveries,
  countFailedAttempt,
  deletePushSubscriptionById,
  lockDelivery,
  markDelivered,
  PUSH_CHANNEL,
  type PushDeliveryKey,
} from '../queries/push.ts';
import { composePushPayload } from './push-payload.ts';

/** Queue of one push ({ notificationId, subscriptionId }); retried with backoff by pg-boss. */
export const PUSH_QUEUE = 'notifications-push';
/** Queue of the dispatcher that turns owed deliveries into PUSH_QUEUE jobs (woken at commit, and every minute). */
export const PUSH_DISPATCH_QUEUE = 'notifications-push-dispatch';
/** How long a push service keeps a push for an offline device: a day, then it is no longer news. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
/** Tries per push (the first and this many retries, 60 s apart and doubling). */
export const PUSH_RETRY_LIMIT = 6;
/** A push service that does not answer within this is tried again later. */
const PUSH_TIMEOUT_MS = 10_000;
const DISPATCH_BATCH = 500;

/** A push service refused or failed; 404 and 410 mean the subscription is gone for good. */
export class PushServiceError extends Error {
  constructor(readonly statusCode: number) {
    super(`push service answered ${statusCode}`);
  }
}

/**
 * Sends one encrypted push (web-push builds the VAPID Authorization header and the aes128gcm body; fetch sends it,
 * so a local http:// test endpoint works too). Throws PushServiceError for any answer but 2xx.
 */
export async function sendPush(
  vapid: VapidKeys,
  subscription: { endpoint: string; p256dh: string; auth: string },
  payload: object,
  options: { urgency?: webpush.Urgency } = {},
): Promise<void> {
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: options.urgency ?? 'normal', contentEncoding: 'aes128gcm' },
  );
  const response = await fetch(details.endpoint, {
    method: details.method,
    headers: details.headers as Record<string, string>,
    body: new Uint8Array(details.body),
    redirect: 'error',
    signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new PushServiceError(response.status);
}

/**
 * Delivers one owed push at most once: the delivery row is locked, the push sent and sent_at set in one transaction,
 * so a duplicate or retried job finds it sent. 404/410 forget the subscription; other failures throw (pg-boss
 * retries with backoff) after counting the attempt. Only the recipient's own notification, in their language.
 */
export async function deliverPush(
  deps: { db: Pool; baseUrl: string; vapid: VapidKeys | undefined },
  key: PushDeliveryKey,
): Promise<'sent' | 'gone' | 'nothing'> {
  const { vapid } = deps;
  if (!vapid) return 'nothing';
  try {
    return await transaction(deps.db, async (tx) => {
      const delivery = await lockDelivery(tx, key);
      if (!delivery || delivery.sentAt) return 'nothing';
      const [recipient] = await findUserContactsByIds(tx, [delivery.userId]);
      if (!recipient) return 'nothing';
      try {
        await sendPush(vapid, delivery, composePushPayload(recipient.locale, deps.baseUrl, delivery.notification));
      } catch (error) {
        if (error instanceof PushServiceError && (error.statusCode === 404 || error.statusCode === 410)) {
          await deletePushSubscriptionById(tx, key.subscriptionId);
          return 'gone';
        }
        throw error;
      }
      await markDelivered(tx, key);
      return 'sent';
    });
  } catch (error) {
    await countFailedAttempt(deps.db, key);
    throw error;
  }
}

/**
 * Turns owed deliveries into jobs: each batch is claimed and its jobs inserted in one transaction (pg-boss writes
 * with that transaction's client), so a delivery is queued exactly once. Returns how many were queued.
 */
export async function dispatchPushDeliveries(deps: { db: Pool; jobs: JobQueue }): Promise<number> {
  await deps.jobs.ensureQueue(PUSH_QUEUE, { retryLimit: PUSH_RETRY_LIMIT });
  let queued = 0;
  for (;;) {
    const batch = await transaction(deps.db, async (tx) => {
      const keys = await claimWaitingDeliveries(tx, DISPATCH_BATCH);
      if (keys.length > 0)
        await deps.jobs.boss.insert(
          keys.map((data) => ({ name: PUSH_QUEUE, data, retryLimit: PUSH_RETRY_LIMIT, retryDelay: 60, retryBackoff: true })),
          { db: { executeSql: (text, values) => tx.query(text, values) } },
        );
      return keys.length;
    });
    queued += batch;
    if (batch < DISPATCH_BATCH) return queued;
  }
}

/** Runs the dispatcher when woken, one run at a time in this process; a wake-up during a run runs it once more. */
export function pushDispatcher(run: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let running = false;
  let wakeUps = 0; // not yet served by a run that started after them
  const loop = async () => {
    while (wakeUps > 0) {
      wakeUps = 0;
      await run().catch(onError);
    }
    running = false;
  };
  return () => {
    wakeUps++;
    if (running) return;
    running = true;
    void loop();
  };
}

const deliveryKey = (data: Record<string, unknown>): PushDeliveryKey | undefined => {
  const notificationId = Number(data.notificationId);
  const subscriptionId = Number(data.subscriptionId);
  return Number.isSafeInteger(notificationId) && Number.isSafeInteger(subscriptionId) ? { notificationId, subscriptionId } : undefined;
};

/** The push jobs: the dispatcher (every minute, besides the wake-ups at commit) and each push. */
export const pushJobs: JobDefinition[] = [
  {
    name: PUSH_DISPATCH_QUEUE,
    cron: '* * * * *',
    retryLimit: 1,
    handler: async (_data, deps) => {
      await dispatchPushDeliveries({ db: deps.db, jobs: deps.jobs });
    },
  },
  {
    name: PUSH_QUEUE,
    retryLimit: PUSH_RETRY_LIMIT,
    handler: async (data, deps) => {
      const key = deliveryKey(data);
      if (!key) return; // a malformed job is dropped, not retried forever
      await deliverPush({ db: deps.db, baseUrl: deps.config.baseUrl, vapid: deps.config.vapid }, key);
    },
  },
];

/**
 * Wakes this process's dispatcher when a transaction that owed pushes commits (its NOTIFY, through core/live.ts) and
 * after a lost LISTEN connection is back; only processes that run jobs (app.uh.jobs set) dispatch. The cron run every
 * minute catches what no process heard.
 */
export function installPushDispatcher(app: FastifyInstance): void {
  const { uh } = app;
  const wake = pushDispatcher(
    () => (uh.jobs ? dispatchPushDeliveries({ db: uh.db, jobs: uh.jobs }) : Promise.resolve(0)),
    (err: unknown) => app.log.error({ err }, 'push dispatch failed'),
  );
  const unsubscribe = [uh.live.subscribe(PUSH_CHANNEL, wake), uh.live.onResync(wake)];
  app.addHook('onClose', async () => {
    for (const off of unsubscribe) off();
  });
}
