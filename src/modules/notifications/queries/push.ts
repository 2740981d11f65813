import { z } from 'zod';
import { CountRow } from '../../../core/rows.ts';
import { many, one, type Queryable } from '../../../db/database.ts';

/** The LISTEN/NOTIFY channel (src/core/live.ts's envelope) that wakes the push dispatcher when deliveries are owed. */
export const PUSH_CHANNEL = 'notifications.push';

/** A browser's push subscription as the API receives it (RFC 8030 endpoint, RFC 8291 keys). */
export interface PushSubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string;
}

/**
 * Stores a subscription for a user, or gives an existing endpoint to them (a browser belongs to whoever subscribed it
 * last: the previous account's notifications must not keep arriving there). Refuses (returns false) when the user
 * already has `cap` other subscriptions.
 */
export async function savePushSubscription(db: Queryable, userId: number, input: PushSubscriptionInput, cap: number): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
     SELECT $1, $2, $3, $4, $5
      WHERE (SELECT count(*) FROM push_subscriptions WHERE user_id = $1 AND endpoint <> $2) < $6
     ON CONFLICT (endpoint) DO UPDATE
        SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, user_agent = EXCLUDED.user_agent,
            created_at = CASE WHEN push_subscriptions.user_id = EXCLUDED.user_id THEN push_subscriptions.created_at ELSE now() END`,
    [userId, input.endpoint, input.p256dh, input.auth, input.userAgent, cap],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Removes one of the user's subscriptions by its endpoint; false when they have none there. */
export async function deletePushSubscription(db: Queryable, userId: number, endpoint: string): Promise<boolean> {
  const result = await db.query(`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [userId, endpoint]);
  return (result.rowCount ?? 0) > 0;
}

/** How many devices a user gets pushes on. */
export async function countPushSubscriptions(db: Queryable, userId: number): Promise<number> {
  const row = await one(db, CountRow, `SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = $1`, [userId]);
  return row?.n ?? 0;
}

/**
 * The push hook of notify()/notifyMany(): in the caller's transaction, owes one delivery per new notification and
 * device of its recipient, and (only if any is owed) wakes the dispatcher, a NOTIFY that PostgreSQL delivers at commit.
 */
export async function owePushDeliveries(tx: Queryable, notificationIds: readonly number[]): Promise<void> {
  if (notificationIds.length === 0) return;
  await tx.query(
    `WITH owed AS (
       INSERT INTO push_deliveries (notification_id, subscription_id)
       SELECT n.id, s.id FROM notifications n JOIN push_subscriptions s ON s.user_id = n.user_id
        WHERE n.id = ANY($1::bigint[])
       ON CONFLICT DO NOTHING
       RETURNING 1)
     SELECT pg_notify('unionhall_live', $2) FROM (SELECT 1 FROM owed LIMIT 1) woke`,
    [notificationIds, JSON.stringify({ channel: PUSH_CHANNEL, payload: {} })],
  );
}

/** A delivery handed to the job queue. */
const PushDeliveryKey = z.object({ notificationId: z.number(), subscriptionId: z.number() });
export type PushDeliveryKey = z.infer<typeof PushDeliveryKey>;

/**
 * Claims up to `limit` deliveries that have no job yet (oldest first; SKIP LOCKED, so two dispatchers share them) and
 * marks them queued. Call inside the transaction that also enqueues their jobs.
 */
export function claimWaitingDeliveries(tx: Queryable, limit: number): Promise<PushDeliveryKey[]> {
  return many(
    tx,
    PushDeliveryKey,
    `UPDATE push_deliveries d SET queued_at = now()
      WHERE (d.notification_id, d.subscription_id) IN (
              SELECT notification_id, subscription_id FROM push_deliveries
               WHERE queued_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING d.notification_id::int AS "notificationId", d.subscription_id::int AS "subscriptionId"`,
    [limit],
  );
}

/** One delivery, locked for sending: the device and the notification (its text not yet rendered). */
const LockedDelivery = z.object({
  sentAt: z.date().nullable(),
  userId: z.number(),
  endpoint: z.string(),
  p256dh: z.string(),
  auth: z.string(),
  // Written out, not picked from NotificationRow: queries.ts imports this file, so its schema is not there yet when this one is built.
  notification: z.object({ id: z.number(), messageId: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }),
});
export type LockedDelivery = z.infer<typeof LockedDelivery>;

/** Locks a delivery row (FOR UPDATE: a duplicate job waits, then finds it sent); undefined when it is gone. */
export function lockDelivery(tx: Queryable, key: PushDeliveryKey): Promise<LockedDelivery | undefined> {
  return one(
    tx,
    LockedDelivery,
    `SELECT d.sent_at AS "sentAt", s.user_id::int AS "userId", s.endpoint, s.p256dh, s.auth,
            json_build_object('id', n.id, 'messageId', n.message_id, 'values', n.values) AS notification
       FROM push_deliveries d
       JOIN push_subscriptions s ON s.id = d.subscription_id
       JOIN notifications n ON n.id = d.notification_id
      WHERE d.notification_id = $1 AND d.subscription_id = $2
        -- The subscription may have moved to another account since: never push one person's notification to another.
        AND s.user_id = n.user_id
      FOR UPDATE OF d`,
    [key.notificationId, key.subscriptionId],
  );
}

/** Records a push service's acceptance (and that the device is in use). */
export async function markDelivered(tx: Queryable, key: PushDeliveryKey): Promise<void> {
  await tx.query(
    `UPDATE push_deliveries SET sent_at = now(), attempts = attempts + 1 WHERE notification_id = $1 AND subscription_id = $2`,
    [key.notificationId, key.subscriptionId],
  );
  await tx.query(`UPDATE push_subscriptions SET last_used_at = now() WHERE id = $1`, [key.subscriptionId]);
}

/** Counts a failed attempt (kept even though the job's transaction rolls back: call it on the pool). */
export async function countFailedAttempt(db: Queryable, key: PushDeliveryKey): Promise<void> {
  await db.query(`UPDATE push_deliveries SET attempts = attempts + 1 WHERE notification_id = $1 AND subscription_id = $2`, [
    key.notificationId,
    key.subscriptionId,
  ]);
}

/** Forgets a subscription the push service says is gone (404/410); its owed deliveries go with it. */
export async function deletePushSubscriptionById(db: Queryable, subscriptionId: number): Promise<void> {
  await db.query(`DELETE FROM push_subscriptions WHERE id = $1`, [subscriptionId]);
}
