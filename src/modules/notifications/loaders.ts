import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/authorization.ts';
import { HttpError } from '../../core/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { countUnread, listNotifications, type NotificationRow } from './queries.ts';
import { listQuerySchema } from './schemas.ts';
import { presentReadTimeNotice, type NoticeSectionView } from './presenters.ts';

export const PAGE_SIZE = 30;
/** Unread notifications are counted up to this many; beyond, the page says "99+". */
export const UNREAD_CAP = 100;

/** One page of the actor's notifications, for the list page and the API alike. */
export interface NotificationListPage {
  rows: NotificationRow[];
  unread: number;
  /** The cursor of the page asked for (absent: the newest page). */
  before: number | undefined;
  /** The cursor of the next (older) page, or null when this is the last. */
  nextBefore: number | null;
}

/** Reads the list's query string (a malformed cursor is a 400) and loads that page and the unread count. */
export async function loadNotificationPage(db: Queryable, actor: Actor, query: unknown): Promise<NotificationListPage> {
  const parsed = listQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw new HttpError(400, 'notifications.invalidPage');
  const before = parsed.data.before;
  const [page, unread] = await Promise.all([
    listNotifications(db, actor.userId, { before, limit: PAGE_SIZE }),
    countUnread(db, actor.userId, UNREAD_CAP),
  ]);
  const last = page.rows.at(-1);
  return { rows: page.rows, unread, before, nextBefore: page.hasMore && last ? last.id : null };
}

/** The modules' read-time notices as sections of the list (the ones with notices), in the reader's language. */
export async function loadNoticeSections(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<NoticeSectionView[]> {
  const { t, lang } = request.ctx;
  const sections = await Promise.all(
    (request.server.uh.notices ?? []).map(async (source) => ({
      title: t(source.titleId),
      notices: (await source.list(request, reply, userId)).map((notice) => presentReadTimeNotice(t, lang, notice)),
    })),
  );
  return sections.filter((section) => section.notices.length > 0);
}
