import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { MAX_TITLE_LENGTH } from '../schemas.ts';
import { Breadcrumbs, NewPostExtras, PostBodyField, type Crumb } from './parts.tsx';

/** Starting a topic in a category. */
export function NewTopicPage({
  ctx,
  category,
  crumbs,
  form,
  action,
}: {
  ctx: RequestContext;
  category: string;
  crumbs: Crumb[];
  form: FormState;
  action: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.topic.new')} noindex scripts={['forum.js']}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.topic.new')} lead={category} />
      <Form ctx={ctx} action={action} multipart>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField form={form} name="title" label={t('forum.topic.titleLabel')} maxLength={MAX_TITLE_LENGTH} required />
        <PostBodyField ctx={ctx} form={form} />
        <NewPostExtras ctx={ctx} form={form} />
        <SubmitButton>{t('forum.topic.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
