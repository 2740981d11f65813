import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AdminNav } from './parts.tsx';

export interface OutboxEntryView {
  id: number;
  date: string;
  dateIso: string;
  recipient: string;
  subject: string;
  body: string;
  status: 'sent' | 'held' | 'failed';
  error: string | null;
}

/** Mail the platform kept (no SMTP server configured) or failed to send, for an administrator to read and pass on. */
export function OutboxPage({
  ctx,
  entries,
  nextBefore,
  smtpConfigured,
}: {
  ctx: RequestContext;
  entries: OutboxEntryView[];
  nextBefore: number | null;
  smtpConfigured: boolean;
}) {
  const { t } = ctx;
  const badge = { sent: 'badge badge--success', held: 'badge badge--warning', failed: 'badge badge--danger' } as const;
  return (
    <Layout ctx={ctx} title={t('admin.outbox.title')} noindex>
      <PageHeader title={t('admin.outbox.title')} lead={smtpConfigured ? t('admin.outbox.leadSmtp') : t('admin.outbox.leadNoSmtp')} />
      <AdminNav ctx={ctx} />
      {entries.length === 0 ? (
        <p class="card">{t('admin.outbox.empty')}</p>
      ) : (
        <ul class="list-plain outbox">
          {entries.map((m) => (
            <li class="card outbox__message">
              <h2 class="outbox__subject" dir="auto">
                {m.subject}
              </h2>
              <p class="meta">
                <span>
                  {t('admin.outbox.to')} <span dir="ltr">{m.recipient}</span>
                </span>
                <time datetime={m.dateIso}>{m.date}</time>
                <span class={badge[m.status]}>{t(`admin.outbox.status.${m.status}`)}</span>
              </p>
              {m.error && (
                <p class="muted" dir="ltr">
                  {m.error}
                </p>
              )}
              {m.body ? (
                <pre class="outbox__body" dir="auto">
                  {m.body}
                </pre>
              ) : (
                <p class="muted">{t('admin.outbox.noBody')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextBefore && (
        <nav class="pagination" aria-label={t('admin.outbox.pages')}>
          <a href={href(ctx, `/admin/outbox?before=${nextBefore}`)} rel="next">
            {t('common.older')}
          </a>
        </nav>
      )}
    </Layout>
  );
}
