import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import type { TopicListItem } from '../presenters.ts';
import { Breadcrumbs, CursorPagination, TopicList } from './parts.tsx';

/** Questions waiting for an official answer, oldest first. */
export function UnansweredPage({
  ctx,
  organization,
  topics,
  next,
}: {
  ctx: RequestContext;
  organization: { slug: string; name: string };
  topics: TopicListItem[];
  next: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.unanswered.title')} noindex>
      <Breadcrumbs
        ctx={ctx}
        items={[
          { label: t('forum.organization.title', { organization: organization.name }), path: `/organizations/${organization.slug}/forum` },
        ]}
      />
      <PageHeader title={t('forum.unanswered.title')} lead={t('forum.unanswered.lead')} />
      <TopicList ctx={ctx} topics={topics} showCategory />
      <CursorPagination ctx={ctx} first={null} next={next} />
    </Layout>
  );
}
