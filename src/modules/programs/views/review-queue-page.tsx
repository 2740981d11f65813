import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, SelectField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { activityLabel, type QueueItemView } from '../presenters.ts';
import type { Option } from './parts.tsx';

/** Reports waiting for the viewer's review, oldest filed first, with filters that work without JavaScript. */
export function ReviewQueuePage(props: {
  ctx: RequestContext;
  filters: FormState;
  /** The filters' query string (without "after"), for the next page's link. */
  filterQuery: string;
  total: number;
  items: QueueItemView[];
  nextAfter: number | null;
  organizationOptions: Option[];
  programOptions: Option[];
  regionOptions: Option[];
}) {
  const { ctx, filters, items } = props;
  const { t } = ctx;
  const nextHref =
    props.nextAfter === null ? null : href(ctx, `/reviews?${props.filterQuery}${props.filterQuery ? '&' : ''}after=${props.nextAfter}`);
  return (
    <Layout ctx={ctx} title={t('programs.queue.title')} noindex>
      <PageHeader title={t('programs.queue.title')} lead={t('programs.queue.lead')} />
      <form method="get" action={href(ctx, '/reviews')} class="filters queue-filters" aria-label={t('programs.queue.filters')}>
        <ErrorSummary ctx={ctx} form={filters} />
        <SelectField
          form={filters}
          name="organization"
          label={t('common.organization')}
          options={props.organizationOptions}
          emptyLabel={t('common.all')}
        />
        <SelectField
          form={filters}
          name="program"
          label={t('programs.queue.program')}
          options={props.programOptions}
          emptyLabel={t('common.all')}
        />
        <SelectField form={filters} name="region" label={t('common.region')} options={props.regionOptions} emptyLabel={t('common.all')} />
        <SelectField
          form={filters}
          name="status"
          label={t('common.status')}
          options={[
            ['submitted', t('programs.queue.submitted')],
            ['resubmitted', t('programs.queue.resubmitted')],
          ]}
          emptyLabel={t('common.all')}
        />
        <button type="submit" class="button button--secondary">
          {t('common.filter')}
        </button>
        {props.filterQuery && <a href={href(ctx, '/reviews')}>{t('common.clearFilters')}</a>}
      </form>
      <p class="queue-total" role="status">
        {t('programs.report.pendingCount', { count: props.total })}
      </p>
      {items.length === 0 ? (
        <p class="card">{t('programs.queue.empty')}</p>
      ) : (
        <ol class="list-plain queue-list" aria-label={t('programs.queue.title')}>
          {items.map((item) => (
            <li class="card queue-item" data-report-id={item.id}>
              <p class="queue-item__title">
                <a href={href(ctx, item.path)}>
                  <bdi>{activityLabel(t, item.activityNumber, item.activityTitle)}</bdi>
                </a>{' '}
                <span class={`badge ${item.resubmitted ? 'badge--danger' : 'badge--warning'}`}>
                  {t(item.resubmitted ? 'programs.queue.resubmitted' : 'programs.queue.submitted')}
                </span>
              </p>
              <p class="muted queue-item__meta">
                <bdi>{item.programTitle}</bdi>
                {' · '}
                <bdi>{item.regionName}</bdi>
              </p>
              <p class="muted queue-item__meta">
                {t('programs.queue.heldOn')} <time datetime={item.heldOnIso}>{item.heldOn}</time>
                {' · '}
                {t('programs.queue.filedOn')} <time datetime={item.filedIso}>{item.filedOn}</time>
                {item.reporterName && (
                  <>
                    {' · '}
                    <bdi>{item.reporterName}</bdi>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextHref && (
        <nav class="pagination" aria-label={t('programs.queue.pages')}>
          <a href={href(ctx, `/reviews${props.filterQuery ? `?${props.filterQuery}` : ''}`)}>{t('programs.queue.first')}</a>
          <a href={nextHref} rel="next">
            {t('common.next')}
          </a>
        </nav>
      )}
    </Layout>
  );
}
