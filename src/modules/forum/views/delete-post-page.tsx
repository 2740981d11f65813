import type { RequestContext } from '../../../core/context.ts';
import { Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { Breadcrumbs, type Crumb } from './parts.tsx';

/** Confirming the deletion of one's own post. */
export function DeletePostPage({
  ctx,
  crumbs,
  action,
  cancel,
  wholeTopic,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  action: string;
  cancel: string;
  wholeTopic: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.deleteTitle')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.deleteTitle')} lead={wholeTopic ? t('forum.post.deleteTopicLead') : t('forum.post.deleteLead')} />
      <Form ctx={ctx} action={action}>
        <SubmitButton variant="danger">{t('forum.post.deleteConfirm')}</SubmitButton> <a href={cancel}>{t('common.cancel')}</a>
      </Form>
    </Layout>
  );
}
