import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { formatDate, formatDateTime } from '../../../core/dates.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ActivityRow, ProgramRow, ReportFileRow, ReportRow } from '../queries.ts';
import type { ActivityProgress } from '../progress.ts';
import { ProgressValue, StatusBadge, dateRange, num } from './parts.tsx';

/** Programs the viewer works on, and published ones. */
export function ProgramsIndexPage(props: {
  ctx: RequestContext;
  mine: Array<{ program: ProgramRow; progress: number }>;
  published: Array<{ program: ProgramRow; progress: number }>;
  canCreate: boolean;
}) {
  const { ctx } = props;
  const { t, lang } = ctx;
  const list = (items: Array<{ program: ProgramRow; progress: number }>, publicLinks: boolean) =>
    items.length === 0 ? (
      <p class="card">{t('programs.index.empty')}</p>
    ) : (
      <ul class="list-plain card">
        {items.map(({ program, progress }) => (
          <li>
            <a href={href(ctx, `/programs/${program.id}${publicLinks ? '/public' : ''}`)} dir="auto">
              {program.title}
            </a>
            <p class="meta">
              <bdi>{pickLocalized(program.lead.name, lang)}</bdi> · {dateRange(ctx, program.periodStart, program.periodEnd)} ·{' '}
              <StatusBadge ctx={ctx} kind="program" status={program.status} />
            </p>
            <ProgressValue ctx={ctx} value={progress} label={t('programs.progress.overall')} />
          </li>
        ))}
      </ul>
    );
  return (
    <Layout ctx={ctx} title={t('programs.index.title')}>
      <PageHeader
        title={t('programs.index.title')}
        lead={t('programs.index.lead')}
        actions={
          props.canCreate && (
            <a class="button" href={href(ctx, '/programs/new')}>
              {t('programs.program.new')}
            </a>
          )
        }
      />
      {ctx.user && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t('programs.index.mine')}</h2>
          {list(props.mine, false)}
        </section>
      )}
      <section aria-labelledby="published-heading">
        <h2 id="published-heading">{t('programs.index.published')}</h2>
        {list(props.published, true)}
      </section>
    </Layout>
  );
}

/** Participants and figures of one report, as a definition list. */
function ReportFigures({ ctx, report }: { ctx: RequestContext; report: ReportRow }) {
  const { t, lang } = ctx;
  return (
    <dl class="programs-facts">
      <dt>{t('programs.measure.workers')}</dt>
      <dd>{num(report.workers, lang)}</dd>
      <dt>{t('programs.measure.employers')}</dt>
      <dd>{num(report.employers, lang)}</dd>
      <dt>{t('programs.measure.families')}</dt>
      <dd>{num(report.families, lang)}</dd>
      <dt>{t('programs.measure.other_participants')}</dt>
      <dd>{num(report.otherParticipants, lang)}</dd>
      <dt>{t('programs.measure.beneficiaries')}</dt>
      <dd>{num(report.beneficiaries, lang)}</dd>
      <dt>{t('programs.measure.money_spent')}</dt>
      <dd>{num(report.moneySpent, lang)}</dd>
    </dl>
  );
}

/** One activity: what, where, when, who, targets, progress per region, and the reports the viewer may see. */
export function ActivityPage(props: {
  ctx: RequestContext;
  program: ProgramRow;
  activity: ActivityRow;
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
          <dd>{activity.partners.length === 0 ? t('common.none') : activity.partners.map((p) => pickLocalized(p.name, lang)).join(t('programs.listSeparator'))}</dd>
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
            <thead>
              <tr>
                <th scope="col">{t('common.region')}</th>
                <th scope="col">{t('programs.progress.progress')}</th>
              </tr>
            </thead>
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
                  {t('programs.report.by', { name: r.reporterName ?? '—' })} · {t('programs.measure.beneficiaries')}: {num(r.beneficiaries, lang)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** One execution report with its files and, for a reviewer, the approve/return form. */
export function ReportPage(props: {
  ctx: RequestContext;
  program: ProgramRow;
  report: ReportRow;
  files: ReportFileRow[];
  form: FormState | null;
  canEdit: boolean;
}) {
  const { ctx, program, report } = props;
  const { t, lang } = ctx;
  const base = `/programs/${program.id}`;
  const title = t('programs.report.summary', { region: pickLocalized(report.regionName, lang), date: formatDate(report.heldOn, lang) });
  return (
    <Layout ctx={ctx} title={title} noindex>
      <p>
        <a href={href(ctx, `${base}/activities/${report.activityNumber}`)} dir="auto">
          {t('programs.activity.numbered', { number: report.activityNumber, title: report.activityTitle })}
        </a>
      </p>
      <PageHeader
        title={title}
        actions={
          props.canEdit && (
            <a class="button button--secondary" href={href(ctx, `${base}/reports/${report.id}/edit`)}>
              {t('programs.report.correct')}
            </a>
          )
        }
      />
      <div class="card">
        <p>
          <StatusBadge ctx={ctx} kind="report" status={report.status} /> {t('programs.report.by', { name: report.reporterName ?? '—' })}
        </p>
        <p>
          <strong>{t('programs.report.place')}: </strong>
          <bdi>{report.place}</bdi>
        </p>
        <ReportFigures ctx={ctx} report={report} />
        {report.notes && <p dir="auto">{report.notes}</p>}
        {report.reviewedAt && (
          <p class="meta">
            {t('programs.report.reviewedBy', { name: report.reviewerName ?? '—', date: formatDateTime(report.reviewedAt, lang) })}
            {report.reviewerComment && (
              <>
                {' · '}
                <bdi>{report.reviewerComment}</bdi>
              </>
            )}
          </p>
        )}
      </div>
      {props.files.length > 0 && (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t('programs.report.files')}</h2>
          <ul class="programs-files">
            {props.files.map((f) => {
              const url = `/${lang}${base}/reports/${report.id}/files/${f.id}`;
              return (
                <li>
                  {f.contentType.startsWith('image/') ? (
                    <a href={url}>
                      <img src={url} alt={f.filename} width={f.width ?? undefined} height={f.height ?? undefined} loading="lazy" class="programs-photo" />
                    </a>
                  ) : (
                    <a href={url}>
                      <bdi>{f.filename}</bdi>
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {props.form && (
        <section aria-labelledby="review-heading" class="card">
          <h2 id="review-heading">{t('programs.review.heading')}</h2>
          <Form ctx={ctx} action={href(ctx, `${base}/reports/${report.id}`)}>
            <ErrorSummary ctx={ctx} form={props.form} />
            <SelectField
              form={props.form}
              name="decision"
              label={t('programs.review.decision')}
              options={[
                ['approve', t('programs.review.approve')],
                ['return', t('programs.review.return')],
              ]}
            />
            <TextArea form={props.form} name="comment" label={t('programs.review.comment')} hint={t('programs.review.commentHint')} rows={3} />
            <SubmitButton>{t('programs.review.submit')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface PublicActivityView {
  number: number;
  title: string;
  description: string;
  publicNotes: string;
  type: string;
  status: string;
  regions: string[];
  startsOn: string | null;
  endsOn: string | null;
  progress: number;
}

/** What anyone may see of a published program: activities, where and when, progress. Nothing internal. */
export function PublicProgramPage(props: {
  ctx: RequestContext;
  program: { title: string; description: string; lead: string; partners: string[]; periodStart: string; periodEnd: string; progress: number };
  activities: PublicActivityView[];
}) {
  const { ctx, program } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={program.title} description={program.description.slice(0, 160)}>
      <PageHeader title={program.title} lead={t('programs.program.ledBy', { organization: program.lead })} />
      <div class="card">
        <dl class="programs-facts">
          <dt>{t('programs.program.period')}</dt>
          <dd>{dateRange(ctx, program.periodStart, program.periodEnd)}</dd>
          {program.partners.length > 0 && (
            <>
              <dt>{t('programs.program.partners')}</dt>
              <dd>{program.partners.join(t('programs.listSeparator'))}</dd>
            </>
          )}
          <dt>{t('programs.progress.overall')}</dt>
          <dd>
            <ProgressValue ctx={ctx} value={program.progress} label={t('programs.progress.overall')} />
          </dd>
        </dl>
        {program.description && <p dir="auto">{program.description}</p>}
      </div>
      <ol class="list-plain card programs-public-activities">
        {props.activities.map((a) => (
          <li>
            <h2 class="programs-public-title" dir="auto">
              {t('programs.activity.numbered', { number: a.number, title: a.title })}
            </h2>
            <p class="meta">
              {t(`programs.activityType.${a.type}`)} · {dateRange(ctx, a.startsOn, a.endsOn)}
              {a.regions.length > 0 && <> · {a.regions.join(t('programs.listSeparator'))}</>}
            </p>
            {a.description && <p dir="auto">{a.description}</p>}
            {a.publicNotes && <p dir="auto">{a.publicNotes}</p>}
            <ProgressValue ctx={ctx} value={a.progress} label={t('programs.progress.progress')} />
          </li>
        ))}
      </ol>
    </Layout>
  );
}
