import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../core/authorization.ts';
import type { RequestContext } from '../../core/context.ts';
import { HttpError, LoginRequiredError, authorize } from '../../core/errors.ts';
import { emptyForm, parseForm, withError } from '../../core/forms.ts';
import { markAllNotificationsRead } from './commands/mark-all-notifications-read.ts';
import { openNotification } from './commands/open-notification.ts';
import { setDigestEnabled } from './commands/set-digest-enabled.ts';
import { canUseNotifications } from './policy.ts';
import { notificationText, presentNotification } from './presenter.ts';
import { countUnread, getDigestSettings, listNotifications } from './queries.ts';
import { digestSettingsSchema, listQuerySchema, notificationIdSchema } from './schemas.ts';
import { NotificationsPage } from './views/notifications-page.tsx';
import { SettingsPage } from './views/settings-page.tsx';

export const PAGE_SIZE = 30;
/** Unread notifications are counted up to this many; beyond, the page says "99+". */
const UNREAD_CAP = 100;

/** The signed-in actor, or a redirect to log in (a POST answers 401). */
function requireActor(ctx: RequestContext): Actor {
  if (!canUseNotifications(ctx.actor)) throw new LoginRequiredError();
  return ctx.actor;
}

/** The notification list, opening one, marking all read, and the digest settings. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get<{ Querystring: Record<string, string> }>('/:lang/notifications', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const query = listQuerySchema.safeParse(request.query ?? {});
    if (!query.success) throw new HttpError(400, 'notifications.invalidPage');
    const before = query.data.before;
    const [page, unread] = await Promise.all([listNotifications(db, actor.userId, { before, limit: PAGE_SIZE }), countUnread(db, actor.userId, UNREAD_CAP)]);
    const last = page.rows.at(-1);
    return reply.render(
      NotificationsPage({
        ctx,
        notifications: page.rows.map((row) => presentNotification(ctx.t, ctx.lang, row)),
        unreadCount: unread,
        unreadCapped: unread >= UNREAD_CAP,
        olderCursor: page.hasMore && last ? last.id : null,
        isOlderPage: before !== undefined,
      }),
    );
  });

  // "Mark all as read" posts to the list it is shown on.
  app.post('/:lang/notifications', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    await markAllNotificationsRead({ db, userId: actor.userId });
    return reply.redirectWithFlash(`/${ctx.lang}/notifications`, 'notifications.markedAllRead');
  });

  app.get('/:lang/notifications/settings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const settings = await getDigestSettings(db, actor.userId);
    const form = emptyForm(settings.digestEnabled ? { digest: 'on' } : {});
    return reply.render(SettingsPage({ ctx, form, digestEnabled: settings.digestEnabled, email: ctx.user?.email ?? null }));
  });

  app.post('/:lang/notifications/settings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const email = ctx.user?.email ?? null;
    const parsed = parseForm(digestSettingsSchema, request.body, ctx.t);
    const renderInvalid = async (form: ReturnType<typeof emptyForm>) => {
      const settings = await getDigestSettings(db, actor.userId);
      return reply.render(SettingsPage({ ctx, form, digestEnabled: settings.digestEnabled, email }), 422);
    };
    if (!parsed.ok) return renderInvalid(parsed.form);
    const result = await setDigestEnabled({ db, user: { id: actor.userId, email } }, { enabled: parsed.data.digest === 'on' });
    if (!result.ok) return renderInvalid(withError({}, 'digest', ctx.t('notifications.settings.needsEmail')));
    return reply.redirectWithFlash(`/${ctx.lang}/notifications/settings`, 'notifications.settings.saved');
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/notifications', async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const query = listQuerySchema.safeParse(request.query ?? {});
    if (!query.success) throw new HttpError(400, 'notifications.invalidPage');
    const [page, unread] = await Promise.all([listNotifications(db, actor.userId, { before: query.data.before, limit: PAGE_SIZE }), countUnread(db, actor.userId, UNREAD_CAP)]);
    const last = page.rows.at(-1);
    return {
      notifications: page.rows.map((row) => {
        const view = presentNotification(ctx.t, ctx.lang, row);
        return {
          id: row.id,
          kind: row.kind,
          text: notificationText(ctx.t, row),
          path: `/${ctx.lang}${view.link}`,
          url: `${ctx.baseUrl}/${ctx.lang}/notifications/${row.id}`,
          unread: view.unread,
          createdAt: view.createdAtIso,
        };
      }),
      unreadCount: unread,
      nextBefore: page.hasMore && last ? last.id : null,
    };
  });

  app.get<{ Params: { id: string } }>('/:lang/notifications/:id', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const params = notificationIdSchema.safeParse(request.params);
    authorize(params.success);
    const opened = await openNotification({ db, userId: actor.userId }, { notificationId: params.data.id });
    authorize(opened.ok);
    return reply.redirect(`/${ctx.lang}${opened.link}`, 303);
  });
}
