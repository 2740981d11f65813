import type { RequestContext } from '../../../core/context.ts';
import { Layout, href } from '../../../ui/layout.tsx';
import type { MeetingAbilities } from '../policy.ts';
import type { MeetingView, ResolutionView, TaskView } from '../presenters.ts';

export function TaskLine({ ctx, task }: { ctx: RequestContext; task: TaskView }) {
  const { t } = ctx;
  return (
    <>
      <span dir="auto">{task.title}</span>{' '}
      <span class="meta">
        — <bdi>{task.ownerName}</bdi> · {t('meetings.tasks.due', { date: task.dueOnText })}
      </span>{' '}
      {task.status === 'done' ? (
        <span class="badge badge--success">{t('meetings.tasks.status.done')}</span>
      ) : task.overdue ? (
        <span class="badge badge--danger">{t('meetings.tasks.overdue')}</span>
      ) : (
        <span class="badge">{t('meetings.tasks.status.open')}</span>
      )}
    </>
  );
}

/** One meeting: when, where, who, agenda, minutes (with their status) and numbered resolutions. */
export function MeetingPage({
  ctx,
  meeting,
  resolutions,
  can,
}: {
  ctx: RequestContext;
  meeting: MeetingView;
  resolutions: ResolutionView[];
  can: MeetingAbilities;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={meeting.title} noindex>
      <div class="page-header">
        <h1 dir="auto">{meeting.title}</h1>
        <div class="page-header__actions">
          {can.edit && (
            <a class="button button--secondary" href={href(ctx, `/meetings/${meeting.id}/edit`)}>
              {t('common.edit')}
            </a>
          )}
          {can.recordResolution && (
            <a class="button" href={href(ctx, `/meetings/${meeting.id}/resolutions/new`)}>
              {t('meetings.resolution.new')}
            </a>
          )}
        </div>
      </div>
      <dl class="meetings-facts">
        <dt>{t('meetings.form.heldOn')}</dt>
        <dd>
          <time datetime={meeting.heldOn} class="meeting-date">
            {meeting.heldOnText}
          </time>
          {meeting.startsAtText && <> · {meeting.startsAtText}</>}
        </dd>
        {meeting.place && (
          <>
            <dt>{t('meetings.form.place')}</dt>
            <dd dir="auto">{meeting.place}</dd>
          </>
        )}
        <dt>{t('meetings.form.organizer')}</dt>
        <dd>
          <a href={href(ctx, `/organizations/${meeting.organizer.slug}`)}>
            <bdi>{meeting.organizer.name}</bdi>
          </a>
        </dd>
        {meeting.attending.length > 0 && (
          <>
            <dt>{t('meetings.form.attending')}</dt>
            <dd>
              <ul class="list-plain">
                {meeting.attending.map((o) => (
                  <li>
                    <bdi>{o.name}</bdi>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {meeting.attendees.length > 0 && (
        <section class="card">
          <h2>{t('meetings.form.attendees')}</h2>
          <ul class="meeting-attendees">
            {meeting.attendees.map((a) => (
              // dir="auto" on the line itself (its first strong letter decides): a <bdi> inside would be skipped.
              <li dir="auto">{a.role ? `${a.name} — ${a.role}` : a.name}</li>
            ))}
          </ul>
        </section>
      )}
      {meeting.agenda && (
        <section class="card">
          <h2>{t('meetings.form.agenda')}</h2>
          <p class="meetings-text" dir="auto">
            {meeting.agenda}
          </p>
        </section>
      )}
      <section class="card">
        <h2>
          {t('meetings.minutes.title')}{' '}
          <span class={meeting.minutesStatus === 'approved' ? 'badge badge--success' : 'badge badge--warning'}>
            {t(`meetings.minutes.status.${meeting.minutesStatus}`)}
          </span>
        </h2>
        {meeting.minutes ? (
          <p class="meetings-text" dir="auto">
            {meeting.minutes}
          </p>
        ) : (
          <p class="muted">{t('meetings.minutes.empty')}</p>
        )}
        <p>
          <a href={href(ctx, `/meetings/${meeting.id}/minutes`)}>
            {can.approveMinutes
              ? t('meetings.minutes.review')
              : can.correctMinutes
                ? t('meetings.minutes.correctLink')
                : t('meetings.minutes.history')}
          </a>
        </p>
      </section>
      <section class="card">
        <h2>{t('meetings.resolution.title')}</h2>
        {resolutions.length === 0 ? (
          <p class="muted">{t('meetings.resolution.empty')}</p>
        ) : (
          <ol class="meeting-resolutions">
            {resolutions.map((r) => (
              <li value={r.number} id={`resolution-${r.number}`}>
                <p class="meetings-text" dir="auto">
                  {r.body}
                </p>
                {r.items.length > 0 && (
                  <ol class="meeting-resolution-items">
                    {r.items.map((item) => (
                      <li dir="auto">{item}</li>
                    ))}
                  </ol>
                )}
                {r.program && (
                  <p class="meta">
                    {t('meetings.resolution.approvedInto')}{' '}
                    <a href={href(ctx, `/programs/${r.program.id}`)}>
                      <bdi>{r.program.title || `#${r.program.id}`}</bdi>
                    </a>
                  </p>
                )}
                {r.tasks.length > 0 && (
                  <ul class="list-plain">
                    {r.tasks.map((task) => (
                      <li>
                        <TaskLine ctx={ctx} task={task} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <a href={href(ctx, '/meetings')}>{t('meetings.list.back')}</a>
      </p>
    </Layout>
  );
}
