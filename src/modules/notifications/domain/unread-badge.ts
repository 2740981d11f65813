import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../../core/context.ts';
import type { Queryable } from '../../../db/database.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { countUnread } from '../queries.ts';

/** The header counts unread notifications up to this many; beyond, it shows "99+". */
export const BADGE_CAP = 100;

// Per request, the viewer's unread count; kept beside the context so RequestContext needs no new field.
const unreadByRequest = new WeakMap<RequestContext, number>();

/**
 * A preHandler for every page: one indexed, capped count for signed-in viewers of GET pages under
 * /:lang, none for visitors, API calls, static files or form posts; plus the modules' unread read-time
 * notices (`UnionhallModule.notices`: the forum's anonymous authors'), which store no row to count.
 */
export function loadUnreadCount(db: Queryable) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- ctx stays null on bare requests (static files, health; core/context-hooks.ts isBare), whatever its type says.
    if (request.method !== 'GET' || !request.ctx?.user) return;
    if (!(request.routeOptions.url ?? '').startsWith('/:lang')) return;
    const userId = request.ctx.user.id;
    try {
      const [stored, ...fromSources] = await Promise.all([
        countUnread(db, userId, BADGE_CAP),
        ...(request.server.uh.notices ?? []).map(
          async (source) => (await source.list(request, reply, userId)).filter((n) => n.unread).length,
        ),
      ]);
      unreadByRequest.set(
        request.ctx,
        Math.min(
          BADGE_CAP,
          fromSources.reduce((sum, n) => sum + n, stored),
        ),
      );
    } catch (error) {
      // The badge is a convenience: a failed count must not turn every page into an error page.
      request.log.warn({ err: error }, 'unread notification count failed');
    }
  };
}

/** The navigation badge: the unread count, or nothing when there is none. */
export function unreadBadge(ctx: RequestContext): { text: string; label: string } | null {
  const count = unreadByRequest.get(ctx);
  if (!count) return null;
  const text = count >= BADGE_CAP ? `${formatNumber(BADGE_CAP - 1, ctx.lang)}+` : formatNumber(count, ctx.lang);
  return { text, label: ctx.t('notifications.unreadCount', { count }) };
}
