import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { ErrorSummary, Form, SubmitButton, TextArea } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { REACTIONS } from '../commands/react-to-post.ts';
import type { PostView } from '../presenters.ts';
import { Breadcrumbs, NewPostExtras, Time, TopicBadges } from './parts.tsx';

/** What the viewer may do with one post (computed by the route from policy.ts). */
export interface PostAbilities {
  edit: boolean;
  delete: boolean;
  react: boolean;
  flag: boolean;
  history: boolean;
  moderate: boolean;
  answer: boolean;
  reveal: boolean;
  quote: boolean;
}

export interface TopicHeader {
  id: number;
  title: string;
  status: 'open' | 'answered' | 'closed';
  isPinned: boolean;
  isLocked: boolean;
  isHidden: boolean;
  categoryName: string;
  categoryPath: string;
  organizationName: string;
  organizationPath: string;
  answerPostNumber: number | null;
}

export interface TopicPageModel {
  ctx: RequestContext;
  topic: TopicHeader;
  posts: Array<PostView & { can: PostAbilities }>;
  page: number;
  pageCount: number;
  can: { reply: boolean; follow: boolean; moderate: boolean };
  following: boolean;
  replyForm: FormState;
  /** Why the viewer cannot reply, when they cannot. */
  replyBlocked: 'login' | 'locked' | 'suspended' | 'notMember' | null;
}

/** One post: author (or pseudonym), permalink, sanitized body, images, reactions and actions. */
export function Post({ ctx, post, topicId }: { ctx: RequestContext; post: PostView & { can: PostAbilities }; topicId: number }) {
  const { t } = ctx;
  const base = `/forum/t/${topicId}/${post.postNumber}`;
  const classes = ['forum-post', post.isOfficialAnswer ? 'forum-post--answer' : '', post.state !== 'visible' ? 'forum-post--muted' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article class={classes} id={`p${post.postNumber}`} aria-labelledby={`p${post.postNumber}-author`}>
      <header class="forum-post__meta">
        <span class="forum-post__author" id={`p${post.postNumber}-author`}>
          <bdi>{post.authorLabel}</bdi>
        </span>
        {post.author.kind === 'anonymous' && <span class="badge">{t('forum.post.anonymousBadge')}</span>}
        {post.isOfficialAnswer && <span class="badge badge--success">{t('forum.post.officialAnswer')}</span>}
        <a class="forum-post__number" href={href(ctx, base)} aria-label={t('forum.post.permalink', { number: post.postNumber })}>
          #{formatNumber(post.postNumber, ctx.lang)}
        </a>
        <Time ctx={ctx} value={post.createdAt} />
        {post.isEdited && <span class="muted">{t('forum.post.edited')}</span>}
      </header>
      {post.quotedPostNumber !== null && (
        <p class="forum-post__reply-to">
          <a href={href(ctx, `/forum/t/${topicId}/${post.quotedPostNumber}`)}>
            {t('forum.post.inReplyTo', { number: post.quotedPostNumber })}
          </a>
        </p>
      )}
      {post.state === 'deleted' && <p class="muted">{t('forum.post.deleted')}</p>}
      {post.state === 'hidden' && <p class="muted">{t('forum.post.hiddenNotice')}</p>}
      {/* body_html was produced by markup.ts: markdown-it without HTML, then sanitize-html's allow-list. */}
      {post.bodyHtml !== null && <div class="forum-post__body" dir="auto" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />}
      {post.attachmentIds.length > 0 && (
        <div class="forum-post__images">
          {post.attachmentIds.map((id) => (
            <a href={`/forum/images/${id}`}>
              <img src={`/forum/images/${id}`} alt={t('forum.post.imageAlt', { number: post.postNumber })} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {post.state === 'visible' && <Reactions ctx={ctx} post={post} action={href(ctx, `${base}/react`)} />}
      <PostActions ctx={ctx} post={post} base={base} topicId={topicId} />
    </article>
  );
}

function Reactions({ ctx, post, action }: { ctx: RequestContext; post: PostView & { can: PostAbilities }; action: string }) {
  const { t } = ctx;
  const given = REACTIONS.filter((r) => (post.reactions[r] ?? 0) > 0);
  if (!post.can.react) {
    if (given.length === 0) return null;
    return (
      <p class="forum-reactions meta">
        {given.map((r) => (
          <span class="forum-reaction">
            {t(`forum.reactions.${r}`)} {formatNumber(post.reactions[r] ?? 0, ctx.lang)}
          </span>
        ))}
      </p>
    );
  }
  return (
    <Form ctx={ctx} action={action} class="forum-reactions">
      {REACTIONS.map((r) => (
        <button
          type="submit"
          name="reaction"
          value={r}
          class="button button--link forum-reaction"
          aria-pressed={post.myReactions.includes(r) ? 'true' : 'false'}
        >
          {t(`forum.reactions.${r}`)}
          {(post.reactions[r] ?? 0) > 0 && <span class="num"> {formatNumber(post.reactions[r] ?? 0, ctx.lang)}</span>}
        </button>
      ))}
    </Form>
  );
}

function PostActions({
  ctx,
  post,
  base,
  topicId,
}: {
  ctx: RequestContext;
  post: PostView & { can: PostAbilities };
  base: string;
  topicId: number;
}) {
  const { t } = ctx;
  const c = post.can;
  if (!Object.values(c).some(Boolean)) return null;
  return (
    <footer class="forum-post__actions">
      {c.quote && <a href={href(ctx, `/forum/t/${topicId}/reply?quote=${post.postNumber}`)}>{t('forum.post.quote')}</a>}
      {c.edit && <a href={href(ctx, `${base}/edit`)}>{t('forum.post.edit')}</a>}
      {c.delete && <a href={href(ctx, `${base}/delete`)}>{t('forum.post.delete')}</a>}
      {c.flag && <a href={href(ctx, `${base}/flag`)}>{t('forum.post.flag')}</a>}
      {c.history && post.revisionCount > 0 && <a href={href(ctx, `${base}/history`)}>{t('forum.post.history')}</a>}
      {c.moderate && <a href={href(ctx, `${base}/moderate`)}>{t('forum.post.moderate')}</a>}
      {c.reveal && <a href={href(ctx, `${base}/reveal`)}>{t('forum.post.reveal')}</a>}
      {c.answer && (
        <Form ctx={ctx} action={href(ctx, `${base}/answer`)} class="inline-form">
          <input type="hidden" name="mark" value={post.isOfficialAnswer ? '0' : '1'} />
          <button type="submit" class="button button--secondary button--small">
            {post.isOfficialAnswer ? t('forum.answer.unmark') : t('forum.answer.mark')}
          </button>
        </Form>
      )}
    </footer>
  );
}

/** Page numbers of a topic (pages hold post numbers (n-1)*20+1 .. n*20). */
function PageLinks({ ctx, topicId, page, pageCount }: { ctx: RequestContext; topicId: number; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const { t } = ctx;
  const link = (n: number) => href(ctx, `/forum/t/${topicId}${n === 1 ? '' : `?page=${n}`}`);
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination forum-pages" aria-label={t('forum.pagination.label')}>
      {page > 1 ? (
        <a href={link(page - 1)} rel="prev">
          {t('forum.pagination.previous')}
        </a>
      ) : (
        <span />
      )}
      <ol class="list-plain forum-pages__numbers">
        {shown.map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page">{formatNumber(n, ctx.lang)}</span>
            ) : (
              <a href={link(n)} aria-label={t('forum.pagination.page', { number: n })}>
                {formatNumber(n, ctx.lang)}
              </a>
            )}
          </li>
        ))}
      </ol>
      {page < pageCount ? (
        <a href={link(page + 1)} rel="next">
          {t('forum.pagination.next')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** A topic page: its posts by number, page by page, and the reply form. */
export function TopicPage(model: TopicPageModel) {
  const { ctx, topic, posts } = model;
  const { t } = ctx;
  const base = `/forum/t/${topic.id}`;
  return (
    <Layout ctx={ctx} title={topic.title} scripts={model.can.reply ? ['forum.js', 'live.js'] : ['live.js']}>
      <Breadcrumbs
        ctx={ctx}
        items={[
          { label: topic.organizationName, path: topic.organizationPath },
          { label: topic.categoryName, path: topic.categoryPath },
        ]}
      />
      <PageHeader
        title={topic.title}
        actions={
          <>
            {model.can.follow && (
              <Form ctx={ctx} action={href(ctx, `${base}/follow`)} class="inline-form">
                <input type="hidden" name="follow" value={model.following ? '0' : '1'} />
                <button type="submit" class="button button--secondary button--small">
                  {model.following ? t('forum.follow.stopTopic') : t('forum.follow.topic')}
                </button>
              </Form>
            )}
            {model.can.moderate && (
              <a class="button button--secondary button--small" href={href(ctx, `${base}/moderate`)}>
                {t('forum.topic.moderate')}
              </a>
            )}
          </>
        }
      />
      <p class="meta">
        <TopicBadges ctx={ctx} topic={topic} />
        {topic.answerPostNumber !== null && (
          <>
            {' '}
            <a href={href(ctx, `${base}/${topic.answerPostNumber}`)}>{t('forum.answer.goTo')}</a>
          </>
        )}
      </p>
      <PageLinks ctx={ctx} topicId={topic.id} page={model.page} pageCount={model.pageCount} />
      <ol class="list-plain forum-posts">
        {posts.map((post) => (
          <li>
            <Post ctx={ctx} post={post} topicId={topic.id} />
          </li>
        ))}
      </ol>
      <PageLinks ctx={ctx} topicId={topic.id} page={model.page} pageCount={model.pageCount} />
      {model.can.reply ? (
        <ReplyForm ctx={ctx} action={href(ctx, `${base}/reply`)} form={model.replyForm} />
      ) : (
        model.replyBlocked && (
          <p class="card muted">
            {model.replyBlocked === 'login' ? (
              <a href={href(ctx, `/login?next=${encodeURIComponent(href(ctx, base))}`)}>{t('forum.reply.logIn')}</a>
            ) : (
              t(`forum.reply.blocked.${model.replyBlocked}`)
            )}
          </p>
        )
      )}
    </Layout>
  );
}

/** The reply form: markdown text, the anonymity checkbox, images. */
export function ReplyForm({
  ctx,
  action,
  form,
  quoting,
}: {
  ctx: RequestContext;
  action: string;
  form: FormState;
  quoting?: number | null;
}) {
  const { t } = ctx;
  return (
    <section class="card forum-reply" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{t('forum.reply.title')}</h2>
      <Form ctx={ctx} action={action} multipart id="reply-form">
        <ErrorSummary ctx={ctx} form={form} />
        {quoting ? <input type="hidden" name="quote" value={String(quoting)} /> : null}
        <TextArea form={form} name="body" label={t('forum.post.body')} hint={t('forum.post.bodyHint')} rows={6} required />
        <NewPostExtras ctx={ctx} form={form} />
        <SubmitButton>{t('forum.reply.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
