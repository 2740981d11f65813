import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

/** Paste a numbered list to create one draft activity per item. */
export function PastePage({
  ctx,
  form,
  action,
  programTitle,
}: {
  ctx: RequestContext;
  form: FormState;
  action: string;
  programTitle: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('programs.paste.title')} noindex>
      <PageHeader title={t('programs.paste.title')} lead={programTitle} />
      <Form ctx={ctx} action={href(ctx, action)}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextArea form={form} name="list" label={t('programs.paste.list')} hint={t('programs.paste.hint')} rows={14} required />
        <SubmitButton>{t('programs.paste.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
