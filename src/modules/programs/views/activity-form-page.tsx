import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../queries/index.ts';
import { MEASURES, TARGET_SCOPES } from '../domain/progress.ts';
import { TARGET_ROWS } from '../schemas.ts';
import { CheckboxGroup, DeleteForm, type Option } from './parts.tsx';

export interface ActivityFormProps {
  ctx: RequestContext;
  form: FormState;
  action: string;
  heading: string;
  programTitle: string;
  leadOptions: Option[];
  partnerOptions: Option[];
  regionOptions: Option[];
  responsibleOptions: Option[];
  /** Where the delete form posts, on an existing activity's edit page. */
  deleteAction?: string;
}

/** Create or edit an activity, with up to three targets. */
export function ActivityFormPage(props: ActivityFormProps) {
  const { ctx, form } = props;
  const { t } = ctx;
  const rows = Array.from({ length: TARGET_ROWS }, (_, i) => i + 1);
  return (
    <Layout ctx={ctx} title={props.heading} noindex>
      <PageHeader title={props.heading} lead={props.programTitle} />
      <Form ctx={ctx} action={href(ctx, props.action)}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField form={form} name="title" label={t('programs.activity.title')} required maxLength={500} />
        <TextArea form={form} name="description" label={t('common.description')} rows={4} />
        <SelectField
          form={form}
          name="type"
          label={t('programs.activity.type')}
          options={ACTIVITY_TYPES.map((v) => [v, t(`programs.activityType.${v}`)])}
        />
        <SelectField
          form={form}
          name="status"
          label={t('common.status')}
          options={ACTIVITY_STATUSES.map((v) => [v, t(`programs.activityStatus.${v}`)])}
        />
        <SelectField
          form={form}
          name="leadOrganizationId"
          label={t('programs.activity.lead')}
          options={props.leadOptions}
          emptyLabel={t('programs.activity.programLead')}
        />
        <CheckboxGroup form={form} name="partnerIds" legend={t('programs.activity.partners')} options={props.partnerOptions} />
        <CheckboxGroup
          form={form}
          name="regionIds"
          legend={t('programs.activity.regions')}
          hint={t('programs.activity.regionsHint')}
          options={props.regionOptions}
        />
        <DateField ctx={ctx} form={form} name="startsOn" label={t('programs.activity.startsOn')} />
        <DateField ctx={ctx} form={form} name="endsOn" label={t('programs.activity.endsOn')} />
        <SelectField
          form={form}
          name="responsibleUserId"
          label={t('programs.activity.responsible')}
          options={props.responsibleOptions}
          emptyLabel={t('common.none')}
        />
        <TextField form={form} name="budget" label={t('programs.activity.budget')} inputMode="decimal" dir="ltr" />
        <TextField
          form={form}
          name="budgetCurrency"
          label={t('programs.activity.currency')}
          hint={t('programs.activity.currencyHint')}
          maxLength={3}
          dir="ltr"
        />
        <fieldset class="programs-targets">
          <legend>{t('programs.target.heading')}</legend>
          <p class="field__hint">{t('programs.target.hint')}</p>
          {rows.map((i) => (
            <div class="programs-target-row">
              <TextField
                form={form}
                name={`target${i}Amount`}
                label={t('programs.target.amount', { row: i })}
                inputMode="decimal"
                dir="ltr"
              />
              <TextField form={form} name={`target${i}Unit`} label={t('programs.target.unit', { row: i })} maxLength={100} />
              <SelectField
                form={form}
                name={`target${i}Measure`}
                label={t('programs.target.measure', { row: i })}
                options={MEASURES.map((m) => [m, t(`programs.measure.${m}`)])}
              />
              <SelectField
                form={form}
                name={`target${i}Scope`}
                label={t('programs.target.scope', { row: i })}
                options={TARGET_SCOPES.map((s) => [s, t(`programs.scope.${s}`)])}
              />
            </div>
          ))}
        </fieldset>
        <TextArea
          form={form}
          name="publicNotes"
          label={t('programs.activity.publicNotes')}
          hint={t('programs.activity.publicNotesHint')}
          rows={3}
        />
        <TextArea
          form={form}
          name="internalNotes"
          label={t('programs.activity.internalNotes')}
          hint={t('programs.activity.internalNotesHint')}
          rows={3}
        />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
      {props.deleteAction && (
        <DeleteForm ctx={ctx} action={props.deleteAction} label={t('programs.activity.delete')} hint={t('programs.deleteHint')} />
      )}
    </Layout>
  );
}
