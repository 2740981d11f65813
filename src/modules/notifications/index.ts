import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { EmailChoice, NotificationKind, UnionhallModule } from '../module.ts';
import { loadUnreadCount, unreadBadge } from './domain/unread-badge.ts';
import { digestJobs, mailJobs } from './jobs.ts';
import { installPushDispatcher, pushJobs } from './domain/push-sender.ts';
import { notificationApiRoutes, pushSubscriptionApiRoutes } from './routes/api.ts';
import { notificationPageRoutes, serviceWorkerRoute } from './routes/pages.ts';

export { notify, notifyMany, type NewNotification } from './queries.ts';
export type { EmailChoice, NotificationKind } from '../module.ts';

/** Declares a kind of notification (for a module's `notificationKinds` and its notify() calls). */
export const notificationKind = (name: string, labelId: string, defaultEmail: EmailChoice): NotificationKind => ({
  name,
  labelId,
  defaultEmail,
});

/**
 * In-app notifications, the unread count in the header, email per kind (immediately through the job queue, in the
 * daily digest, or off). `kinds` answers every module's declared kinds (the registry collects the manifests).
 */
export function notificationsModule(kinds: () => NotificationKind[]): UnionhallModule {
  // The plugin's one hook loads the unread count for the header on every page, so it is not encapsulated
  // (fastify-plugin); the routes registered inside it are.
  const plugin = fastifyPlugin(
    async (app: FastifyInstance) => {
      app.addHook('preHandler', loadUnreadCount(app.uh.db));
      await app.register(notificationPageRoutes, { kinds });
      await app.register(notificationApiRoutes);
      await app.register(pushSubscriptionApiRoutes);
      await app.register(serviceWorkerRoute);
      installPushDispatcher(app);
    },
    { name: 'notifications' },
  );
  return {
    name: 'notifications',
    plugin,
    jobs: [...digestJobs, ...mailJobs, ...pushJobs],
    nav: [{ labelId: 'notifications.nav', path: '/notifications', visible: (ctx) => ctx.user !== null, badge: unreadBadge }],
  };
}
