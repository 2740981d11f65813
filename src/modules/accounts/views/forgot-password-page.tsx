import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

/** Asks for the account's email address to mail a reset link; says phone-only accounts cannot use it. */
export function ForgotPasswordPage({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.forgot.title')} noindex>
      <PageHeader title={t('accounts.forgot.title')} lead={t('accounts.forgot.lead')} />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, '/password/forgot')}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField
            form={form}
            name="email"
            type="email"
            label={t('accounts.fields.email')}
            required
            autocomplete="email"
            inputMode="email"
            maxLength={254}
          />
          <p>
            <SubmitButton>{t('accounts.forgot.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
      <p class="muted">{t('accounts.forgot.phoneOnly')}</p>
      <p>
        <a href={href(ctx, '/login')}>{t('accounts.login.title')}</a>
      </p>
    </Layout>
  );
}
