import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import type { TopicListItem } from '../presenters.ts';
import { CursorPagination, TopicList } from './parts.tsx';

/** The latest topics across every category the viewer may read. */
export function LatestPage({
  ctx,
  topics,
  first,
  next,
}: {
  ctx: RequestContext;
  topics: TopicListItem[];
  first: string | null;
  next: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.latest.title')} description={t('forum.latest.lead')}>
      <PageHeader title={t('forum.latest.title')} lead={t('forum.latest.lead')} />
      <TopicList ctx={ctx} topics={topics} showCategory />
      <CursorPagination ctx={ctx} first={first} next={next} />
    </Layout>
  );
}
