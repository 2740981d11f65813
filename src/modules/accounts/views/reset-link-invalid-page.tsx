import type { RequestContext } from '../../../core/context.ts';
import { Layout, href } from '../../../ui/layout.tsx';

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
