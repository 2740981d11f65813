import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, Form, SelectField, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import type { MeetingAbilities } from '../policy.ts';

/** Records a resolution: a decision, activities approved into a program from a pasted list, or a task. */
export function ResolutionFormPage(props: {
  ctx: RequestContext;
  meeting: { id: number; title: string };
  form: FormState;
  programOptions: Array<[string, string]>;
  peopleOptions: Array<[string, string]>;
  can: MeetingAbilities;
}) {
  const { ctx, meeting, form, can } = props;
  const { t } = ctx;
  const kinds: Array<[string, string]> = [['decision', t('meetings.resolution.kind.decision')]];
  if (can.approveActivities) kinds.push(['activities', t('meetings.resolution.kind.activities')]);
  if (can.assignTask) kinds.push(['task', t('meetings.resolution.kind.task')]);
  return (
    <Layout ctx={ctx} title={t('meetings.resolution.new')} scripts={['meetings.js']} noindex>
      <h1>{t('meetings.resolution.new')}</h1>
      <p class="meta">
        <bdi>{meeting.title}</bdi>
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={href(ctx, `/meetings/${meeting.id}/resolutions/new`)} id="resolution-form">
        <SelectField form={form} name="kind" label={t('meetings.resolution.kindLabel')} options={kinds} required />
        <TextArea
          form={form}
          name="body"
          label={t('meetings.resolution.body')}
          hint={t('meetings.resolution.bodyHint')}
          rows={4}
          maxLength={5000}
          required
        />
        {can.approveActivities && (
          <fieldset class="card" data-kind="activities">
            <legend>{t('meetings.resolution.kind.activities')}</legend>
            {props.programOptions.length === 0 ? (
              <p class="muted">{t('meetings.resolution.noPrograms')}</p>
            ) : (
              <SelectField
                form={form}
                name="programId"
                label={t('meetings.resolution.program')}
                options={props.programOptions}
                emptyLabel="—"
              />
            )}
            <TextArea
              form={form}
              name="items"
              label={t('meetings.resolution.items')}
              hint={t('meetings.resolution.itemsHint')}
              rows={10}
              maxLength={20000}
            />
          </fieldset>
        )}
        {can.assignTask && (
          <fieldset class="card" data-kind="task">
            <legend>{t('meetings.resolution.kind.task')}</legend>
            <SelectField form={form} name="ownerId" label={t('meetings.resolution.owner')} options={props.peopleOptions} emptyLabel="—" />
            <DateField ctx={ctx} form={form} name="dueOn" label={t('meetings.resolution.dueOn')} />
          </fieldset>
        )}
        <SubmitButton>{t('meetings.resolution.save')}</SubmitButton>
      </Form>
      <p>
        <a href={href(ctx, `/meetings/${meeting.id}`)}>{t('meetings.backToMeeting')}</a>
      </p>
    </Layout>
  );
}
