import type { RequestContext } from '../../../core/context.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { NoticeSectionView, NotificationView, TextPart } from '../presenters.ts';

export interface NotificationsPageProps {
  ctx: RequestContext;
  notifications: NotificationView[];
  /** The modules' read-time notices (the forum's anonymous authors'), each module's under its heading. */
  sections: NoticeSectionView[];
  unreadCount: number;
  /** True when unreadCount hit its cap (shown as "99+"). */
  unreadCapped: boolean;
  /** The cursor of the next (older) page, when there is one. */
  olderCursor: number | null;
  /** True on any page but the newest. */
  isOlderPage: boolean;
}

/** One line of the list: the text (values in <bdi>) as a link, the unread badge and the time. */
function NoticeLine({
  ctx,
  link,
  n,
}: {
  ctx: RequestContext;
  link: string;
  n: { parts: TextPart[]; unread: boolean; createdAt: string; createdAtIso: string };
}) {
  return (
    <li class={n.unread ? 'notification notification--unread' : 'notification'}>
      <a class="notification__link" href={link}>
        {n.parts.map((part) => (typeof part === 'string' ? part : <bdi>{part.value}</bdi>))}
      </a>
      <span class="notification__meta meta">
        {n.unread && <span class="badge notification__badge">{ctx.t('notifications.unread')}</span>}
        <time datetime={n.createdAtIso}>{n.createdAt}</time>
      </span>
    </li>
  );
}

/** The signed-in person's notifications, newest first, unread ones marked, with "mark all read". */
export function NotificationsPage({
  ctx,
  notifications,
  sections,
  unreadCount,
  unreadCapped,
  olderCursor,
  isOlderPage,
}: NotificationsPageProps) {
  const { t } = ctx;
  const unreadText = unreadCapped ? `${formatNumber(unreadCount - 1, ctx.lang)}+` : t('notifications.unreadCount', { count: unreadCount });
  return (
    <Layout ctx={ctx} title={t('notifications.title')} noindex>
      <PageHeader
        title={t('notifications.title')}
        lead={unreadText}
        actions={
          <a class="button button--secondary" href={href(ctx, '/notifications/settings')}>
            {t('notifications.settingsLink')}
          </a>
        }
      />
      {unreadCount > 0 && (
        <Form ctx={ctx} action={href(ctx, '/notifications')} class="inline-form notification-actions">
          <SubmitButton variant="secondary">{t('notifications.markAllRead')}</SubmitButton>
        </Form>
      )}
      {sections.map((section) => (
        <section class="notification-section" aria-label={section.title}>
          <h2>{section.title}</h2>
          <ol class="list-plain notification-list">
            {section.notices.map((n) => (
              <NoticeLine ctx={ctx} link={href(ctx, n.link)} n={n} />
            ))}
          </ol>
        </section>
      ))}
      {notifications.length === 0 ? (
        sections.length === 0 && <p class="muted">{t('notifications.empty')}</p>
      ) : (
        <ol class="list-plain notification-list" aria-label={t('notifications.listLabel')}>
          {notifications.map((n) => (
            <NoticeLine ctx={ctx} link={href(ctx, `/notifications/${n.id}`)} n={n} />
          ))}
        </ol>
      )}
      {(isOlderPage || olderCursor !== null) && (
        <nav class="pagination" aria-label={t('notifications.listLabel')}>
          {isOlderPage ? <a href={href(ctx, '/notifications')}>{t('notifications.newest')}</a> : <span />}
          {olderCursor !== null && (
            <a href={`${href(ctx, '/notifications')}?before=${olderCursor}`} rel="next">
              {t('notifications.older')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
