import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { FLAG_REASONS } from '../commands/flag-post.ts';
import { Breadcrumbs, type Crumb } from './parts.tsx';

/** Flagging a post for the moderators. */
export function FlagPage({ ctx, crumbs, form, action }: { ctx: RequestContext; crumbs: Crumb[]; form: FormState; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.flag.title')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.flag.title')} lead={t('forum.flag.lead')} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField
          form={form}
          name="reason"
          label={t('forum.flag.reason')}
          options={FLAG_REASONS.map((r) => [r, t(`forum.flag.reasons.${r}`)])}
          required
        />
        <TextArea form={form} name="note" label={t('forum.flag.note')} rows={3} maxLength={1000} />
        <SubmitButton>{t('forum.flag.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
