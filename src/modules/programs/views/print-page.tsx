import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { formatDate, formatLongDate } from '../../../core/dates.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ProgramRow, ReportRow } from '../queries/index.ts';
import type { ActivityProgress } from '../domain/progress.ts';
import type { ActivitySummaryView } from '../presenters.ts';
import { ProgramScopeFacts, RegionProgressHead, dateRange, num, percent } from './parts.tsx';

/**
 * The printable report an official sends to a superior: in the program's language (ctx is the program's),
 * Jalali dates in Persian, approved reports only. The print rules in app.css hide the site's chrome.
 */
export function PrintPage(props: {
  ctx: RequestContext;
  program: ProgramRow;
  overall: number;
  activities: ActivitySummaryView[];
  progress: Map<number, ActivityProgress>;
  reports: ReportRow[];
  today: string;
  preparedBy: string;
  /** Average progress in each region over the activities that happen there. */
  regionTotals: Array<{ name: string; progress: number | null }>;
}) {
  const { ctx, program } = props;
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('programs.print.title', { title: program.title })} noindex>
      <article class="programs-print">
        <p class="programs-noprint">
          <a href={`/${lang}/programs/${program.id}`}>{t('common.back')}</a> · {t('programs.print.instructions')}
        </p>
        <header>
          <p class="programs-print__org">{pickLocalized(program.lead.name, lang)}</p>
          <h1>{t('programs.print.title', { title: program.title })}</h1>
          <p>
            {t('programs.print.date', { date: formatLongDate(props.today, lang) })} ·{' '}
            {t('programs.print.preparedBy', { name: props.preparedBy })}
          </p>
        </header>
        <dl class="programs-facts">
          <ProgramScopeFacts ctx={ctx} program={program} />
          <dt>{t('programs.progress.overall')}</dt>
          <dd>{percent(props.overall, lang)}</dd>
        </dl>
        <h2>{t('programs.print.activities')}</h2>
        <table class="programs-print__table">
          <thead>
            <tr>
              <th scope="col">{t('programs.activity.number')}</th>
              <th scope="col">{t('programs.activity.title')}</th>
              <th scope="col">{t('programs.activity.when')}</th>
              <th scope="col">{t('programs.target.heading')}</th>
              <th scope="col">{t('programs.progress.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {props.activities.map((a) => (
              <tr>
                <td class="num">{num(a.number, lang)}</td>
                <td>
                  {a.title}
                  <div class="meta">{t(`programs.activityStatus.${a.status}`)}</div>
                </td>
                <td>{dateRange(ctx, a.startsOn, a.endsOn)}</td>
                <td>
                  {a.targets.map((target) => `${num(target.amount, lang)} ${target.unitLabel}`).join(t('programs.listSeparator')) || '—'}
                </td>
                <td class="num">{percent(props.progress.get(a.id)?.overall ?? 0, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.regionTotals.length > 0 && (
          <>
            <h2>{t('programs.progress.byRegion')}</h2>
            <table class="programs-print__table">
              <RegionProgressHead ctx={ctx} />
              <tbody>
                {props.regionTotals.map((r) => (
                  <tr>
                    <td>{r.name}</td>
                    <td class="num">{r.progress === null ? '—' : percent(r.progress, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <h2>{t('programs.print.reports')}</h2>
        {props.reports.length === 0 ? (
          <p>{t('programs.report.none')}</p>
        ) : (
          <table class="programs-print__table">
            <thead>
              <tr>
                <th scope="col">{t('programs.activity.number')}</th>
                <th scope="col">{t('common.region')}</th>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('programs.report.place')}</th>
                <th scope="col">{t('programs.report.participants')}</th>
                <th scope="col">{t('programs.measure.beneficiaries')}</th>
                <th scope="col">{t('programs.measure.money_spent')}</th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <td class="num">{num(r.activityNumber, lang)}</td>
                  <td>{pickLocalized(r.regionName, lang)}</td>
                  <td>{formatDate(r.heldOn, lang)}</td>
                  <td>{r.place}</td>
                  <td class="num">{num(r.workers + r.employers + r.families + r.otherParticipants, lang)}</td>
                  <td class="num">{num(r.beneficiaries, lang)}</td>
                  <td class="num">{num(r.moneySpent, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <footer class="programs-print__signature">
          <p>{t('programs.print.signature')}</p>
        </footer>
      </article>
    </Layout>
  );
}
