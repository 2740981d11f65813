import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { Breadcrumbs, type Crumb } from './parts.tsx';

/** A platform administrator reveals an anonymous author, with a reason; the result is shown once. */
export function RevealPage({
  ctx,
  crumbs,
  form,
  action,
  revealed,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  form: FormState;
  action: string;
  revealed: { name: string; userId: number } | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.reveal.title')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.reveal.title')} lead={t('forum.reveal.lead')} />
      {revealed ? (
        <section class="card" role="status">
          <p>{t('forum.reveal.result', { name: revealed.name, id: revealed.userId })}</p>
          <p class="muted">{t('forum.reveal.notified')}</p>
        </section>
      ) : (
        <Form ctx={ctx} action={action}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextArea
            form={form}
            name="reason"
            label={t('forum.reveal.reason')}
            hint={t('forum.reveal.reasonHint')}
            rows={3}
            maxLength={500}
            required
          />
          <SubmitButton variant="danger">{t('forum.reveal.submit')}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}
