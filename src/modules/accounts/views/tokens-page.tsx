import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatDateTime, isoDateTime } from '../../../core/dates.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { TOKEN_NAME_MAX } from '../schemas.ts';
import { AccountNav } from './parts.tsx';

/** One token in the list: never its secret. */
export interface TokenView {
  id: number;
  name: string;
  createdAt: Date;
}

/** The person's API tokens, the form to create one, and a just-created token's secret (shown once). */
export function TokensPage({
  ctx,
  form,
  tokens,
  created,
}: {
  ctx: RequestContext;
  form: FormState;
  tokens: TokenView[];
  created?: { name: string; token: string };
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.tokens.title')} noindex>
      <PageHeader title={t('accounts.tokens.title')} lead={t('accounts.tokens.lead')} />
      <AccountNav ctx={ctx} current="tokens" />
      {created && (
        <section class="card token-created" role="status">
          <h2>{t('accounts.tokens.newTitle', { name: '\u2068' + created.name + '\u2069' })}</h2>
          <p>
            <strong>{t('accounts.tokens.newWarning')}</strong>
          </p>
          <p>
            <code class="token-secret" dir="ltr">
              {created.token}
            </code>
          </p>
        </section>
      )}
      <section class="card account-card">
        <h2>{t('accounts.tokens.create')}</h2>
        <Form ctx={ctx} action={href(ctx, '/account/tokens')}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextField
            form={form}
            name="name"
            label={t('accounts.tokens.name')}
            hint={t('accounts.tokens.nameHint')}
            required
            maxLength={TOKEN_NAME_MAX}
          />
          <p>
            <SubmitButton>{t('accounts.tokens.create')}</SubmitButton>
          </p>
        </Form>
      </section>
      <section class="card">
        <h2>{t('accounts.tokens.listTitle')}</h2>
        {tokens.length === 0 ? (
          <p class="muted">{t('accounts.tokens.none')}</p>
        ) : (
          <ul class="list-plain token-list">
            {tokens.map((token) => (
              <li>
                <div>
                  <bdi class="token-list__name">{token.name}</bdi>
                  <p class="meta">
                    {t('accounts.tokens.created')}:{' '}
                    <time datetime={isoDateTime(token.createdAt)}>{formatDateTime(token.createdAt, ctx.lang)}</time>
                  </p>
                </div>
                <form
                  method="post"
                  action={href(ctx, `/account/tokens/${token.id}/revoke`)}
                  class="inline-form"
                  data-confirm={t('accounts.tokens.revokeConfirm')}
                >
                  <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                  <button type="submit" class="button button--secondary button--small">
                    {t('accounts.tokens.revoke')}
                    <span class="visually-hidden">
                      {' '}
                      <bdi>{token.name}</bdi>
                    </span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
