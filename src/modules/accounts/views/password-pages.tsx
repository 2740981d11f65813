import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AccountNav } from './parts.tsx';

/** Asks for the account's email address to mail a reset link; says phone-only accounts cannot use it. */
export function ForgotPasswordPage({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.forgot.title')} noindex>
      <PageHeader title={t('accounts.forgot.title')} lead={t('accounts.forgot.lead')} />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, '/password/forgot')}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField form={form} name="email" type="email" label={t('accounts.fields.email')} required autocomplete="email" inputMode="email" maxLength={254} />
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

/** The form reached from the emailed link. The token stays in the address; the form posts back to it. */
export function ResetPasswordPage({ ctx, form, token }: { ctx: RequestContext; form: FormState; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.reset.title')} noindex>
      <PageHeader title={t('accounts.reset.title')} lead={t('accounts.reset.lead')} />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, `/password/reset/${encodeURIComponent(token)}`)}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField form={form} name="password" type="password" label={t('accounts.fields.newPassword')} hint={t('accounts.fields.passwordHint')} required autocomplete="new-password" />
          <TextField form={form} name="passwordConfirmation" type="password" label={t('accounts.fields.newPasswordConfirmation')} required autocomplete="new-password" />
          <p>
            <SubmitButton>{t('accounts.reset.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
    </Layout>
  );
}

/** Shown for a used, expired or unknown reset link. */
export function ResetLinkInvalidPage({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.reset.invalidTitle')} noindex>
      <section class="card">
        <h1>{t('accounts.reset.invalidTitle')}</h1>
        <p>{t('accounts.reset.invalidText')}</p>
        <p>
          <a class="button" href={href(ctx, '/password/forgot')}>
            {t('accounts.reset.askAgain')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

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
          <TextField form={form} name="currentPassword" type="password" label={t('accounts.fields.currentPassword')} required autocomplete="current-password" />
          <TextField form={form} name="newPassword" type="password" label={t('accounts.fields.newPassword')} hint={t('accounts.fields.passwordHint')} required autocomplete="new-password" />
          <TextField form={form} name="newPasswordConfirmation" type="password" label={t('accounts.fields.newPasswordConfirmation')} required autocomplete="new-password" />
          <p>
            <SubmitButton>{t('accounts.password.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
    </Layout>
  );
}
