import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatLongDate } from '../../../core/dates.ts';
import { ErrorSummary, Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AccountNav, LanguageField, NameField } from './parts.tsx';

/** What the profile page shows about the signed-in person. */
export interface AccountView {
  email: string | null;
  phone: string | null;
  createdAt: Date;
}

/** The profile: how the person logs in, and a form for their name and preferred language. */
export function AccountPage({ ctx, form, account }: { ctx: RequestContext; form: FormState; account: AccountView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.account.title')} noindex>
      <PageHeader
        title={t('accounts.account.title')}
        lead={t('accounts.account.memberSince', { date: formatLongDate(account.createdAt, ctx.lang) })}
      />
      <AccountNav ctx={ctx} current="profile" />
      <section class="card account-card">
        <h2>{t('accounts.account.signIn')}</h2>
        <dl class="account-identifiers">
          {account.email && (
            <>
              <dt>{t('accounts.fields.email')}</dt>
              <dd dir="ltr">{account.email}</dd>
            </>
          )}
          {account.phone && (
            <>
              <dt>{t('accounts.fields.phone')}</dt>
              <dd dir="ltr">{account.phone}</dd>
            </>
          )}
        </dl>
        {!account.email && <p class="muted">{t('accounts.account.noEmail')}</p>}
      </section>
      <section class="card account-card">
        <h2>{t('accounts.account.profile')}</h2>
        <Form ctx={ctx} action={href(ctx, '/account')}>
          <ErrorSummary ctx={ctx} form={form} />
          <NameField ctx={ctx} form={form} />
          <LanguageField ctx={ctx} form={form} />
          <p>
            <SubmitButton>{t('common.save')}</SubmitButton>
          </p>
        </Form>
      </section>
    </Layout>
  );
}
