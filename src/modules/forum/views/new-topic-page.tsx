import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, ErrorSummary, FileField, Form, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { MAX_POST_LENGTH, MAX_TITLE_LENGTH } from '../schemas.ts';
import { Breadcrumbs, type Crumb } from './parts.tsx';

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
        <TextArea
          form={form}
          name="body"
          label={t('forum.post.body')}
          hint={t('forum.post.bodyHint')}
          rows={8}
          maxLength={MAX_POST_LENGTH}
          required
        />
        <CheckboxField form={form} name="anonymous" label={t('forum.post.anonymous')} hint={t('forum.post.anonymousHint')} />
        <FileField
          form={form}
          name="images"
          label={t('forum.post.images')}
          hint={t('forum.post.imagesHint')}
          accept="image/jpeg,image/png,image/webp,image/gif"
          multiple
        />
        <SubmitButton>{t('forum.topic.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
