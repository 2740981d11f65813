import type { RequestContext } from '../core/context.ts';
import { Layout, href } from './layout.tsx';

/** The page for any refused or failed request, in the user's language; never shows internals. */
export function ErrorPage({ ctx, status, messageId }: { ctx: RequestContext; status: number; messageId: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('errors.title', { status })} noindex>
      <section class="card error-page">
        <p class="error-page__status">{t('errors.title', { status })}</p>
        <h1>{t(messageId)}</h1>
        {status === 401 && (
          <p>
            <a class="button" href={href(ctx, '/login')}>
              {t('layout.logIn')}
            </a>
          </p>
        )}
        {status >= 500 && <p class="muted">{t('errors.reference', { id: ctx.requestId })}</p>}
        <p>
          <a href={href(ctx, '/')}>{t('errors.backHome')}</a>
        </p>
      </section>
    </Layout>
  );
}
