import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { ProgressValue, dateRange } from './parts.tsx';

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
  program: {
    title: string;
    description: string;
    lead: string;
    partners: string[];
    periodStart: string;
    periodEnd: string;
    progress: number;
  };
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
