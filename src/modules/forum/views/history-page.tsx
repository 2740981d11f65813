import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { Breadcrumbs, Time, type Crumb } from './parts.tsx';

/** Earlier versions of a post, newest first. */
export function HistoryPage({
  ctx,
  crumbs,
  revisions,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  revisions: Array<{ title: string | null; body: string; at: Date }>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.history')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.history')} />
      <ol class="list-plain">
        {revisions.map((r) => (
          <li class="card">
            <p class="meta">
              {t('forum.history.before')} <Time ctx={ctx} value={r.at} />
            </p>
            {r.title && (
              <p dir="auto">
                <strong>{r.title}</strong>
              </p>
            )}
            <pre class="forum-source" dir="auto">
              {r.body}
            </pre>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
