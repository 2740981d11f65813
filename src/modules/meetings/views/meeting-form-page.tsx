import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';

export interface MeetingFormProps {
  ctx: RequestContext;
  form: FormState;
  /** Set when editing; the organizer cannot change then. */
  meetingId: number | null;
  organizerOptions: Array<[string, string]>;
  organizationOptions: Array<{ id: number; name: string; depth: number }>;
  /** Approved minutes are changed only through corrections. */
  minutesLocked: boolean;
}

/** Records a new meeting or edits one: date (Jalali in Persian) and time, place, participants, agenda, draft minutes. */
export function MeetingFormPage({ ctx, form, meetingId, organizerOptions, organizationOptions, minutesLocked }: MeetingFormProps) {
  const { t } = ctx;
  const title = meetingId === null ? t('meetings.form.newTitle') : t('meetings.form.editTitle');
  const action = href(ctx, meetingId === null ? '/meetings/new' : `/meetings/${meetingId}/edit`);
  const chosen = new Set((form.values.attending ?? '').split('\n').filter(Boolean));
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action}>
        {meetingId === null && (
          <SelectField form={form} name="organizerId" label={t('meetings.form.organizer')} options={organizerOptions} required />
        )}
        <TextField form={form} name="title" label={t('meetings.form.title')} maxLength={300} required />
        <DateField ctx={ctx} form={form} name="heldOn" label={t('meetings.form.heldOn')} required />
        <TextField
          form={form}
          name="startsAt"
          label={t('meetings.form.startsAt')}
          hint={t('meetings.form.startsAtHint')}
          inputMode="numeric"
          dir="ltr"
          maxLength={5}
        />
        <TextField form={form} name="place" label={t('meetings.form.place')} maxLength={300} />
        <fieldset class="field" id="field-attending">
          <legend>{t('meetings.form.attending')}</legend>
          {form.errors.attending && <p class="field__error">{form.errors.attending}</p>}
          <ul class="list-plain meetings-org-choices">
            {organizationOptions.map((o) => (
              <li class={`meetings-depth-${Math.min(o.depth, 4)}`}>
                <input type="checkbox" id={`attending-${o.id}`} name="attending" value={String(o.id)} checked={chosen.has(String(o.id))} />{' '}
                <label for={`attending-${o.id}`}>
                  <bdi>{o.name}</bdi>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <TextArea
          form={form}
          name="attendees"
          label={t('meetings.form.attendees')}
          hint={t('meetings.form.attendeesHint')}
          rows={6}
          maxLength={10000}
        />
        <TextArea form={form} name="agenda" label={t('meetings.form.agenda')} rows={4} maxLength={10000} />
        {minutesLocked ? (
          <p class="muted">{t('meetings.form.minutesLocked')}</p>
        ) : (
          <TextArea
            form={form}
            name="minutes"
            label={t('meetings.form.minutes')}
            hint={t('meetings.form.minutesHint')}
            rows={10}
            maxLength={50000}
          />
        )}
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
