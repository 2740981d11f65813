import type { Lang } from '../../../core/i18n.ts';
import { translator } from '../../../core/i18n.ts';
import type { NotificationRow } from '../queries.ts';
import { notificationText } from '../presenters.ts';

/** What a push carries to the service worker (public/sw.js), encrypted for the device (RFC 8291). */
export interface PushPayload {
  /** The notification's id (the service worker uses it as the tag, so a repeat replaces rather than stacks). */
  id: number;
  /** The site's name in the recipient's language. */
  title: string;
  /** The notification's text in the recipient's language, values between first-strong isolates. */
  body: string;
  /** Opens it: BASE_URL/<lang>/notifications/<id>, which marks it read and redirects to its page. */
  url: string;
  lang: Lang;
  dir: 'rtl' | 'ltr';
}

/**
 * The push for one notification, rendered as the recipient would read it on the page: the same text and nothing more
 * (no kind, no link target, no other person's data), so a push service or a stolen device learns no more than the list.
 */
export function composePushPayload(
  lang: Lang,
  baseUrl: string,
  notification: Pick<NotificationRow, 'id' | 'messageId' | 'values'>,
): PushPayload {
  const t = translator(lang);
  return {
    id: notification.id,
    title: t('layout.brand'),
    body: notificationText(t, notification),
    url: `${baseUrl}/${lang}/notifications/${notification.id}`,
    lang,
    dir: lang === 'fa' ? 'rtl' : 'ltr',
  };
}
