import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AccountNav, NewPasswordFields } from './parts.tsx';

/** Change password for a signed-in person: current password, then the new one twice. */
export function ChangePasswordPage({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.password.title')} noindex>
      <PageHeader title={t('accounts.password.title')} lead={t('accounts.password.lead')} />
      <AccountNav ctx={ctx} current="password" />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, '/account/password')}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField
            form={form}
            name="currentPassword"
            type="password"
            label={t('accounts.fields.currentPassword')}
            required
            autocomplete="current-password"
          />
          <NewPasswordFields ctx={ctx} form={form} name="newPassword" confirmationName="newPasswordConfirmation" />
          <p>
            <SubmitButton>{t('accounts.password.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
    </Layout>
  );
}
