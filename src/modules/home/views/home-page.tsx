import type { RequestContext } from '../../../core/context.ts';
import { formatLongDate } from '../../../core/dates.ts';
import { Layout, href } from '../../../ui/layout.tsx';

/** The front page: what Unionhall is, today's date in the page's calendar, and where to go next. */
export function HomePage({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      <section class="hero">
        <h1>{t('home.heading')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <p class="muted">
          <time datetime={new Date().toISOString().slice(0, 10)} class="today">
            {formatLongDate(new Date(), ctx.lang)}
          </time>
        </p>
        {!ctx.user && (
          <p class="hero__actions">
            <a class="button" href={href(ctx, '/signup')}>
              {t('layout.signUp')}
            </a>
            <a class="button button--secondary" href={href(ctx, '/login')}>
              {t('layout.logIn')}
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}
