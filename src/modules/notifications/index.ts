import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { UnionhallModule } from '../module.ts';
import { loadUnreadCount, unreadBadge } from './domain/unread-badge.ts';
import { digestJobs } from './jobs.ts';
import { installPushDispatcher, pushJobs } from './domain/push-sender.ts';
import { notificationApiRoutes, pushSubscriptionApiRoutes } from './routes/api.ts';
import { notificationPageRoutes, serviceWorkerRoute } from './routes/pages.ts';

export { notify, notifyMany, type NewNotification } from './queries.ts';

/**
 * The module's plugin. Its one hook loads the unread count for the header on every page, so it is not
 * encapsulated (fastify-plugin); the routes registered inside it are.
 */
const notificationsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', loadUnreadCount(app.uh.db));
    await app.register(notificationPageRoutes);
    await app.register(notificationApiRoutes);
    await app.register(pushSubscriptionApiRoutes);
    await app.register(serviceWorkerRoute);
    installPushDispatcher(app);
  },
  { name: 'notifications' },
);

/** In-app notifications, the unread count in the header, the opt-in daily email digest, and opt-in web push. */
export const notificationsModule: UnionhallModule = {
  name: 'notifications',
  plugin: notificationsPlugin,
  jobs: [...digestJobs, ...pushJobs],
  nav: [{ labelId: 'notifications.nav', path: '/notifications', visible: (ctx) => ctx.user !== null, badge: unreadBadge }],
};
