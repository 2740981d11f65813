import type { RequestContext } from '../../../core/context.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { NotificationView } from '../presenters.ts';

export interface NotificationsPageProps {
  ctx: RequestContext;
  notifications: NotificationView[];
  unreadCount: number;
  /** True when unreadCount hit its cap (shown as "99+"). */
  unreadCapped: boolean;
  /** The cursor of the next (older) page, when there is one. */
  olderCursor: number | null;
  /** True on any page but the newest. */
  isOlderPage: boolean;
}

/** The signed-in person's notifications, newest first, unread ones marked, with "mark all read". */
export function NotificationsPage({ ctx, notifications, unreadCount, unreadCapped, olderCursor, isOlderPage }: NotificationsPageProps) {
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
      {notifications.length === 0 ? (
        <p class="muted">{t('notifications.empty')}</p>
      ) : (
        <ol class="list-plain notification-list" aria-label={t('notifications.listLabel')}>
          {notifications.map((n) => (
            <li class={n.unread ? 'notification notification--unread' : 'notification'}>
              <a class="notification__link" href={href(ctx, `/notifications/${n.id}`)}>
                {n.parts.map((part) => (typeof part === 'string' ? part : <bdi>{part.value}</bdi>))}
              </a>
              <span class="notification__meta meta">
                {n.unread && <span class="badge notification__badge">{t('notifications.unread')}</span>}
                <time datetime={n.createdAtIso}>{n.createdAt}</time>
              </span>
            </li>
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
