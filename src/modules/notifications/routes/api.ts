import type { FastifyInstance } from 'fastify';
import { apiQueryRefusals, apiRefusals, apiSecurity, apiWriteRefusals } from '../../../core/api-docs.ts';
import { invalidInput } from '../../../core/api-validation.ts';
import { requireActor } from '../../../core/route-params.ts';
import { authorize } from '../../../core/errors.ts';
import { loadNotificationPage } from '../loaders.ts';
import { presentNotificationJson } from '../presenters.ts';
import { listQuerySchema, notificationPageJson, pushDevicesJson, pushSubscriptionSchema, pushUnsubscribeSchema } from '../schemas.ts';
import { commandDeps } from '../../../core/commands.ts';
import { savePushSubscriptionFor } from '../commands/save-push-subscription.ts';
import { removePushSubscription } from '../commands/remove-push-subscription.ts';
import { userAgentLabel } from '../domain/user-agent-label.ts';
import type { z } from 'zod';

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

/** POST and DELETE /api/v1/push-subscriptions: the browsers the person's notifications are pushed to. */
export async function pushSubscriptionApiRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.uh;
  // Plain http to this machine only outside production (BASE_URL not https): tests and development.
  const subscriptionSchema = pushSubscriptionSchema(!config.secureCookies);
  const tags = ['notifications'];

  const subscribeDoc = {
    tags,
    summary: 'Push the authenticated person’s notifications to a browser',
    description:
      'The body is `PushSubscription.toJSON()`: `{endpoint, keys: {p256dh, auth}}`. The endpoint must be https. At most 10 browsers a person; ' +
      'an endpoint another account subscribed moves to this one. With a session cookie, send the page’s CSRF token as `X-CSRF-Token`.',
    security: apiSecurity,
    body: subscriptionSchema,
    response: { 201: pushDevicesJson, ...apiWriteRefusals },
  };
  app.post<{ Body: z.output<typeof subscriptionSchema> }>(
    '/api/v1/push-subscriptions',
    { schema: subscribeDoc },
    async (request, reply) => {
      const { ctx } = request;
      const actor = requireActor(ctx);
      const subscription = request.body;
      const result = await savePushSubscriptionFor(commandDeps(request, actor), {
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        userAgent: userAgentLabel(request.headers['user-agent']),
      });
      if (!result.ok) {
        const message = ctx.t(result.reason === 'tooMany' ? 'notifications.push.tooMany' : 'notifications.push.off');
        return invalidInput(reply, ctx.t, { endpoint: message });
      }
      return reply.code(201).send({ devices: result.devices });
    },
  );

  const unsubscribeDoc = {
    tags,
    summary: 'Stop pushing to one of the authenticated person’s browsers',
    description: 'The body is `{endpoint}`. 404 when this person has no subscription there.',
    security: apiSecurity,
    body: pushUnsubscribeSchema,
    response: { 200: pushDevicesJson, ...apiWriteRefusals },
  };
  app.delete<{ Body: z.output<typeof pushUnsubscribeSchema> }>(
    '/api/v1/push-subscriptions',
    { schema: unsubscribeDoc },
    async (request) => {
      const actor = requireActor(request.ctx);
      const result = await removePushSubscription(commandDeps(request, actor), { endpoint: request.body.endpoint });
      authorize(result.ok);
      return { devices: result.devices };
    },
  );
}
