import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { Breadcrumbs, Section, Time, type Crumb } from './parts.tsx';

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
