import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { MAX_TITLE_LENGTH } from '../schemas.ts';
import { Breadcrumbs, PostBodyField, type Crumb } from './parts.tsx';

/** Editing one's own post (and the title, on a first post). */
export function EditPostPage({
  ctx,
  crumbs,
  form,
  action,
  withTitle,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  form: FormState;
  action: string;
  withTitle: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.editTitle')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.editTitle')} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        {withTitle && <TextField form={form} name="title" label={t('forum.topic.titleLabel')} maxLength={MAX_TITLE_LENGTH} required />}
        <PostBodyField ctx={ctx} form={form} />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
