import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { LanguageField, NameField } from './parts.tsx';

/** The sign-up form: name, email and/or phone, password, preferred language. */
export function SignUpPage({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.signUp.title')} noindex>
      <PageHeader title={t('accounts.signUp.title')} lead={t('accounts.signUp.lead')} />
      <div class="card account-card">
        <Form ctx={ctx} action={href(ctx, '/signup')}>
          <ErrorSummary ctx={ctx} form={form} />
          <NameField ctx={ctx} form={form} />
          <TextField
            form={form}
            name="email"
            type="email"
            label={t('accounts.fields.email')}
            hint={t('accounts.signUp.emailHint')}
            autocomplete="email"
            inputMode="email"
          />
          <TextField
            form={form}
            name="phone"
            type="tel"
            label={t('accounts.fields.phone')}
            hint={t('accounts.fields.phoneHint')}
            autocomplete="tel"
            inputMode="tel"
          />
          <TextField
            form={form}
            name="password"
            type="password"
            label={t('accounts.fields.password')}
            hint={t('accounts.fields.passwordHint')}
            required
            autocomplete="new-password"
          />
          <LanguageField ctx={ctx} form={form} />
          <p>
            <SubmitButton>{t('accounts.signUp.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
      <p>
        {t('accounts.signUp.haveAccount')} <a href={href(ctx, '/login')}>{t('accounts.login.title')}</a>
      </p>
    </Layout>
  );
}
