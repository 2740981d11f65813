import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
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
        <TextField
          form={form}
          name="slug"
          label={t('forum.category.slug')}
          hint={t('forum.category.slugHint')}
          dir="ltr"
          maxLength={60}
          required
        />
        <TextField form={form} name="name_fa" label={t('forum.category.nameIn', { language: 'فارسی' })} maxLength={80} />
        <TextField form={form} name="name_vi" label={t('forum.category.nameIn', { language: 'Tiếng Việt' })} maxLength={80} />
        <TextField form={form} name="name_en" label={t('forum.category.nameIn', { language: 'English' })} maxLength={80} />
        <TextArea
          form={form}
          name="description_fa"
          label={t('forum.category.descriptionIn', { language: 'فارسی' })}
          rows={2}
          maxLength={500}
        />
        <TextArea
          form={form}
          name="description_vi"
          label={t('forum.category.descriptionIn', { language: 'Tiếng Việt' })}
          rows={2}
          maxLength={500}
        />
        <TextArea
          form={form}
          name="description_en"
          label={t('forum.category.descriptionIn', { language: 'English' })}
          rows={2}
          maxLength={500}
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
