import type { RequestContext } from '../../../core/context.ts';
import { Form, SubmitButton } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import type { OwnedTaskView } from '../presenters.ts';

/** The viewer's tasks from meeting resolutions: open first by deadline, overdue flagged, each can be marked done. */
export function TasksPage({ ctx, tasks }: { ctx: RequestContext; tasks: OwnedTaskView[] }) {
  const { t } = ctx;
  const open = tasks.filter((task) => task.status === 'open');
  const done = tasks.filter((task) => task.status === 'done');
  return (
    <Layout ctx={ctx} title={t('meetings.tasks.title')} noindex>
      <h1>{t('meetings.tasks.title')}</h1>
      {tasks.length === 0 && <p class="muted">{t('meetings.tasks.empty')}</p>}
      {open.length > 0 && (
        <ul class="list-plain stack">
          {open.map((task) => (
            <li id={`task-${task.id}`} class={task.overdue ? 'card meetings-task meetings-task--overdue' : 'card meetings-task'}>
              <p dir="auto">{task.title}</p>
              <p class="meta">
                {t('meetings.tasks.due', { date: task.dueOnText })}{' '}
                {task.overdue && <span class="badge badge--danger">{t('meetings.tasks.overdue')}</span>}
              </p>
              <p class="meta">
                {t('meetings.tasks.from')}{' '}
                <a href={href(ctx, `/meetings/${task.meetingId}`)}>
                  <bdi>{task.meetingTitle}</bdi>
                </a>{' '}
                ({task.meetingHeldOnText})
              </p>
              <Form ctx={ctx} action={href(ctx, '/tasks')} class="inline-form">
                <input type="hidden" name="taskId" value={String(task.id)} />
                <SubmitButton variant="secondary">{t('meetings.tasks.markDone')}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <section>
          <h2>{t('meetings.tasks.doneHeading')}</h2>
          <ul class="list-plain">
            {done.map((task) => (
              <li>
                <span dir="auto">{task.title}</span> <span class="badge badge--success">{t('meetings.tasks.status.done')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
