import type { Lang, Translate } from '../../core/i18n.ts';
import { formatDateTime, isoDateTime } from '../../core/dates.ts';
import { isLocalPath, type NotificationRow } from './queries.ts';

/** A notification as a page or a mail may show it: its text in the reader's language, never raw values. */
export interface NotificationView {
  id: number;
  text: string;
  /** The path after the language prefix the notification leads to. */
  link: string;
  unread: boolean;
  createdAt: string;
  createdAtIso: string;
}

/**
 * Renders a notification's text as `t(messageId, values)` in the reader's language. A message that
 * no longer exists, or whose arguments do not match, becomes a generic line rather than an error page.
 */
export function notificationText(t: Translate, row: Pick<NotificationRow, 'messageId' | 'values'>): string {
  const fallback = t('notifications.generic');
  if (!/^[a-zA-Z0-9_.-]+$/.test(row.messageId)) return fallback;
  try {
    const text = t(row.messageId, row.values ?? {});
    return text === row.messageId ? fallback : text;
  } catch {
    return fallback;
  }
}

/** Builds the view-model of one notification. */
export function presentNotification(t: Translate, lang: Lang, row: NotificationRow): NotificationView {
  return {
    id: row.id,
    text: notificationText(t, row),
    link: isLocalPath(row.link) ? row.link : '/notifications',
    unread: row.readAt === null,
    createdAt: formatDateTime(row.createdAt, lang),
    createdAtIso: isoDateTime(row.createdAt),
  };
}
