import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { formatDate, formatDateTime } from '../../../core/dates.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ProgramRow, ReportFileRow, ReportRow } from '../queries/index.ts';
import { StatusBadge, num } from './parts.tsx';

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
                      <img
                        src={url}
                        alt={f.filename}
                        width={f.width ?? undefined}
                        height={f.height ?? undefined}
                        loading="lazy"
                        class="programs-photo"
                      />
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
            <TextArea
              form={props.form}
              name="comment"
              label={t('programs.review.comment')}
              hint={t('programs.review.commentHint')}
              rows={3}
            />
            <SubmitButton>{t('programs.review.submit')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
