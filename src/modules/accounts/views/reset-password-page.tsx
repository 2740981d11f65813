import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { NewPasswordFields } from './parts.tsx';

/** The form reached from the emailed link. The token stays in the address; the form posts back to it. */
export function ResetPasswordPage({ ctx, form, token }: { ctx: RequestContext; form: FormState; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.reset.title')} noindex>
      <PageHeader title={t('accounts.reset.title')} lead={t('accounts.reset.lead')} />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, `/password/reset/${encodeURIComponent(token)}`)}>
          <ErrorSummary ctx={ctx} form={form} />
          <NewPasswordFields ctx={ctx} form={form} name="password" confirmationName="passwordConfirmation" />
          <p>
            <SubmitButton>{t('accounts.reset.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
    </Layout>
  );
}
