import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import type { UnionhallModule } from '../module.ts';
import { insertNotifications, type NewNotification } from './queries.ts';
import { notificationRoutes } from './routes.ts';
import { digestJobs } from './digest.ts';
import { loadUnreadCount, unreadBadge } from './unread-badge.ts';
import { notificationsOpenapiPaths, notificationsOpenapiSchemas } from './openapi.ts';

export type { NewNotification } from './queries.ts';

/**
 * Notifies one user. The text is rendered when the user reads it, in the user's language, as
 * `t(messageId, values)`, so put into `values` only what this recipient may see: for an anonymous
 * post pass the pseudonym ("Worker 3"), never the author's name, email or id. The same values go
 * into the daily email digest unchanged. `link` is the path after the language prefix
 * (e.g. "/forum/topics/12#post-3"); anything but a local path throws.
 * Pass the transaction (`tx`) of the command that causes the event so both commit together.
 */
export async function notify(
  db: Queryable,
  notification: { userId: number; kind: string; messageId: string; values?: Record<string, string | number>; link: string },
): Promise<void> {
  await insertNotifications(db, [notification]);
}

/** Notifies many users (or one user of many things) in one INSERT; same rules as notify(). */
export async function notifyMany(
  db: Queryable,
  notifications: Array<{ userId: number; kind: string; messageId: string; values?: Record<string, string | number>; link: string }>,
): Promise<void> {
  await insertNotifications(db, notifications as NewNotification[]);
}

/**
 * The module's plugin. Its one hook loads the unread count for the header on every page, so this
 * wrapper is not encapsulated (skip-override, as fastify-plugin does); the routes inside it are.
 */
const notificationsPlugin = Object.assign(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', loadUnreadCount(app.uh.db));
    await app.register(notificationRoutes);
  },
  { [Symbol.for('skip-override')]: true },
);

/** In-app notifications, the unread count in the header, and the opt-in daily email digest. */
export const notificationsModule: UnionhallModule = {
  name: 'notifications',
  plugin: notificationsPlugin,
  jobs: digestJobs,
  openapiPaths: notificationsOpenapiPaths,
  openapiSchemas: notificationsOpenapiSchemas,
  nav: [{ labelId: 'notifications.nav', path: '/notifications', visible: (ctx) => ctx.user !== null, badge: unreadBadge }],
};
