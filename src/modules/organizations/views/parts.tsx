import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, SelectField } from '../../../ui/form.tsx';
import { href } from '../../../ui/layout.tsx';
import type { AuditEntryView } from '../presenters.ts';

export interface AuditLogProps {
  ctx: RequestContext;
  /** The page's path after the language (the filter form gets it, pagination links too). */
  path: string;
  filters: FormState;
  actionOptions: Array<[string, string]>;
  actorOptions: Array<[string, string]>;
  entries: AuditEntryView[];
  /** The query string of the filters (without "before"), for the "older" link. */
  filterQuery: string;
  nextBefore: number | null;
  /** Show the organization column (the platform-wide log). */
  showOrganization?: boolean;
}

/** An audit log with its filters: who did what, when, from where. Shared by organizations and the platform admin. */
export function AuditLog(props: AuditLogProps) {
  const { ctx, filters } = props;
  const { t } = ctx;
  const olderHref = props.nextBefore
    ? href(ctx, `${props.path}?${props.filterQuery}${props.filterQuery ? '&' : ''}before=${props.nextBefore}`)
    : null;
  return (
    <>
      <form method="get" action={href(ctx, props.path)} class="filters" aria-label={t('organizations.audit.filters')}>
        <ErrorSummary ctx={ctx} form={filters} />
        <SelectField
          form={filters}
          name="action"
          label={t('organizations.audit.action')}
          options={props.actionOptions}
          emptyLabel={t('common.all')}
        />
        <SelectField
          form={filters}
          name="actor"
          label={t('organizations.audit.actor')}
          options={props.actorOptions}
          emptyLabel={t('common.all')}
        />
        <DateField ctx={ctx} form={filters} name="from" label={t('organizations.audit.from')} />
        <DateField ctx={ctx} form={filters} name="to" label={t('organizations.audit.to')} />
        <button type="submit" class="button button--secondary">
          {t('common.filter')}
        </button>
        {props.filterQuery && <a href={href(ctx, props.path)}>{t('common.clearFilters')}</a>}
      </form>
      {props.entries.length === 0 ? (
        <p class="card">{t('organizations.audit.empty')}</p>
      ) : (
        <ol class="list-plain audit-list" aria-label={t('organizations.audit.caption')}>
          {props.entries.map((e) => (
            <li class="card audit-entry">
              <p class="audit-entry__what">
                <strong>{e.actionLabel ?? <code dir="ltr">{e.action}</code>}</strong>
                {e.subjectName && (
                  <>
                    {' · '}
                    <bdi>{e.subjectName}</bdi>
                  </>
                )}
              </p>
              <dl class="audit-details">
                <dt>{t('organizations.audit.when')}</dt>
                <dd>
                  <time datetime={e.atIso}>{e.at}</time>
                </dd>
                <dt>{t('organizations.audit.actor')}</dt>
                <dd>{e.actorName ? <bdi>{e.actorName}</bdi> : t('organizations.audit.system')}</dd>
                {props.showOrganization && e.organizationSlug && (
                  <>
                    <dt>{t('common.organization')}</dt>
                    <dd>
                      <a href={href(ctx, `/organizations/${e.organizationSlug}`)}>
                        <bdi>{e.organizationName}</bdi>
                      </a>
                    </dd>
                  </>
                )}
                {e.details.map((d) => (
                  <>
                    <dt>{d.label}</dt>
                    <dd>
                      <bdi>{d.value}</bdi>
                    </dd>
                  </>
                ))}
                <dt>{t('organizations.audit.ip')}</dt>
                <dd dir="ltr">{e.ip ?? '—'}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {olderHref && (
        <nav class="pagination" aria-label={t('organizations.audit.pages')}>
          <a href={olderHref} rel="next">
            {t('common.older')}
          </a>
        </nav>
      )}
    </>
  );
}
