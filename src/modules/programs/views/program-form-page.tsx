import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, DateField, ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { PROGRAM_STATUSES } from '../queries/index.ts';
import { CheckboxGroup, DeleteForm, type Option } from './parts.tsx';

export interface ProgramFormProps {
  ctx: RequestContext;
  form: FormState;
  action: string;
  heading: string;
  leadOptions: Option[] | null;
  partnerOptions: Option[];
  regionOptions: Option[];
  areaOptions: Option[];
  /** Where the delete form posts, on the edit page of someone who may delete the program. */
  deleteAction?: string;
}

/** Create or edit a program. */
export function ProgramFormPage({
  ctx,
  form,
  action,
  heading,
  leadOptions,
  partnerOptions,
  regionOptions,
  areaOptions,
  deleteAction,
}: ProgramFormProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <PageHeader title={heading} />
      <Form ctx={ctx} action={href(ctx, action)}>
        <ErrorSummary ctx={ctx} form={form} />
        {leadOptions && (
          <SelectField form={form} name="leadOrganizationId" label={t('programs.program.lead')} options={leadOptions} required />
        )}
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
        <SelectField
          form={form}
          name="status"
          label={t('common.status')}
          options={PROGRAM_STATUSES.map((s) => [s, t(`programs.programStatus.${s}`)])}
        />
        <CheckboxField form={form} name="isPublic" label={t('programs.program.isPublic')} hint={t('programs.program.isPublicHint')} />
        <CheckboxGroup form={form} name="partnerIds" legend={t('programs.program.partners')} options={partnerOptions} />
        <CheckboxGroup form={form} name="regionIds" legend={t('programs.program.regions')} options={regionOptions} />
        {areaOptions.length > 0 && (
          <SelectField
            form={form}
            name="agreementAreaId"
            label={t('programs.program.agreementArea')}
            hint={t('programs.program.agreementAreaHint')}
            options={areaOptions}
            emptyLabel={t('common.none')}
          />
        )}
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
      {deleteAction && <DeleteForm ctx={ctx} action={deleteAction} label={t('programs.program.delete')} hint={t('programs.deleteHint')} />}
    </Layout>
  );
}
