import type { ComponentChildren } from 'preact';
import type { RequestContext } from '../../../core/context.ts';
import { formatDateTime, isoDateTime } from '../../../core/dates.ts';
import { formatNumber, pickLocalized, type LocalizedText } from '../../../core/i18n.ts';
import type { FormState } from '../../../core/forms.ts';
import { CheckboxField, FileField, TextArea, TextField } from '../../../ui/form.tsx';
import { href } from '../../../ui/layout.tsx';
import { MAX_POST_LENGTH } from '../schemas.ts';
import type { TopicListItem } from '../presenters.ts';

/** A breadcrumb: its label and its path after the language prefix. */
export type Crumb = { label: string; path: string };

/** A point in time, readable and machine-readable. */
export function Time({ ctx, value }: { ctx: RequestContext; value: Date }) {
  return <time datetime={isoDateTime(value)}>{formatDateTime(value, ctx.lang)}</time>;
}

/** Open / answered / closed, plus pinned, locked and hidden marks. */
export function TopicBadges({
  ctx,
  topic,
}: {
  ctx: RequestContext;
  topic: { status: string; isPinned: boolean; isLocked: boolean; isHidden: boolean };
}) {
  const { t } = ctx;
  const statusClass = topic.status === 'answered' ? 'badge badge--success' : topic.status === 'closed' ? 'badge' : 'badge badge--warning';
  return (
    <span class="forum-badges">
      <span class={statusClass}>{t(`forum.status.${topic.status}`)}</span>
      {topic.isPinned && <span class="badge">{t('forum.topic.pinned')}</span>}
      {topic.isLocked && <span class="badge">{t('forum.topic.locked')}</span>}
      {topic.isHidden && <span class="badge badge--danger">{t('forum.topic.hidden')}</span>}
    </span>
  );
}

/** A list of topics with their status, starter, replies and last activity. */
export function TopicList({ ctx, topics, showCategory }: { ctx: RequestContext; topics: TopicListItem[]; showCategory?: boolean }) {
  const { t } = ctx;
  if (topics.length === 0) return <p class="muted">{t('forum.topic.none')}</p>;
  return (
    <ul class="list-plain forum-topics">
      {topics.map((topic) => (
        <li class="forum-topic">
          <a class="forum-topic__title" href={href(ctx, `/forum/t/${topic.id}`)} dir="auto">
            {topic.title}
          </a>
          <p class="meta">
            <TopicBadges ctx={ctx} topic={topic} />{' '}
            {showCategory && topic.categoryName && (
              <>
                <bdi>{pickLocalized(topic.categoryName as LocalizedText, ctx.lang)}</bdi>
                {' · '}
              </>
            )}
            <bdi>{topic.starterLabel}</bdi>
            {' · '}
            {t('forum.topic.replies', { count: topic.replyCount, formatted: formatNumber(topic.replyCount, ctx.lang) })}
            {' · '}
            <Time ctx={ctx} value={topic.lastPostedAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** "Newer" and "older" links of a keyset-paginated list. */
export function CursorPagination({ ctx, first, next }: { ctx: RequestContext; first: string | null; next: string | null }) {
  if (!first && !next) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('forum.pagination.label')}>
      {first ? <a href={first}>{ctx.t('forum.pagination.first')}</a> : <span />}
      {next && (
        <a href={next} rel="next">
          {ctx.t('forum.pagination.older')}
        </a>
      )}
    </nav>
  );
}

/** Links back up the forum's tree. */
export function Breadcrumbs({ ctx, items }: { ctx: RequestContext; items: Array<{ label: string; path: string }> }) {
  return (
    <nav class="forum-breadcrumbs" aria-label={ctx.t('forum.breadcrumbs')}>
      <ol>
        {items.map((item) => (
          <li>
            <a href={href(ctx, item.path)}>
              <bdi>{item.label}</bdi>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A small card section with a heading. */
export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card forum-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** One submit button per moderation action, each posting its form to the action's own URL (`formaction`, no script). */
export function ActionButtons({ ctx, actions, actionBase }: { ctx: RequestContext; actions: readonly string[]; actionBase: string }) {
  return (
    <div class="forum-moderation-actions">
      {actions.map((action) => (
        <button type="submit" class="button button--secondary" formAction={`${actionBase}/${action}`}>
          {ctx.t(`forum.moderation.actions.${action}`)}
        </button>
      ))}
    </div>
  );
}

/** A post's text, as a new topic and an edit ask for it. */
export function PostBodyField({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <TextArea
      form={form}
      name="body"
      label={t('forum.post.body')}
      hint={t('forum.post.bodyHint')}
      rows={8}
      maxLength={MAX_POST_LENGTH}
      required
    />
  );
}

/** The anonymity checkbox and the images of a new post (a topic's first post or a reply). */
export function NewPostExtras({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <>
      <CheckboxField form={form} name="anonymous" label={t('forum.post.anonymous')} hint={t('forum.post.anonymousHint')} />
      <FileField
        form={form}
        name="images"
        label={t('forum.post.images')}
        hint={t('forum.post.imagesHint')}
        accept="image/jpeg,image/png,image/webp,image/gif"
        multiple
      />
    </>
  );
}

/** The reason a moderator gives, which the audit log and the author's notice keep. */
export function ModerationReasonField({ ctx, form }: { ctx: RequestContext; form: FormState }) {
  const { t } = ctx;
  return (
    <TextField
      form={form}
      name="reason"
      label={t('forum.moderation.reason')}
      hint={t('forum.moderation.reasonHint')}
      maxLength={500}
      required
    />
  );
}
