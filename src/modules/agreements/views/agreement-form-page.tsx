import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { DateField, ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import { AGREEMENT_STATUSES } from '../queries.ts';
import { MAX_PARTIES } from '../schemas.ts';

/** Creates or edits an agreement: title, parties and signatories, dates, period, goals, status, areas. */
export function AgreementFormPage({
  ctx,
  form,
  agreementId,
  organizationOptions,
}: {
  ctx: RequestContext;
  form: FormState;
  agreementId: number | null;
  organizationOptions: Array<[string, string]>;
}) {
  const { t } = ctx;
  const title = agreementId === null ? t('agreements.form.newTitle') : t('agreements.form.editTitle');
  const action = href(ctx, agreementId === null ? '/agreements/new' : `/agreements/${agreementId}/edit`);
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action}>
        <TextField form={form} name="title" label={t('agreements.form.title')} maxLength={300} required />
        {Array.from({ length: MAX_PARTIES }, (_, i) => (
          <fieldset class="card">
            <legend>{t('agreements.form.party', { number: i + 1 })}</legend>
            <SelectField
              form={form}
              name={`party${i + 1}`}
              label={t('agreements.form.organization')}
              options={organizationOptions}
              emptyLabel="—"
              required={i < 2}
            />
            <TextField form={form} name={`signatory${i + 1}`} label={t('agreements.form.signatory')} maxLength={200} />
            <TextField form={form} name={`signatoryRole${i + 1}`} label={t('agreements.form.signatoryRole')} maxLength={300} />
          </fieldset>
        ))}
        <DateField ctx={ctx} form={form} name="signedOn" label={t('agreements.form.signedOn')} />
        <TextField
          form={form}
          name="periodStart"
          label={t('agreements.form.periodStart')}
          hint={t('agreements.form.periodHint')}
          dir="ltr"
          maxLength={10}
          required
        />
        <TextField
          form={form}
          name="periodEnd"
          label={t('agreements.form.periodEnd')}
          hint={t('agreements.form.periodHint')}
          dir="ltr"
          maxLength={10}
          required
        />
        <SelectField
          form={form}
          name="status"
          label={t('common.status')}
          options={AGREEMENT_STATUSES.map((s): [string, string] => [s, t(`agreements.status.${s}`)])}
          required
        />
        <TextArea form={form} name="goals" label={t('agreements.form.goals')} rows={5} maxLength={10000} />
        {agreementId === null && (
          <TextArea
            form={form}
            name="areas"
            label={t('agreements.form.areas')}
            hint={t('agreements.form.areasHint')}
            rows={10}
            maxLength={20000}
          />
        )}
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
