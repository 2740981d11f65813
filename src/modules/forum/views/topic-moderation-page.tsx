import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { TOPIC_ACTIONS, type TopicAction } from '../commands/moderate-topic.ts';
import { Breadcrumbs, type Crumb } from './parts.tsx';

/** Locking, pinning, closing, hiding or moving a topic. */
export function TopicModerationPage({
  ctx,
  crumbs,
  topicTitle,
  available,
  categories,
  form,
  action,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  topicTitle: string;
  available: TopicAction[];
  categories: Array<[string, string]>;
  form: FormState;
  action: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.topic.moderate')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.topic.moderate')} lead={topicTitle} />
      <Form ctx={ctx} action={action}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField
          form={form}
          name="action"
          label={t('forum.moderation.action')}
          options={TOPIC_ACTIONS.filter((a) => available.includes(a)).map((a) => [a, t(`forum.moderation.actions.${a}`)])}
          required
        />
        <SelectField form={form} name="category" label={t('forum.moderation.moveTo')} hint={t('forum.moderation.moveHint')} options={categories} emptyLabel="—" />
        <TextField form={form} name="reason" label={t('forum.moderation.reason')} hint={t('forum.moderation.reasonHint')} maxLength={500} required />
        <SubmitButton>{t('forum.moderation.apply')}</SubmitButton>
      </Form>
    </Layout>
  );
}
