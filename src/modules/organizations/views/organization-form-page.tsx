import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, PerLanguageFields, SelectField, SlugField, SubmitButton } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';

export interface OrganizationFormPageProps {
  ctx: RequestContext;
  mode: 'create' | 'edit';
  /** The parent's name when creating a sub-organization. */
  parentName: string | null;
  /** Where the form posts (path after the language). */
  action: string;
  /** Where "cancel" goes (path after the language). */
  cancel: string;
  form: FormState;
  kindOptions: Array<[string, string]>;
  regionOptions: Array<[string, string]>;
  timeZoneOptions: Array<[string, string]>;
}

/** Creating or editing an organization: kind, names and descriptions in three languages, region, address. */
export function OrganizationFormPage(props: OrganizationFormPageProps) {
  const { ctx, form } = props;
  const { t } = ctx;
  const title =
    props.mode === 'edit'
      ? t('organizations.form.editTitle')
      : props.parentName
        ? t('organizations.form.createChildTitle', { parent: props.parentName })
        : t('organizations.form.createTitle');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <PageHeader title={title} />
      <Form ctx={ctx} action={href(ctx, props.action)}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField form={form} name="kind" label={t('organizations.form.kind')} options={props.kindOptions} required />
        <fieldset class="stack">
          <legend>{t('organizations.form.names')}</legend>
          <p class="field__hint">{t('organizations.form.namesHint')}</p>
          <PerLanguageFields
            form={form}
            name="name"
            label={(l) => t('common.nameInLanguage', { language: t(`common.languageName.${l}`) })}
            maxLength={200}
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t('organizations.form.descriptions')}</legend>
          <PerLanguageFields
            form={form}
            name="description"
            label={(l) => t('common.descriptionInLanguage', { language: t(`common.languageName.${l}`) })}
            maxLength={5000}
            rows={4}
          />
        </fieldset>
        <SelectField form={form} name="region" label={t('common.region')} options={props.regionOptions} emptyLabel={t('common.none')} />
        <SelectField
          form={form}
          name="time_zone"
          label={t('organizations.form.timeZone')}
          hint={t('organizations.form.timeZoneHint')}
          options={props.timeZoneOptions}
          emptyLabel={props.mode === 'create' ? t('organizations.form.timeZoneFromRegion') : undefined}
        />
        <SlugField form={form} name="slug" label={t('organizations.form.slug')} hint={t('organizations.form.slugHint')} maxLength={80} />
        <p class="form__actions">
          <SubmitButton>{props.mode === 'edit' ? t('common.save') : t('organizations.form.create')}</SubmitButton>{' '}
          <a href={href(ctx, props.cancel)}>{t('common.cancel')}</a>
        </p>
      </Form>
    </Layout>
  );
}
