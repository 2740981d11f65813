import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, DateField, ErrorSummary, FileField, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, PROGRAM_STATUSES } from '../queries.ts';
import { MEASURES, TARGET_SCOPES } from '../progress.ts';
import { TARGET_ROWS } from '../schemas.ts';

type Option = [string, string];

/** A group of checkboxes sharing one name (partners, regions); works without JavaScript. */
function CheckboxGroup({ form, name, legend, options, hint }: { form: FormState; name: string; legend: string; options: Option[]; hint?: string }) {
  const chosen = new Set((form.values[name] ?? '').split('\n').filter(Boolean));
  const error = form.errors[name];
  return (
    <fieldset class={error ? 'field field--invalid programs-checkboxes' : 'field programs-checkboxes'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {hint && <p class="field__hint">{hint}</p>}
      {options.map(([value, label]) => (
        <label class="programs-checkbox">
          <input type="checkbox" name={name} value={value} checked={chosen.has(value)} /> <bdi>{label}</bdi>
        </label>
      ))}
      {error && <p class="field__error">{error}</p>}
    </fieldset>
  );
}

/** A separate form on an edit page that deletes the thing (posts to the same URL with intent=delete). */
function DeleteForm({ ctx, action, label, hint }: { ctx: RequestContext; action: string; label: string; hint: string }) {
  return (
    <Form ctx={ctx} action={href(ctx, action)} class="form programs-delete">
      <input type="hidden" name="intent" value="delete" />
      <p class="field__hint">{hint}</p>
      <SubmitButton variant="danger">{label}</SubmitButton>
    </Form>
  );
}

export interface ProgramFormProps {
  ctx: RequestContext;
  form: FormState;
  action: string;
  heading: string;
  leadOptions: Option[] | null;
  partnerOptions: Option[];
  regionOptions: Option[];
  areaOptions: Option[];
  /** Shown on the edit page of someone who may delete the program. */
  canDelete?: boolean;
}

/** Create or edit a program. */
export function ProgramFormPage({ ctx, form, action, heading, leadOptions, partnerOptions, regionOptions, areaOptions, canDelete }: ProgramFormProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <PageHeader title={heading} />
      <Form ctx={ctx} action={href(ctx, action)}>
        <ErrorSummary ctx={ctx} form={form} />
        {leadOptions && <SelectField form={form} name="leadOrganizationId" label={t('programs.program.lead')} options={leadOptions} required />}
        <TextField form={form} name="title" label={t('programs.program.title')} required maxLength={300} />
        <TextArea form={form} name="description" label={t('common.description')} rows={5} />
        <SelectField
          form={form}
          name="lang"
          label={t('programs.program.lang')}
          hint={t('programs.program.langHint')}
          options={(['fa', 'vi', 'en'] as const).map((l) => [l, t(`common.languageName.${l}`)])}
        />
        <DateField ctx={ctx} form={form} name="periodStart" label={t('programs.program.periodStart')} required />
        <DateField ctx={ctx} form={form} name="periodEnd" label={t('programs.program.periodEnd')} required />
        <SelectField form={form} name="status" label={t('common.status')} options={PROGRAM_STATUSES.map((s) => [s, t(`programs.programStatus.${s}`)])} />
        <CheckboxField form={form} name="isPublic" label={t('programs.program.isPublic')} hint={t('programs.program.isPublicHint')} />
        <CheckboxGroup form={form} name="partnerIds" legend={t('programs.program.partners')} options={partnerOptions} />
        <CheckboxGroup form={form} name="regionIds" legend={t('programs.program.regions')} options={regionOptions} />
        {areaOptions.length > 0 && (
          <SelectField form={form} name="agreementAreaId" label={t('programs.program.agreementArea')} hint={t('programs.program.agreementAreaHint')} options={areaOptions} emptyLabel={t('common.none')} />
        )}
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
      {canDelete && <DeleteForm ctx={ctx} action={action} label={t('programs.program.delete')} hint={t('programs.deleteHint')} />}
    </Layout>
  );
}

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
  canDelete?: boolean;
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
        <SelectField form={form} name="type" label={t('programs.activity.type')} options={ACTIVITY_TYPES.map((v) => [v, t(`programs.activityType.${v}`)])} />
        <SelectField form={form} name="status" label={t('common.status')} options={ACTIVITY_STATUSES.map((v) => [v, t(`programs.activityStatus.${v}`)])} />
        <SelectField form={form} name="leadOrganizationId" label={t('programs.activity.lead')} options={props.leadOptions} emptyLabel={t('programs.activity.programLead')} />
        <CheckboxGroup form={form} name="partnerIds" legend={t('programs.activity.partners')} options={props.partnerOptions} />
        <CheckboxGroup form={form} name="regionIds" legend={t('programs.activity.regions')} hint={t('programs.activity.regionsHint')} options={props.regionOptions} />
        <DateField ctx={ctx} form={form} name="startsOn" label={t('programs.activity.startsOn')} />
        <DateField ctx={ctx} form={form} name="endsOn" label={t('programs.activity.endsOn')} />
        <SelectField form={form} name="responsibleUserId" label={t('programs.activity.responsible')} options={props.responsibleOptions} emptyLabel={t('common.none')} />
        <TextField form={form} name="budget" label={t('programs.activity.budget')} inputMode="decimal" dir="ltr" />
        <TextField form={form} name="budgetCurrency" label={t('programs.activity.currency')} hint={t('programs.activity.currencyHint')} maxLength={3} dir="ltr" />
        <fieldset class="programs-targets">
          <legend>{t('programs.target.heading')}</legend>
          <p class="field__hint">{t('programs.target.hint')}</p>
          {rows.map((i) => (
            <div class="programs-target-row">
              <TextField form={form} name={`target${i}Amount`} label={t('programs.target.amount', { row: i })} inputMode="decimal" dir="ltr" />
              <TextField form={form} name={`target${i}Unit`} label={t('programs.target.unit', { row: i })} maxLength={100} />
              <SelectField form={form} name={`target${i}Measure`} label={t('programs.target.measure', { row: i })} options={MEASURES.map((m) => [m, t(`programs.measure.${m}`)])} />
              <SelectField form={form} name={`target${i}Scope`} label={t('programs.target.scope', { row: i })} options={TARGET_SCOPES.map((s) => [s, t(`programs.scope.${s}`)])} />
            </div>
          ))}
        </fieldset>
        <TextArea form={form} name="publicNotes" label={t('programs.activity.publicNotes')} hint={t('programs.activity.publicNotesHint')} rows={3} />
        <TextArea form={form} name="internalNotes" label={t('programs.activity.internalNotes')} hint={t('programs.activity.internalNotesHint')} rows={3} />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
      {props.canDelete && <DeleteForm ctx={ctx} action={props.action} label={t('programs.activity.delete')} hint={t('programs.deleteHint')} />}
    </Layout>
  );
}

/** Paste a numbered list to create one draft activity per item. */
export function PastePage({ ctx, form, action, programTitle }: { ctx: RequestContext; form: FormState; action: string; programTitle: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('programs.paste.title')} noindex>
      <PageHeader title={t('programs.paste.title')} lead={programTitle} />
      <Form ctx={ctx} action={href(ctx, action)}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextArea form={form} name="list" label={t('programs.paste.list')} hint={t('programs.paste.hint')} rows={14} required />
        <SubmitButton>{t('programs.paste.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** File an execution report with photos and files. */
export function ReportFormPage(props: { ctx: RequestContext; form: FormState; action: string; heading: string; regionOptions: Option[] }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={props.heading} noindex>
      <PageHeader title={props.heading} />
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
        <FileField form={form} name="files" label={t('programs.report.files')} hint={t('programs.report.filesHint')} accept="image/jpeg,image/png,image/webp,application/pdf" multiple />
        <SubmitButton>{t('programs.report.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
