import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../../core/route-params.ts';
import { loadNotificationPage } from '../loaders.ts';
import { presentNotificationJson } from '../presenters.ts';

/** GET /api/v1/notifications: the same list as the page, as JSON. */
export async function notificationApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get('/api/v1/notifications', async (request) => {
    const { ctx } = request;
    const page = await loadNotificationPage(db, requireActor(ctx), request.query);
    return {
      notifications: page.rows.map((row) => presentNotificationJson(ctx, row)),
      unreadCount: page.unread,
      nextBefore: page.nextBefore,
    };
  });
}
