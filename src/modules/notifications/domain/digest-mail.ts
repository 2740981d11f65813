import type { Lang } from '../../../core/i18n.ts';
import { translator } from '../../../core/i18n.ts';
import type { NotificationRow } from '../queries.ts';
import { notificationMailFooter, notificationMailLines } from './notification-mail.ts';

/** Composes a digest mail (plain text) in the recipient's language; pure, so tests can call it directly. */
export function composeDigest(input: {
  lang: Lang;
  name: string;
  baseUrl: string;
  notifications: Array<Pick<NotificationRow, 'id' | 'messageId' | 'values' | 'createdAt'>>;
  /** How many notifications the digest covers (may exceed those listed). */
  total: number;
}): { subject: string; text: string } {
  const { lang, baseUrl } = input;
  const t = translator(lang);
  const base = baseUrl.replace(/\/$/, '');
  const lines: string[] = [
    t('notifications.digest.greeting', { name: input.name }),
    '',
    t('notifications.digest.intro', { count: input.total }),
    '',
  ];
  for (const n of input.notifications) {
    lines.push(...notificationMailLines(t, lang, base, n), '');
  }
  const more = input.total - input.notifications.length;
  if (more > 0) {
    lines.push(t('notifications.digest.more', { count: more }));
    lines.push(`${base}/${lang}/notifications`);
    lines.push('');
  }
  lines.push(...notificationMailFooter(t, lang, base));
  return { subject: t('notifications.digest.subject', { count: input.total }), text: lines.join('\n') };
}
