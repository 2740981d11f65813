import type { Lang } from '../../../core/i18n.ts';
import { translator } from '../../../core/i18n.ts';
import { formatDateTime } from '../../../core/dates.ts';
import { notificationText } from '../presenters.ts';
import type { NotificationRow } from '../queries.ts';

type MailedNotification = Pick<NotificationRow, 'id' | 'messageId' | 'values' | 'createdAt'>;

/** One notification in a mail: its text, its date (Jalali in Persian) and the absolute link that opens it (and marks it read). */
export function notificationMailLines(t: ReturnType<typeof translator>, lang: Lang, base: string, n: MailedNotification): string[] {
  return [`• ${notificationText(t, n)}`, `  ${formatDateTime(n.createdAt, lang)}`, `  ${base}/${lang}/notifications/${n.id}`];
}

/** The closing lines of every notification mail: why it came, and where to change that. */
export function notificationMailFooter(t: ReturnType<typeof translator>, lang: Lang, base: string): string[] {
  return ['--', t('notifications.mail.why'), `${base}/${lang}/notifications/settings`];
}

/** Composes the mail of one notification sent immediately (plain text, the recipient's language); pure. */
export function composeNotificationMail(input: { lang: Lang; name: string; baseUrl: string; notification: MailedNotification }): {
  subject: string;
  text: string;
} {
  const { lang } = input;
  const t = translator(lang);
  const base = input.baseUrl.replace(/\/$/, '');
  const lines = [
    t('notifications.digest.greeting', { name: input.name }),
    '',
    ...notificationMailLines(t, lang, base, input.notification),
    '',
    ...notificationMailFooter(t, lang, base),
  ];
  // The subject is the notification's own line, kept short for mail clients.
  const line = notificationText(t, input.notification);
  const subject = line.length > 120 ? `${line.slice(0, 119)}…` : line;
  return { subject, text: lines.join('\n') };
}
