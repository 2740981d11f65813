import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { TOPIC_ACTIONS, type TopicAction } from '../commands/moderate-topic.ts';
import { ActionButtons, Breadcrumbs, ModerationReasonField, type Crumb } from './parts.tsx';

/** Locking, pinning, closing, hiding or moving a topic. */
export function TopicModerationPage({
  ctx,
  crumbs,
  topicTitle,
  available,
  categories,
  form,
  actionBase,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  topicTitle: string;
  available: TopicAction[];
  categories: Array<[string, string]>;
  form: FormState;
  /** The actions' URLs start so: …/moderate/lock, …/moderate/move. */
  actionBase: string;
}) {
  const { t } = ctx;
  const shown = TOPIC_ACTIONS.filter((a) => available.includes(a));
  return (
    <Layout ctx={ctx} title={t('forum.topic.moderate')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.topic.moderate')} lead={topicTitle} />
      {/* One form, one URL per action: each button posts the reason (and the move's category) to its own action. */}
      <Form ctx={ctx} action={`${actionBase}/${shown[0] ?? 'move'}`}>
        <ErrorSummary ctx={ctx} form={form} />
        <SelectField
          form={form}
          name="category"
          label={t('forum.moderation.moveTo')}
          hint={t('forum.moderation.moveHint')}
          options={categories}
          emptyLabel="—"
        />
        <ModerationReasonField ctx={ctx} form={form} />
        <ActionButtons ctx={ctx} actions={shown} actionBase={actionBase} />
      </Form>
    </Layout>
  );
}
