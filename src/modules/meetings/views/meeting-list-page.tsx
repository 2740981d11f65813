import type { RequestContext } from '../../../core/context.ts';
import { Layout, href } from '../../../ui/layout.tsx';
import type { MeetingView } from '../presenters.ts';

/** The meetings the viewer may see, newest first. */
export function MeetingListPage({
  ctx,
  meetings,
  canCreate,
  organizationName,
}: {
  ctx: RequestContext;
  meetings: MeetingView[];
  canCreate: boolean;
  organizationName?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('meetings.list.title')} noindex>
      <div class="page-header">
        <h1>{t('meetings.list.title')}</h1>
        <div class="page-header__actions">
          <a class="button button--secondary" href={href(ctx, '/tasks')}>
            {t('meetings.tasks.title')}
          </a>
          {canCreate && (
            <a class="button" href={href(ctx, '/meetings/new')}>
              {t('meetings.list.new')}
            </a>
          )}
        </div>
      </div>
      {organizationName && (
        <p class="lead">
          <bdi>{organizationName}</bdi>
        </p>
      )}
      {meetings.length === 0 ? (
        <p class="muted">{t('meetings.list.empty')}</p>
      ) : (
        <ul class="list-plain stack">
          {meetings.map((m) => (
            <li class="card">
              <h2>
                <a href={href(ctx, `/meetings/${m.id}`)} dir="auto">
                  {m.title}
                </a>
              </h2>
              <p class="meta">
                <time datetime={m.heldOn}>{m.heldOnText}</time>
                {m.startsAtText && <> · {m.startsAtText}</>} · <bdi>{m.organizer.name}</bdi>
                {m.place && (
                  <>
                    {' · '}
                    <bdi>{m.place}</bdi>
                  </>
                )}
              </p>
              <p>
                <span class={m.minutesStatus === 'approved' ? 'badge badge--success' : 'badge badge--warning'}>
                  {t(`meetings.minutes.status.${m.minutesStatus}`)}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
