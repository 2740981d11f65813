import type { RequestContext } from '../../../core/context.ts';
import { formatLongDate } from '../../../core/dates.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Layout, href } from '../../../ui/layout.tsx';
import type { WorkItemView, WorkView } from '../presenters.ts';

/** The front page: what Unionhall is, today's date in the page's calendar, and (signed in) what waits for the person. */
export function HomePage({ ctx, work }: { ctx: RequestContext; work: WorkView | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      <section class={work ? 'hero hero--compact' : 'hero'}>
        <h1>{t('home.heading')}</h1>
        {!work && <p class="lead">{t('home.lead')}</p>}
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
      {work && <MyWork ctx={ctx} work={work} />}
    </Layout>
  );
}

/** "My work": one card per kind of thing that waits, the first few items linked to where each is done, and the next deadlines. */
function MyWork({ ctx, work }: { ctx: RequestContext; work: WorkView }) {
  const { t } = ctx;
  return (
    <section class="my-work" aria-labelledby="my-work-heading">
      <h2 id="my-work-heading">{t('home.work.heading')}</h2>
      {work.sections.length === 0 ? (
        <p class="card">{t('home.work.nothing')}</p>
      ) : (
        <div class="work-sections">
          {work.deadlines.length > 0 && (
            <section class="card work-section" id="work-deadlines" aria-labelledby="work-deadlines-heading">
              <h3 id="work-deadlines-heading">{t('home.work.deadlines')}</h3>
              <ul class="list-plain work-list">
                {work.deadlines.map((item) => (
                  <WorkEntry ctx={ctx} item={item} />
                ))}
              </ul>
            </section>
          )}
          {work.sections.map((section) => (
            <section class="card work-section" id={`work-${section.kind}`} aria-labelledby={`work-${section.kind}-heading`}>
              <h3 id={`work-${section.kind}-heading`}>
                <span>{t(`home.work.section.${section.kind}`)}</span>
                <span class="badge">{formatNumber(section.count, ctx.lang)}</span>
              </h3>
              <ul class="list-plain work-list">
                {section.items.map((item) => (
                  <WorkEntry ctx={ctx} item={item} />
                ))}
              </ul>
              {section.allPath ? (
                <a class="work-section__all" href={href(ctx, section.allPath)}>
                  {t('home.work.all', { count: section.count })}
                </a>
              ) : (
                section.more > 0 && <p class="muted">{t('home.work.more', { count: section.more })}</p>
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function WorkEntry({ ctx, item }: { ctx: RequestContext; item: WorkItemView }) {
  const { t } = ctx;
  return (
    <li>
      <p class="work-item__title">
        <a href={href(ctx, item.path)}>
          <bdi>{item.title}</bdi>
        </a>
      </p>
      <p class="muted work-item__meta">
        {item.context.map((part, i) => (
          <>
            {i > 0 && ' · '}
            <bdi>{part}</bdi>
          </>
        ))}
        {item.due && (
          <>
            {' · '}
            {t('home.work.due')} <time datetime={item.due.iso}>{item.due.text}</time>
            {item.due.overdue && (
              <>
                {' '}
                <span class="badge badge--danger">{t('home.work.overdue')}</span>
              </>
            )}
          </>
        )}
        {!item.due && item.since && (
          <>
            {' · '}
            {t('home.work.since')} <time datetime={item.since.iso}>{item.since.text}</time>
          </>
        )}
      </p>
    </li>
  );
}
