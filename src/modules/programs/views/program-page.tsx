import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { formatDate } from '../../../core/dates.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ProgramRow } from '../queries/index.ts';
import type { ActivitySummaryView, ProgressMatrix, ActivityTimingView } from '../presenters.ts';
import { BarChart, ProgramScopeFacts, ProgressValue, StatusBadge, dateRange, num, percent } from './parts.tsx';

export interface ProgramPageProps {
  ctx: RequestContext;
  program: ProgramRow;
  overall: number;
  activities: ActivitySummaryView[];
  matrix: ProgressMatrix;
  overdue: ActivityTimingView[];
  upcoming: ActivityTimingView[];
  agenda: Array<{ label: string; items: ActivitySummaryView[] }>;
  pendingReports: number;
  /** The viewer reviews reports: the waiting count links to the review queue, filtered to this program. */
  canReview: boolean;
  can: { edit: boolean; addActivity: boolean };
}

/** A program's dashboard: progress by activity and region, charts, overdue and upcoming items, calendar. */
export function ProgramPage(props: ProgramPageProps) {
  const { ctx, program, matrix } = props;
  const { t, lang } = ctx;
  const base = `/programs/${program.id}`;
  return (
    <Layout ctx={ctx} title={program.title}>
      <PageHeader
        title={program.title}
        lead={t('programs.program.ledBy', { organization: pickLocalized(program.lead.name, lang) })}
        actions={
          <>
            {props.can.edit && (
              <a class="button button--secondary" href={href(ctx, `${base}/edit`)}>
                {t('common.edit')}
              </a>
            )}
            {props.can.addActivity && (
              <>
                <a class="button" href={href(ctx, `${base}/activities/new`)}>
                  {t('programs.activity.new')}
                </a>
                <a class="button button--secondary" href={href(ctx, `${base}/activities/paste`)}>
                  {t('programs.paste.title')}
                </a>
              </>
            )}
          </>
        }
      />
      <div class="card programs-summary">
        <dl class="programs-facts">
          <dt>{t('common.status')}</dt>
          <dd>
            <StatusBadge ctx={ctx} kind="program" status={program.status} />
          </dd>
          <ProgramScopeFacts ctx={ctx} program={program} />
          <dt>{t('programs.progress.overall')}</dt>
          <dd>
            <ProgressValue ctx={ctx} value={props.overall} label={t('programs.progress.overall')} />
          </dd>
          {props.pendingReports > 0 && (
            <>
              <dt>{t('programs.report.pending')}</dt>
              <dd>
                {props.canReview ? (
                  <a href={href(ctx, `/reviews?program=${program.id}`)}>
                    {t('programs.report.pendingCount', { count: props.pendingReports })}
                  </a>
                ) : (
                  t('programs.report.pendingCount', { count: props.pendingReports })
                )}
              </dd>
            </>
          )}
        </dl>
        {program.description && (
          <p dir="auto" class="programs-description">
            {program.description}
          </p>
        )}
        <p class="programs-links">
          <a href={href(ctx, `${base}/print`)}>{t('programs.print.link')}</a>
          <a href={`/${lang}${base}/export.xlsx`}>{t('programs.export.xlsx')}</a>
          <a href={`/${lang}${base}/export.csv`}>{t('programs.export.csv')}</a>
          {program.isPublic && program.status !== 'draft' && <a href={href(ctx, `${base}/public`)}>{t('programs.public.link')}</a>}
        </p>
      </div>

      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t('programs.progress.byActivity')}</h2>
        {props.activities.length === 0 ? (
          <p class="card">{t('programs.activity.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="programs-matrix">
              <caption class="visually-hidden">{t('programs.progress.matrixCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programs.activity.number')}</th>
                  <th scope="col">{t('programs.activity.title')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">{t('programs.progress.overall')}</th>
                  {matrix.regions.map((r) => (
                    <th scope="col">
                      <bdi>{r.name}</bdi>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <tr>
                    <td class="num">{num(row.number, lang)}</td>
                    <th scope="row">
                      <a href={href(ctx, `${base}/activities/${row.number}`)} dir="auto">
                        {row.title}
                      </a>
                    </th>
                    <td>
                      <StatusBadge ctx={ctx} kind="activity" status={row.status} />
                    </td>
                    <td class="num">{percent(row.overall, lang)}</td>
                    {row.cells.map((cell) => (
                      <td class="num">
                        {cell === null ? <span aria-label={t('programs.progress.notHere')}>—</span> : percent(cell, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td />
                  <th scope="row">{t('programs.progress.byRegion')}</th>
                  <td />
                  <td class="num">{percent(props.overall, lang)}</td>
                  {matrix.regionTotals.map((v) => (
                    <td class="num">{v === null ? '—' : percent(v, lang)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      {props.activities.length > 0 && (
        <section aria-labelledby="charts-heading" class="programs-charts">
          <h2 id="charts-heading">{t('programs.progress.charts')}</h2>
          <BarChart
            ctx={ctx}
            id="chart-activities"
            title={t('programs.progress.byActivity')}
            bars={matrix.rows.map((r) => ({ label: t('programs.activity.numberShort', { number: r.number }), value: r.overall }))}
          />
          <BarChart
            ctx={ctx}
            id="chart-regions"
            title={t('programs.progress.byRegion')}
            bars={matrix.regions.map((r, i) => ({ label: r.name.slice(0, 8), value: matrix.regionTotals[i] ?? 0 }))}
          />
        </section>
      )}

      <div class="grid programs-timing">
        <section aria-labelledby="overdue-heading" class="card">
          <h2 id="overdue-heading">{t('programs.timing.overdue')}</h2>
          <TimingList ctx={ctx} base={base} items={props.overdue} empty={t('programs.timing.noneOverdue')} />
        </section>
        <section aria-labelledby="upcoming-heading" class="card">
          <h2 id="upcoming-heading">{t('programs.timing.upcoming')}</h2>
          <TimingList ctx={ctx} base={base} items={props.upcoming} empty={t('programs.timing.noneUpcoming')} />
        </section>
      </div>

      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{t('programs.calendar.title')}</h2>
        {props.agenda.length === 0 ? (
          <p class="card">{t('programs.activity.none')}</p>
        ) : (
          props.agenda.map((month) => (
            <div class="card programs-month">
              <h3>{month.label}</h3>
              <ul class="list-plain">
                {month.items.map((a) => (
                  <li>
                    <a href={href(ctx, `${base}/activities/${a.number}`)} dir="auto">
                      {t('programs.activity.numbered', { number: a.number, title: a.title })}
                    </a>
                    <span class="meta"> · {a.startsOn ? dateRange(ctx, a.startsOn, a.endsOn) : t('programs.calendar.noDate')}</span>
                    {a.regions.length > 0 && (
                      <span class="meta">
                        {' · '}
                        {a.regions.length <= 3
                          ? a.regions.map((r) => pickLocalized(r.name, lang)).join(t('programs.listSeparator'))
                          : t('programs.calendar.regionCount', { count: a.regions.length })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </Layout>
  );
}

/** The first ten items (the table above lists them all), oldest deadline first, with how many more there are. */
const TIMING_LIMIT = 10;

function TimingList({ ctx, base, items, empty }: { ctx: RequestContext; base: string; items: ActivityTimingView[]; empty: string }) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="list-plain">
      {items.length > TIMING_LIMIT && <li class="meta">{ctx.t('programs.timing.more', { count: items.length - TIMING_LIMIT })}</li>}
      {items.slice(0, TIMING_LIMIT).map((a) => (
        <li>
          <a href={href(ctx, `${base}/activities/${a.number}`)} dir="auto">
            {ctx.t('programs.activity.numbered', { number: a.number, title: a.title })}
          </a>
          <span class="meta">
            {' · '}
            {a.endsOn && a.startsOn === null ? formatDate(a.endsOn, ctx.lang) : dateRange(ctx, a.startsOn, a.endsOn)} ·{' '}
            {percent(a.progress, ctx.lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}
