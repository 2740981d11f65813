import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { ErrorSummary, SelectField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

export interface DirectoryEntryView {
  slug: string;
  name: string;
  kind: string;
  regionName: string | null;
  parentName: string | null;
  memberCount: number;
}

export interface DirectoryPageProps {
  ctx: RequestContext;
  filters: FormState;
  regionOptions: Array<[string, string]>;
  kindOptions: Array<[string, string]>;
  entries: DirectoryEntryView[];
  total: number;
  page: number;
  pageCount: number;
  /** The query string of the current filters (without page), for pagination links. */
  filterQuery: string;
  /** When the directory shows one organization's sub-organizations. */
  parent: { slug: string; name: string } | null;
  canCreateTopLevel: boolean;
}

/** The organization directory: filters by region (with sub-regions) and kind, one page of organizations. */
export function DirectoryPage(props: DirectoryPageProps) {
  const { ctx, filters, entries } = props;
  const { t, lang } = ctx;
  const pageHref = (page: number) => href(ctx, `/organizations?${props.filterQuery}${props.filterQuery ? '&' : ''}page=${page}`);
  return (
    <Layout ctx={ctx} title={t('organizations.directory.title')} description={t('organizations.directory.lead')}>
      <PageHeader
        title={t('organizations.directory.title')}
        lead={t('organizations.directory.lead')}
        actions={
          props.canCreateTopLevel && (
            <a class="button" href={href(ctx, '/organizations/new')}>
              {t('organizations.directory.createTopLevel')}
            </a>
          )
        }
      />
      <form
        method="get"
        action={href(ctx, '/organizations')}
        class="filters"
        role="search"
        aria-label={t('organizations.directory.filters')}
      >
        <ErrorSummary ctx={ctx} form={filters} />
        <SelectField form={filters} name="region" label={t('common.region')} options={props.regionOptions} emptyLabel={t('common.all')} />
        <SelectField
          form={filters}
          name="kind"
          label={t('organizations.form.kind')}
          options={props.kindOptions}
          emptyLabel={t('common.all')}
        />
        {props.parent && filters.values.parent && <input type="hidden" name="parent" value={filters.values.parent} />}
        <button type="submit" class="button button--secondary">
          {t('common.filter')}
        </button>
        {props.filterQuery && <a href={href(ctx, '/organizations')}>{t('common.clearFilters')}</a>}
      </form>
      {props.parent && (
        <p>
          {t('organizations.directory.childrenOf')}{' '}
          <a href={href(ctx, `/organizations/${props.parent.slug}`)}>
            <bdi>{props.parent.name}</bdi>
          </a>
        </p>
      )}
      <p class="muted" aria-live="polite">
        {t('common.showing', { count: props.total })}
      </p>
      {entries.length === 0 ? (
        <p class="card">{t('organizations.directory.empty')}</p>
      ) : (
        <ul class="list-plain org-directory">
          {entries.map((entry) => (
            <li class="card org-card">
              <h2 class="org-card__name">
                <a href={href(ctx, `/organizations/${entry.slug}`)} dir="auto">
                  {entry.name}
                </a>
              </h2>
              <p class="meta">
                <span class="badge">{entry.kind}</span>
                {entry.regionName && (
                  <span>
                    {t('common.region')}: <bdi>{entry.regionName}</bdi>
                  </span>
                )}
                {entry.parentName && (
                  <span>
                    {t('organizations.page.parent')}: <bdi>{entry.parentName}</bdi>
                  </span>
                )}
                <span>{t('organizations.page.memberCount', { count: entry.memberCount })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.pageCount > 1 && (
        <nav class="pagination" aria-label={t('organizations.directory.pages')}>
          {props.page > 1 && (
            <a href={pageHref(props.page - 1)} rel="prev">
              {t('common.previous')}
            </a>
          )}
          <span>
            {t('organizations.directory.pageOf', { page: formatNumber(props.page, lang), pages: formatNumber(props.pageCount, lang) })}
          </span>
          {props.page < props.pageCount && (
            <a href={pageHref(props.page + 1)} rel="next">
              {t('common.next')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
