import type { FastifyInstance } from 'fastify';
import { apiQueryRefusals, apiRefusals, apiSecurity } from '../../../core/api-docs.ts';
import { requireActor } from '../../../core/route-params.ts';
import { loadNotificationPage } from '../loaders.ts';
import { presentNotificationJson } from '../presenters.ts';
import { listQuerySchema, notificationPageJson } from '../schemas.ts';

/** GET /api/v1/notifications: the same list as the page, as JSON. */
export async function notificationApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  const schema = {
    tags: ['notifications'],
    summary: 'The authenticated person’s notifications, newest first',
    description:
      'Texts are rendered in the account’s language. Values inside a text (names, titles) are wrapped in Unicode first-strong isolates ' +
      '(U+2068 … U+2069) so they keep their own direction. Pages of 30; pass `nextBefore` as `before` for the next (older) page.',
    security: apiSecurity,
    querystring: listQuerySchema,
    response: { 200: notificationPageJson, ...apiQueryRefusals, ...apiRefusals },
  };
  app.get('/api/v1/notifications', { schema }, async (request) => {
    const { ctx } = request;
    const page = await loadNotificationPage(db, requireActor(ctx), request.query);
    return {
      notifications: page.rows.map((row) => presentNotificationJson(ctx, row)),
      unreadCount: page.unread,
      nextBefore: page.nextBefore,
    };
  });
}
