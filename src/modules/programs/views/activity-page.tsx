import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { formatDate } from '../../../core/dates.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ProgramRow, ReportRow } from '../queries/index.ts';
import type { ActivityProgress } from '../domain/progress.ts';
import type { ActivityDetailView } from '../presenters.ts';
import { ProgressValue, RegionProgressHead, StatusBadge, dateRange, nameList, num } from './parts.tsx';

/** One activity: what, where, when, who, targets, progress per region, and the reports the viewer may see. */
export function ActivityPage(props: {
  ctx: RequestContext;
  program: ProgramRow;
  activity: ActivityDetailView;
  progress: ActivityProgress;
  reports: ReportRow[];
  can: { edit: boolean; report: boolean };
}) {
  const { ctx, program, activity, progress } = props;
  const { t, lang } = ctx;
  const base = `/programs/${program.id}`;
  const title = t('programs.activity.numbered', { number: activity.number, title: activity.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={href(ctx, base)} dir="auto">
          {program.title}
        </a>
      </p>
      <PageHeader
        title={title}
        actions={
          <>
            {props.can.edit && (
              <a class="button button--secondary" href={href(ctx, `${base}/activities/${activity.number}/edit`)}>
                {t('common.edit')}
              </a>
            )}
            {props.can.report && (
              <a class="button" href={href(ctx, `${base}/activities/${activity.number}/reports/new`)}>
                {t('programs.report.new')}
              </a>
            )}
          </>
        }
      />
      <div class="card">
        <dl class="programs-facts">
          <dt>{t('programs.activity.type')}</dt>
          <dd>{t(`programs.activityType.${activity.type}`)}</dd>
          <dt>{t('common.status')}</dt>
          <dd>
            <StatusBadge ctx={ctx} kind="activity" status={activity.status} />
          </dd>
          <dt>{t('programs.activity.lead')}</dt>
          <dd>
            <bdi>{pickLocalized(activity.lead.name, lang)}</bdi>
          </dd>
          <dt>{t('programs.activity.partners')}</dt>
          <dd>{nameList(ctx, activity.partners)}</dd>
          <dt>{t('programs.activity.when')}</dt>
          <dd>{dateRange(ctx, activity.startsOn, activity.endsOn)}</dd>
          <dt>{t('programs.activity.responsible')}</dt>
          <dd>{activity.responsibleName ? <bdi>{activity.responsibleName}</bdi> : t('common.none')}</dd>
          <dt>{t('programs.activity.budget')}</dt>
          <dd>{activity.budget === null ? '—' : `${num(activity.budget, lang)} ${activity.budgetCurrency ?? ''}`}</dd>
          <dt>{t('programs.progress.overall')}</dt>
          <dd>
            <ProgressValue ctx={ctx} value={progress.overall} label={t('programs.progress.overall')} />
          </dd>
        </dl>
        {activity.description && <p dir="auto">{activity.description}</p>}
        {activity.publicNotes && (
          <p dir="auto">
            <strong>{t('programs.activity.publicNotes')}: </strong>
            {activity.publicNotes}
          </p>
        )}
        {activity.internalNotes && (
          <p dir="auto" class="programs-internal">
            <strong>{t('programs.activity.internalNotes')}: </strong>
            {activity.internalNotes}
          </p>
        )}
      </div>
      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">{t('programs.target.heading')}</h2>
        {activity.targets.length === 0 ? (
          <p class="card">{t('programs.target.none')}</p>
        ) : (
          <ul class="card list-plain">
            {activity.targets.map((target) => (
              <li>
                {num(target.amount, lang)} <bdi>{target.unitLabel}</bdi>{' '}
                <span class="meta">
                  ({t(`programs.measure.${target.measure}`)} · {t(`programs.scope.${target.scope}`)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="regions-heading">
        <h2 id="regions-heading">{t('programs.progress.byRegion')}</h2>
        <div class="table-wrap programs-region-table">
          <table>
            <RegionProgressHead ctx={ctx} />
            <tbody>
              {activity.regions.map((r) => (
                <tr>
                  <th scope="row">
                    <bdi>{pickLocalized(r.name, lang)}</bdi>
                  </th>
                  <td>
                    <ProgressValue ctx={ctx} value={progress.byRegion.get(r.id) ?? 0} label={pickLocalized(r.name, lang)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('programs.report.heading')}</h2>
        {props.reports.length === 0 ? (
          <p class="card">{t('programs.report.none')}</p>
        ) : (
          <ul class="list-plain card">
            {props.reports.map((r) => (
              <li>
                <a href={href(ctx, `${base}/reports/${r.id}`)}>
                  {t('programs.report.summary', { region: pickLocalized(r.regionName, lang), date: formatDate(r.heldOn, lang) })}
                </a>{' '}
                <StatusBadge ctx={ctx} kind="report" status={r.status} />
                <p class="meta">
                  {t('programs.report.by', { name: r.reporterName ?? '—' })} · {t('programs.measure.beneficiaries')}:{' '}
                  {num(r.beneficiaries, lang)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
