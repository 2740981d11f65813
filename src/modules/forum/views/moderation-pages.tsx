import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { TOPIC_ACTIONS, type TopicAction } from '../commands/moderate-topic.ts';
import { Breadcrumbs, Section, Time } from './parts.tsx';

type Crumb = { label: string; path: string };

export interface FlaggedPost {
  topicId: number;
  topicTitle: string;
  postNumber: number;
  authorLabel: string;
  bodyHtml: string;
  hidden: boolean;
  reason: string;
  note: string;
  flagCount: number;
  flaggedAt: Date;
}

/** The organization's moderation queue: flagged posts, and the members suspended from its forum. */
export function ModerationQueuePage({
  ctx,
  crumbs,
  flags,
  suspensions,
  liftAction,
  liftForm,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  flags: FlaggedPost[];
  suspensions: Array<{ id: number; name: string; reason: string; endsAt: Date }>;
  liftAction: (id: number) => string;
  liftForm: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.moderation.title')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.moderation.title')} />
      <Section title={t('forum.moderation.flags')}>
        {flags.length === 0 ? (
          <p class="muted">{t('forum.moderation.noFlags')}</p>
        ) : (
          <ul class="list-plain forum-flags">
            {flags.map((f) => (
              <li class="forum-flag">
                <p>
                  <a href={href(ctx, `/forum/t/${f.topicId}/${f.postNumber}`)} dir="auto">
                    {f.topicTitle} #{f.postNumber}
                  </a>{' '}
                  <span class="badge badge--warning">{t(`forum.flag.reasons.${f.reason}`)}</span>{' '}
                  {f.flagCount > 1 && <span class="badge">{t('forum.moderation.flagCount', { count: f.flagCount })}</span>}
                  {f.hidden && <span class="badge badge--danger">{t('forum.topic.hidden')}</span>}
                </p>
                <p class="meta">
                  <bdi>{f.authorLabel}</bdi> · <Time ctx={ctx} value={f.flaggedAt} />
                </p>
                {f.note && (
                  <p class="forum-flag__note" dir="auto">
                    {f.note}
                  </p>
                )}
                <div class="forum-post__body forum-flag__body" dir="auto" dangerouslySetInnerHTML={{ __html: f.bodyHtml }} />
                <p>
                  <a class="button button--secondary button--small" href={href(ctx, `/forum/t/${f.topicId}/${f.postNumber}/moderate`)}>
                    {t('forum.post.moderate')}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('forum.moderation.suspensions')}>
        {suspensions.length === 0 ? (
          <p class="muted">{t('forum.moderation.noSuspensions')}</p>
        ) : (
          <ul class="list-plain">
            {suspensions.map((s) => (
              <li class="forum-flag">
                <p>
                  <bdi>{s.name}</bdi> · {t('forum.moderation.until')} <Time ctx={ctx} value={s.endsAt} />
                </p>
                <p dir="auto">{s.reason}</p>
                <Form ctx={ctx} action={liftAction(s.id)}>
                  <ErrorSummary ctx={ctx} form={liftForm} />
                  <TextField form={liftForm} name="reason" label={t('forum.moderation.reason')} maxLength={500} required />
                  <SubmitButton variant="secondary">{t('forum.moderation.lift')}</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Layout>
  );
}

/** Hiding, restoring or clearing the flags of one post, and suspending its (named) author. */
export function PostModerationPage({
  ctx,
  crumbs,
  post,
  action,
  suspendAction,
  form,
  suspendForm,
}: {
  ctx: RequestContext;
  crumbs: Crumb[];
  post: { authorLabel: string; bodyHtml: string; hidden: boolean; postNumber: number; canSuspendAuthor: boolean };
  action: string;
  suspendAction: string;
  form: FormState;
  suspendForm: FormState;
}) {
  const { t } = ctx;
  const options: Array<[string, string]> = [
    post.hidden ? ['restore', t('forum.moderation.actions.restore')] : ['hide', t('forum.moderation.actions.hide')],
    ['dismiss', t('forum.moderation.actions.dismiss')],
  ];
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
        <Form ctx={ctx} action={action}>
          <ErrorSummary ctx={ctx} form={form} />
          <SelectField form={form} name="action" label={t('forum.moderation.action')} options={options} required />
          <TextField form={form} name="reason" label={t('forum.moderation.reason')} hint={t('forum.moderation.reasonHint')} maxLength={500} required />
          <SubmitButton>{t('forum.moderation.apply')}</SubmitButton>
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

/** Earlier versions of a post, newest first. */
export function HistoryPage({ ctx, crumbs, revisions }: { ctx: RequestContext; crumbs: Crumb[]; revisions: Array<{ title: string | null; body: string; at: Date }> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.post.history')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.post.history')} />
      <ol class="list-plain">
        {revisions.map((r) => (
          <li class="card">
            <p class="meta">
              {t('forum.history.before')} <Time ctx={ctx} value={r.at} />
            </p>
            {r.title && (
              <p dir="auto">
                <strong>{r.title}</strong>
              </p>
            )}
            <pre class="forum-source" dir="auto">
              {r.body}
            </pre>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** A platform administrator reveals an anonymous author, with a reason; the result is shown once. */
export function RevealPage({ ctx, crumbs, form, action, revealed }: { ctx: RequestContext; crumbs: Crumb[]; form: FormState; action: string; revealed: { name: string; userId: number } | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.reveal.title')} noindex>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <PageHeader title={t('forum.reveal.title')} lead={t('forum.reveal.lead')} />
      {revealed ? (
        <section class="card" role="status">
          <p>{t('forum.reveal.result', { name: revealed.name, id: revealed.userId })}</p>
          <p class="muted">{t('forum.reveal.notified')}</p>
        </section>
      ) : (
        <Form ctx={ctx} action={action}>
          <ErrorSummary ctx={ctx} form={form} />
          <TextArea form={form} name="reason" label={t('forum.reveal.reason')} hint={t('forum.reveal.reasonHint')} rows={3} maxLength={500} required />
          <SubmitButton variant="danger">{t('forum.reveal.submit')}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}
