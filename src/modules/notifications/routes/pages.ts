import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { commandDeps } from '../../../core/commands.ts';
import type { RequestContext } from '../../../core/context.ts';
import { authorize } from '../../../core/errors.ts';
import { emptyForm, parseForm, withError, type FormState } from '../../../core/forms.ts';
import { requireActor } from '../../../core/route-params.ts';
import { markAllNotificationsRead } from '../commands/mark-all-notifications-read.ts';
import { openNotification } from '../commands/open-notification.ts';
import { setDigestEnabled } from '../commands/set-digest-enabled.ts';
import { UNREAD_CAP, loadNoticeSections, loadNotificationPage } from '../loaders.ts';
import { presentNotification } from '../presenters.ts';
import { getDigestSettings } from '../queries.ts';
import { countPushSubscriptions } from '../queries/push.ts';
import { digestSettingsSchema, notificationIdSchema } from '../schemas.ts';
import { NotificationsPage } from '../views/notifications-page.tsx';
import { SettingsPage } from '../views/settings-page.tsx';

/** The notification list, opening one, marking all read, and the digest settings. */
export async function notificationPageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get('/:lang/notifications', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const page = await loadNotificationPage(db, actor, request.query);
    // The modules' read-time notices (the forum's anonymous authors') head the newest page.
    const sections = page.before === undefined ? await loadNoticeSections(request, reply, actor.userId) : [];
    const unreadNotices = sections.reduce((sum, section) => sum + section.notices.filter((n) => n.unread).length, 0);
    return reply.render(
      NotificationsPage({
        ctx,
        notifications: page.rows.map((row) => presentNotification(ctx.t, ctx.lang, row)),
        sections,
        unreadCount: page.unread + unreadNotices,
        unreadCapped: page.unread >= UNREAD_CAP,
        olderCursor: page.nextBefore,
        isOlderPage: page.before !== undefined,
      }),
    );
  });

  // "Mark all as read" posts to the list it is shown on.
  app.post('/:lang/notifications', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    await markAllNotificationsRead(commandDeps(request, actor));
    for (const source of app.uh.notices ?? []) await source.markAllRead(request, reply, actor.userId);
    return reply.redirectWithFlash(`/${ctx.lang}/notifications`, 'notifications.markedAllRead');
  });

  /** The settings page: the digest's current state, and the form (fresh, or with its errors). */
  const settingsPage = async (ctx: RequestContext, userId: number, form: FormState | null) => {
    const settings = await getDigestSettings(db, userId);
    const shown = form ?? emptyForm(settings.digestEnabled ? { digest: 'on' } : {});
    const push = { publicKey: app.uh.config.vapid?.publicKey ?? null, devices: await countPushSubscriptions(db, userId) };
    return SettingsPage({ ctx, form: shown, digestEnabled: settings.digestEnabled, email: ctx.user?.email ?? null, push });
  };

  app.get('/:lang/notifications/settings', async (request, reply) => {
    const actor = requireActor(request.ctx);
    return reply.render(await settingsPage(request.ctx, actor.userId, null));
  });

  app.post('/:lang/notifications/settings', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(digestSettingsSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await settingsPage(ctx, actor.userId, parsed.form), 422);
    const result = await setDigestEnabled(commandDeps(request, actor), {
      enabled: parsed.data.digest === 'on',
      email: ctx.user?.email ?? null,
    });
    if (!result.ok)
      return reply.render(await settingsPage(ctx, actor.userId, withError({}, 'digest', ctx.t('notifications.settings.needsEmail'))), 422);
    return reply.redirectWithFlash(`/${ctx.lang}/notifications/settings`, 'notifications.settings.saved');
  });

  app.get<{ Params: { id: string } }>('/:lang/notifications/:id', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const params = notificationIdSchema.safeParse(request.params);
    authorize(params.success);
    const opened = await openNotification(commandDeps(request, actor), { notificationId: params.data.id });
    authorize(opened.ok);
    return reply.redirect(`/${ctx.lang}${opened.link}`, 303);
  });
}

const SERVICE_WORKER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../public/js/sw.js');

/**
 * GET /sw.js: the service worker (public/js/sw.js) at the site's root, so its scope is the whole site. Not cached for
 * long, so a new version reaches browsers at their next visit.
 */
export async function serviceWorkerRoute(app: FastifyInstance): Promise<void> {
  const source = await readFile(SERVICE_WORKER_FILE, 'utf8');
  app.get('/sw.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/').send(source),
  );
}
