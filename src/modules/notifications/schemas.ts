import { z } from 'zod';
import { optional } from '../../core/forms.ts';

/** A notification id as it appears in a URL: ASCII digits only (the app writes these links itself), no leading zero. */
const idText = () =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number);

/** The list's query string. */
export const listQuerySchema = z.object({
  /** Keyset cursor: the id of the last notification of the previous page; absent for the newest page. */
  before: optional(idText()),
});

/** The id in /notifications/:id. */
export const notificationIdSchema = z.object({
  id: idText(),
});

/** The digest settings form. */
export const digestSettingsSchema = z.object({
  /** The checkbox: "on" when ticked, absent when not; anything else is refused. */
  digest: optional(z.literal('on')),
});

/** One notification in GET /api/v1/notifications (presentNotificationJson): declared fields only reach the JSON. */
export const notificationJson = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: 'What happened, e.g. forum.reply.' }),
    text: z.string(),
    path: z.string().meta({ description: 'Where it leads, with the language prefix, e.g. /vi/forum/topics/12.' }),
    url: z.string().meta({ description: 'Opens it: marks it read and redirects to path.' }),
    unread: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });

/** GET /api/v1/notifications's answer. */
export const notificationPageJson = z
  .object({
    notifications: z.array(notificationJson),
    unreadCount: z.number().int().meta({ description: 'Unread notifications, counted up to 100.' }),
    nextBefore: z.number().int().nullable(),
  })
  .meta({ id: 'NotificationPage' });

/** Hosts a local test push endpoint may use over plain http (only when BASE_URL is not https, i.e. not in production). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether the app may send pushes to this endpoint: https to a named host (real push services are), no credentials;
 * plain http only to this machine and only when `allowLocalHttp` (tests and development).
 */
export function isAllowedPushEndpoint(endpoint: string, allowLocalHttp: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'http:') return allowLocalHttp && LOCAL_HOSTS.has(url.hostname);
  // An IP literal or this machine over https is no push service: refusing them keeps the app from being aimed inward.
  return url.protocol === 'https:' && !LOCAL_HOSTS.has(url.hostname) && !/^[0-9.]+$|^\[/.test(url.hostname);
}

/** POST /api/v1/push-subscriptions: what PushSubscription.toJSON() gives (expirationTime is ignored). */
export const pushSubscriptionSchema = (allowLocalHttp: boolean) =>
  z.object({
    endpoint: z
      .string()
      .max(2000)
      .refine((e) => isAllowedPushEndpoint(e, allowLocalHttp), 'must be an https:// URL of a push service'),
    keys: z.object({
      p256dh: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a P-256 public key, 65 bytes in base64url'),
      auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a 16-byte secret in base64url'),
    }),
  });

/** DELETE /api/v1/push-subscriptions: the endpoint to forget. */
export const pushUnsubscribeSchema = z.object({ endpoint: z.string().min(1).max(2000) });

/** The answer to both: how many devices now get this person's pushes. */
export const pushDevicesJson = z.object({ devices: z.number().int() }).meta({ id: 'PushDevices' });
