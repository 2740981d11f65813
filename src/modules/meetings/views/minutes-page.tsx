import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import type { MeetingAbilities } from '../policy.ts';
import type { MeetingView, VersionView } from '../presenters.ts';

/** A meeting's minutes: approve the draft, or correct approved minutes, and read every approved version. */
export function MinutesPage({
  ctx,
  meeting,
  versions,
  can,
  form,
}: {
  ctx: RequestContext;
  meeting: MeetingView;
  versions: VersionView[];
  can: MeetingAbilities;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('meetings.minutes.pageTitle', { title: meeting.title })} noindex>
      <h1>
        {t('meetings.minutes.title')}: <bdi>{meeting.title}</bdi>
      </h1>
      <p>
        <span class={meeting.minutesStatus === 'approved' ? 'badge badge--success' : 'badge badge--warning'}>
          {t(`meetings.minutes.status.${meeting.minutesStatus}`)}
        </span>
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <section class="card">
        {meeting.minutes ? (
          <p class="meetings-text" dir="auto">
            {meeting.minutes}
          </p>
        ) : (
          <p class="muted">{t('meetings.minutes.empty')}</p>
        )}
      </section>
      {can.draftMinutes && (
        <p>
          <a href={href(ctx, `/meetings/${meeting.id}/edit`)}>{t('meetings.minutes.editDraft')}</a>
        </p>
      )}
      {can.approveMinutes && (
        <Form ctx={ctx} action={href(ctx, `/meetings/${meeting.id}/minutes/approve`)} class="inline-form">
          <p class="muted">{t('meetings.minutes.approveHint')}</p>
          <SubmitButton>{t('meetings.minutes.approve')}</SubmitButton>
        </Form>
      )}
      {can.correctMinutes && (
        <section class="card">
          <h2>{t('meetings.minutes.correctTitle')}</h2>
          <Form ctx={ctx} action={href(ctx, `/meetings/${meeting.id}/minutes/corrections`)}>
            <TextArea
              form={{ values: { minutes: form.values.minutes ?? meeting.minutes }, errors: form.errors }}
              name="minutes"
              label={t('meetings.form.minutes')}
              rows={10}
              maxLength={50000}
              required
            />
            <TextField form={form} name="reason" label={t('meetings.minutes.reason')} maxLength={500} required />
            <SubmitButton>{t('meetings.minutes.saveCorrection')}</SubmitButton>
          </Form>
        </section>
      )}
      <section>
        <h2>{t('meetings.minutes.history')}</h2>
        {versions.length === 0 ? (
          <p class="muted">{t('meetings.minutes.noVersions')}</p>
        ) : (
          <ol class="list-plain stack">
            {versions.map((v) => (
              <li class="card">
                <h3>{t('meetings.minutes.version', { version: v.version })}</h3>
                <p class="meta">
                  {v.createdText} · <bdi>{v.authorName}</bdi>
                  {v.reason && (
                    <>
                      {' · '}
                      <span dir="auto">{v.reason}</span>
                    </>
                  )}
                </p>
                <details>
                  <summary>{t('meetings.minutes.showText')}</summary>
                  <p class="meetings-text" dir="auto">
                    {v.minutes}
                  </p>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <a href={href(ctx, `/meetings/${meeting.id}`)}>{t('meetings.backToMeeting')}</a>
      </p>
    </Layout>
  );
}
