import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

/** The login form; `next` (already checked to be a local path) rides along in the form's address. */
export function LogInPage({ ctx, form, next }: { ctx: RequestContext; form: FormState; next: string | null }) {
  const { t } = ctx;
  const action = href(ctx, '/login') + (next ? `?next=${encodeURIComponent(next)}` : '');
  return (
    <Layout ctx={ctx} title={t('accounts.login.title')} noindex>
      <PageHeader title={t('accounts.login.title')} />
      <div class="card account-card">
        <Form ctx={ctx} action={action}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField
            form={form}
            name="identifier"
            label={t('accounts.fields.identifier')}
            required
            autocomplete="username"
            dir="ltr"
            maxLength={254}
          />
          <TextField
            form={form}
            name="password"
            type="password"
            label={t('accounts.fields.password')}
            required
            autocomplete="current-password"
          />
          <p>
            <SubmitButton>{t('accounts.login.submit')}</SubmitButton>
          </p>
        </Form>
      </div>
      <ul class="list-inline">
        <li>
          <a href={href(ctx, '/password/forgot')}>{t('accounts.login.forgot')}</a>
        </li>
        <li>
          {t('accounts.login.noAccount')} <a href={href(ctx, '/signup')}>{t('accounts.signUp.title')}</a>
        </li>
      </ul>
    </Layout>
  );
}
