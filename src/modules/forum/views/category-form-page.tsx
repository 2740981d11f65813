import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, PerLanguageFields, SelectField, SlugField, SubmitButton, TextField } from '../../../ui/form.tsx';
import { LANGUAGE_NAMES, Layout, PageHeader } from '../../../ui/layout.tsx';
import { VISIBILITIES } from '../policy.ts';
import { Breadcrumbs, type Crumb } from './parts.tsx';

/** Creating or editing a category: a name and description per language, a visibility and a position. */
export function CategoryFormPage({
  ctx,
  crumbs,
  form,
  action,
  editing,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  form: FormState;
  action: string;
  editing: boolean;
}) {
  const { t } = ctx;
  const title = editing ? t('forum.category.editTitle') : t('forum.category.new');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={title} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        <SlugField form={form} name="slug" label={t('forum.category.slug')} hint={t('forum.category.slugHint')} maxLength={60} />
        <PerLanguageFields
          form={form}
          name="name"
          label={(l) => t('forum.category.nameIn', { language: LANGUAGE_NAMES[l] })}
          maxLength={80}
        />
        <PerLanguageFields
          form={form}
          name="description"
          label={(l) => t('forum.category.descriptionIn', { language: LANGUAGE_NAMES[l] })}
          maxLength={500}
          rows={2}
        />
        <SelectField
          form={form}
          name="visibility"
          label={t('forum.category.visibility')}
          options={VISIBILITIES.map((v) => [v, t(`forum.visibility.${v}Long`)])}
          required
        />
        <TextField form={form} name="position" label={t('forum.category.position')} inputMode="numeric" dir="ltr" required />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
