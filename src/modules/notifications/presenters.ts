import type { RequestContext } from '../../core/context.ts';
import type { ReadTimeNotice } from '../../core/read-time-notices.ts';
import type { Lang, Translate } from '../../core/i18n.ts';
import { formatDateTime, isoDateTime } from '../../core/dates.ts';
import { isLocalPath, type NotificationRow } from './queries.ts';

/**
 * A notification's text in pieces: the message's own words (in the reader's language, so in the
 * page's direction) and the values callers put in (user text, e.g. a topic title in another script),
 * which pages wrap in <bdi> and mails in Unicode isolates so each keeps its own direction.
 */
export type TextPart = string | { value: string };

/** A notification as a page or a mail may show it: its text in the reader's language, never raw values. */
export interface NotificationView {
  id: number;
  parts: TextPart[];
  /** The path after the language prefix the notification leads to. */
  link: string;
  unread: boolean;
  createdAt: string;
  createdAtIso: string;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

/**
 * Renders a notification's text as `t(messageId, values)` in the reader's language, keeping the
 * string values apart. A message that no longer exists, or whose arguments do not match, becomes a
 * generic line rather than an error page.
 */
export function notificationParts(t: Translate, row: Pick<NotificationRow, 'messageId' | 'values'>): TextPart[] {
  const fallback = [t('notifications.generic')];
  if (!/^[a-zA-Z0-9_.-]+$/.test(row.messageId)) return fallback;
  const strings: string[] = [];
  const marked: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(row.values)) {
    if (typeof value === 'number') {
      marked[key] = value; // numbers stay numbers: plurals and digits in the reader's language
    } else {
      strings.push(value.replace(MARKERS, ''));
      marked[key] = `${OPEN}${strings.length - 1}${CLOSE}`;
    }
  }
  let text: string;
  let plain: string;
  try {
    text = t(row.messageId, marked);
    plain = t(row.messageId, row.values);
  } catch {
    return fallback;
  }
  if (plain === row.messageId) return fallback;
  const parts: TextPart[] = [];
  for (const piece of text.split(new RegExp(`(${OPEN}\\d+${CLOSE})`))) {
    const index = piece.startsWith(OPEN) ? Number(piece.slice(1, -1)) : NaN;
    if (!Number.isNaN(index)) parts.push({ value: strings[index] ?? '' });
    else if (piece) parts.push(piece);
  }
  // A value a message chooses by ({status, select, …}) must not be marked: if marking changed the text, show it plain.
  const rebuilt = parts.map((part) => (typeof part === 'string' ? part : part.value)).join('');
  return rebuilt === plain ? parts : [plain];
}

/** The text as one plain string, each value in first-strong isolates (U+2068 … U+2069), for mail. */
export function notificationText(t: Translate, row: Pick<NotificationRow, 'messageId' | 'values'>): string {
  return notificationParts(t, row)
    .map((part) => (typeof part === 'string' ? part : `\u2068${part.value}\u2069`))
    .join('');
}

/** Builds the view-model of one notification. */
export function presentNotification(t: Translate, lang: Lang, row: NotificationRow): NotificationView {
  return {
    id: row.id,
    parts: notificationParts(t, row),
    link: isLocalPath(row.link) ? row.link : '/notifications',
    unread: row.readAt === null,
    createdAt: formatDateTime(row.createdAt, lang),
    createdAtIso: isoDateTime(row.createdAt),
  };
}

/** A module's read-time notice as the list shows it (it links straight to its page: there is no row to mark read). */
export interface NoticeView {
  key: string;
  parts: TextPart[];
  link: string;
  unread: boolean;
  createdAt: string;
  createdAtIso: string;
}

/** One module's read-time notices, under their heading. */
export interface NoticeSectionView {
  title: string;
  notices: NoticeView[];
}

/** Builds the view-model of one read-time notice, its text rendered like a stored notification's. */
export function presentReadTimeNotice(t: Translate, lang: Lang, notice: ReadTimeNotice): NoticeView {
  return {
    key: notice.key,
    parts: notificationParts(t, notice),
    link: isLocalPath(notice.link) ? notice.link : '/notifications',
    unread: notice.unread,
    createdAt: formatDateTime(notice.at, lang),
    createdAtIso: isoDateTime(notice.at),
  };
}

/** A notification as the JSON API gives it: its text rendered, its link as a path and as the URL that marks it read. */
export function presentNotificationJson(ctx: RequestContext, row: NotificationRow) {
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
}
