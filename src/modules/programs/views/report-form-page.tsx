import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, FileField, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { ReturnedNoteView } from '../presenters.ts';
import type { Option } from './parts.tsx';

/** File an execution report with photos and files. */
export function ReportFormPage(props: {
  ctx: RequestContext;
  form: FormState;
  action: string;
  heading: string;
  regionOptions: Option[];
  /** The reviewer's comment when the report came back for correction. */
  returned?: ReturnedNoteView;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={props.heading} noindex>
      <PageHeader title={props.heading} />
      {props.returned && (
        <section class="notice notice--warning returned-note" aria-labelledby="returned-note-heading">
          <h2 id="returned-note-heading">{t('programs.report.returnedHeading')}</h2>
          <blockquote dir="auto" class="returned-note__comment">
            {props.returned.comment}
          </blockquote>
          {props.returned.reviewerName && props.returned.reviewedOn && (
            <p class="muted">{t('programs.report.reviewedBy', { name: props.returned.reviewerName, date: props.returned.reviewedOn })}</p>
          )}
        </section>
      )}
      <Form ctx={ctx} action={href(ctx, props.action)} multipart>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField form={form} name="regionId" label={t('common.region')} options={props.regionOptions} required />
        <DateField ctx={ctx} form={form} name="heldOn" label={t('programs.report.heldOn')} required />
        <TextField form={form} name="place" label={t('programs.report.place')} required maxLength={300} />
        <fieldset class="programs-counts">
          <legend>{t('programs.report.participants')}</legend>
          <TextField form={form} name="workers" label={t('programs.measure.workers')} inputMode="numeric" dir="ltr" />
          <TextField form={form} name="employers" label={t('programs.measure.employers')} inputMode="numeric" dir="ltr" />
          <TextField form={form} name="families" label={t('programs.measure.families')} inputMode="numeric" dir="ltr" />
          <TextField form={form} name="otherParticipants" label={t('programs.measure.other_participants')} inputMode="numeric" dir="ltr" />
        </fieldset>
        <TextField form={form} name="beneficiaries" label={t('programs.measure.beneficiaries')} inputMode="numeric" dir="ltr" />
        <TextField form={form} name="moneySpent" label={t('programs.measure.money_spent')} inputMode="decimal" dir="ltr" />
        <TextArea form={form} name="notes" label={t('programs.report.notes')} rows={4} />
        <FileField
          form={form}
          name="files"
          label={t('programs.report.files')}
          hint={t('programs.report.filesHint')}
          accept="image/jpeg,image/png,image/webp,application/pdf"
          multiple
        />
        <SubmitButton>{t('programs.report.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
