import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { Breadcrumbs, type Crumb } from './parts.tsx';
import { ReplyForm } from './topic-page.tsx';

/** Replying on a page of its own (quoting a post, or after an invalid reply). */
export function ReplyPage({
  ctx,
  topicTitle,
  crumbs,
  form,
  action,
  quoting,
}: {
  ctx: RequestContext;
  topicTitle: string;
  crumbs: Crumb[];
  form: FormState;
  action: string;
  quoting: number | null;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('forum.reply.title')} noindex scripts={['forum.js']}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={topicTitle} />
      <ReplyForm ctx={ctx} action={action} form={form} quoting={quoting} />
    </Layout>
  );
}
