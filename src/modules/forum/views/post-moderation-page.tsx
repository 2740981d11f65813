import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { ActionButtons, Breadcrumbs, ModerationReasonField, Section, type Crumb } from './parts.tsx';

/** Hiding, restoring or clearing the flags of one post, and suspending its (named) author. */
export function PostModerationPage({
  ctx,
  crumbs,
  post,
  actionBase,
  suspendAction,
  form,
  suspendForm,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  post: { authorLabel: string; bodyHtml: string; hidden: boolean; postNumber: number; canSuspendAuthor: boolean };
  /** The actions' URLs start so: …/moderate/hide. */
  actionBase: string;
  suspendAction: string;
  form: FormState;
  suspendForm: FormState;
}) {
  const { t } = ctx;
  const actions = [post.hidden ? 'restore' : 'hide', 'dismiss'];
  return (
    <Layout ctx={ctx} title={t('forum.moderation.postTitle', { number: post.postNumber })} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.moderation.postTitle', { number: post.postNumber })} />
      <section class="card">
        <p class="meta">
          <bdi>{post.authorLabel}</bdi>
        </p>
        <div class="forum-post__body" dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </section>
      <Section title={t('forum.moderation.actOnPost')}>
        {/* One URL per action (…/moderate/hide, …/restore, …/dismiss): each button posts the reason to its own. */}
        <Form ctx={ctx} action={`${actionBase}/${actions[0]}`}>
          <ErrorSummary ctx={ctx} form={form} />
          <ModerationReasonField ctx={ctx} form={form} />
          <ActionButtons ctx={ctx} actions={actions} actionBase={actionBase} />
        </Form>
      </Section>
      {post.canSuspendAuthor ? (
        <Section title={t('forum.moderation.suspendAuthor')}>
          <Form ctx={ctx} action={suspendAction}>
            <ErrorSummary ctx={ctx} form={suspendForm} />
            <TextField form={suspendForm} name="days" label={t('forum.moderation.days')} inputMode="numeric" dir="ltr" required />
            <TextField form={suspendForm} name="reason" label={t('forum.moderation.reason')} maxLength={500} required />
            <SubmitButton variant="danger">{t('forum.moderation.suspend')}</SubmitButton>
          </Form>
        </Section>
      ) : (
        <p class="muted">{t('forum.moderation.anonymousNoSuspend')}</p>
      )}
    </Layout>
  );
}
