import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, ErrorSummary, FileField, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { FLAG_REASONS } from '../commands/flag-post.ts';
import { MAX_POST_LENGTH, MAX_TITLE_LENGTH } from '../schemas.ts';
import { VISIBILITIES } from '../policy.ts';
import { Breadcrumbs } from './parts.tsx';
import { ReplyForm } from './topic-page.tsx';

type Crumb = { label: string; path: string };

/** Starting a topic in a category. */
export function NewTopicPage({ ctx, category, crumbs, form, action }: { ctx: RequestContext; category: string; crumbs: Crumb[]; form: FormState; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.topic.new')} noindex scripts={['forum.js']}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.topic.new')} lead={category} />
      <Form ctx={ctx} action={action} multipart>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField form={form} name="title" label={t('forum.topic.titleLabel')} maxLength={MAX_TITLE_LENGTH} required />
        <TextArea form={form} name="body" label={t('forum.post.body')} hint={t('forum.post.bodyHint')} rows={8} maxLength={MAX_POST_LENGTH} required />
        <CheckboxField form={form} name="anonymous" label={t('forum.post.anonymous')} hint={t('forum.post.anonymousHint')} />
        <FileField form={form} name="images" label={t('forum.post.images')} hint={t('forum.post.imagesHint')} accept="image/jpeg,image/png,image/webp,image/gif" multiple />
        <SubmitButton>{t('forum.topic.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Replying on a page of its own (quoting a post, or after an invalid reply). */
export function ReplyPage({ ctx, topicTitle, crumbs, form, action, quoting }: { ctx: RequestContext; topicTitle: string; crumbs: Crumb[]; form: FormState; action: string; quoting: number | null }) {
  return (
    <Layout ctx={ctx} title={ctx.t('forum.reply.title')} noindex scripts={['forum.js']}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={topicTitle} />
      <ReplyForm ctx={ctx} action={action} form={form} quoting={quoting} />
    </Layout>
  );
}

/** Editing one's own post (and the title, on a first post). */
export function EditPostPage({ ctx, crumbs, form, action, withTitle }: { ctx: RequestContext; crumbs: Crumb[]; form: FormState; action: string; withTitle: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.editTitle')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.editTitle')} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        {withTitle && <TextField form={form} name="title" label={t('forum.topic.titleLabel')} maxLength={MAX_TITLE_LENGTH} required />}
        <TextArea form={form} name="body" label={t('forum.post.body')} hint={t('forum.post.bodyHint')} rows={8} maxLength={MAX_POST_LENGTH} required />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Confirming the deletion of one's own post. */
export function DeletePostPage({ ctx, crumbs, action, cancel, wholeTopic }: { ctx: RequestContext; crumbs: Crumb[]; action: string; cancel: string; wholeTopic: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.deleteTitle')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.deleteTitle')} lead={wholeTopic ? t('forum.post.deleteTopicLead') : t('forum.post.deleteLead')} />
      <Form ctx={ctx} action={action}>
        <SubmitButton variant="danger">{t('forum.post.deleteConfirm')}</SubmitButton> <a href={cancel}>{t('common.cancel')}</a>
      </Form>
    </Layout>
  );
}

/** Flagging a post for the moderators. */
export function FlagPage({ ctx, crumbs, form, action }: { ctx: RequestContext; crumbs: Crumb[]; form: FormState; action: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.flag.title')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.flag.title')} lead={t('forum.flag.lead')} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField form={form} name="reason" label={t('forum.flag.reason')} options={FLAG_REASONS.map((r) => [r, t(`forum.flag.reasons.${r}`)])} required />
        <TextArea form={form} name="note" label={t('forum.flag.note')} rows={3} maxLength={1000} />
        <SubmitButton>{t('forum.flag.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Creating or editing a category: a name and description per language, a visibility and a position. */
export function CategoryFormPage({ ctx, crumbs, form, action, editing }: { ctx: RequestContext; crumbs: Crumb[]; form: FormState; action: string; editing: boolean }) {
  const { t } = ctx;
  const title = editing ? t('forum.category.editTitle') : t('forum.category.new');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={title} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        <TextField form={form} name="slug" label={t('forum.category.slug')} hint={t('forum.category.slugHint')} dir="ltr" maxLength={60} required />
        <TextField form={form} name="name_fa" label={t('forum.category.nameIn', { language: 'فارسی' })} maxLength={80} />
        <TextField form={form} name="name_vi" label={t('forum.category.nameIn', { language: 'Tiếng Việt' })} maxLength={80} />
        <TextField form={form} name="name_en" label={t('forum.category.nameIn', { language: 'English' })} maxLength={80} />
        <TextArea form={form} name="description_fa" label={t('forum.category.descriptionIn', { language: 'فارسی' })} rows={2} maxLength={500} />
        <TextArea form={form} name="description_vi" label={t('forum.category.descriptionIn', { language: 'Tiếng Việt' })} rows={2} maxLength={500} />
        <TextArea form={form} name="description_en" label={t('forum.category.descriptionIn', { language: 'English' })} rows={2} maxLength={500} />
        <SelectField form={form} name="visibility" label={t('forum.category.visibility')} options={VISIBILITIES.map((v) => [v, t(`forum.visibility.${v}Long`)])} required />
        <TextField form={form} name="position" label={t('forum.category.position')} inputMode="numeric" dir="ltr" required />
        <SubmitButton>{t('common.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
