import type { FastifyInstance } from 'fastify';
import { apiErrorSchema, apiRefusals, apiSecurity } from '../../../core/api-docs.ts';
import { requireActor } from '../../../core/route-params.ts';
import { authorize } from '../../../core/errors.ts';
import { loadNotificationPage } from '../loaders.ts';
import { presentNotificationJson } from '../presenters.ts';
import { listQuerySchema, notificationPageJson, pushDevicesJson, pushSubscriptionSchema, pushUnsubscribeSchema } from '../schemas.ts';
import { commandDeps } from '../../../core/commands.ts';
import { savePushSubscriptionFor } from '../commands/save-push-subscription.ts';
import { removePushSubscription } from '../commands/remove-push-subscription.ts';
import { userAgentLabel } from '../domain/user-agent-label.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
    response: { 200: notificationPageJson, 400: apiErrorSchema, ...apiRefusals },
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

/** A refused body: 422 with each field's problem (zod's own English, as the other JSON routes give). */
function invalidBody(reply: FastifyReply, request: FastifyRequest, error: z.ZodError) {
  const fields = Object.fromEntries(error.issues.map((issue) => [issue.path.join('.'), issue.message]));
  return reply.code(422).send({ error: { code: 'invalid_input', message: request.ctx.t('errors.badRequest'), fields } });
}

/** POST and DELETE /api/v1/push-subscriptions: the browsers the person's notifications are pushed to. */
export async function pushSubscriptionApiRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.uh;
  // Plain http to this machine only outside production (BASE_URL not https): tests and development.
  const subscriptionSchema = pushSubscriptionSchema(!config.secureCookies);
  const tags = ['notifications'];
  const refusals = { 422: apiErrorSchema, ...apiRefusals };

  const subscribeDoc = {
    tags,
    summary: 'Push the authenticated person’s notifications to a browser',
    description:
      'The body is `PushSubscription.toJSON()`: `{endpoint, keys: {p256dh, auth}}`. The endpoint must be https. At most 10 browsers a person; ' +
      'an endpoint another account subscribed moves to this one. With a session cookie, send the page’s CSRF token as `X-CSRF-Token`.',
    security: apiSecurity,
    response: { 201: pushDevicesJson, ...refusals },
  };
  app.post('/api/v1/push-subscriptions', { schema: subscribeDoc }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = subscriptionSchema.safeParse(request.body);
    if (!parsed.success) return invalidBody(reply, request, parsed.error);
    const result = await savePushSubscriptionFor(commandDeps(request, actor), {
      endpoint: parsed.data.endpoint,
      p256dh: parsed.data.keys.p256dh,
      auth: parsed.data.keys.auth,
      userAgent: userAgentLabel(request.headers['user-agent']),
    });
    if (!result.ok) {
      const message = ctx.t(result.reason === 'tooMany' ? 'notifications.push.tooMany' : 'notifications.push.off');
      return reply.code(422).send({ error: { code: 'invalid_input', message, fields: { endpoint: message } } });
    }
    return reply.code(201).send({ devices: result.devices });
  });

  const unsubscribeDoc = {
    tags,
    summary: 'Stop pushing to one of the authenticated person’s browsers',
    description: 'The body is `{endpoint}`. 404 when this person has no subscription there.',
    security: apiSecurity,
    response: { 200: pushDevicesJson, ...refusals },
  };
  app.delete('/api/v1/push-subscriptions', { schema: unsubscribeDoc }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = pushUnsubscribeSchema.safeParse(request.body);
    if (!parsed.success) return invalidBody(reply, request, parsed.error);
    const result = await removePushSubscription(commandDeps(request, actor), { endpoint: parsed.data.endpoint });
    authorize(result.ok);
    return { devices: result.devices };
  });
}
