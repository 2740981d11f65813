import type { RequestContext } from '../../../core/context.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ProgramRow } from '../queries/index.ts';
import { ProgressValue, StatusBadge, dateRange } from './parts.tsx';

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
