import type { RequestContext } from '../../../core/context.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Form } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { TopicListItem } from '../presenters.ts';
import { Breadcrumbs, CursorPagination, Time, TopicList } from './parts.tsx';

/** The latest topics across every category the viewer may read. */
export function LatestPage({ ctx, topics, first, next }: { ctx: RequestContext; topics: TopicListItem[]; first: string | null; next: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.latest.title')} description={t('forum.latest.lead')}>
      <PageHeader title={t('forum.latest.title')} lead={t('forum.latest.lead')} />
      <TopicList ctx={ctx} topics={topics} showCategory />
      <CursorPagination ctx={ctx} first={first} next={next} />
    </Layout>
  );
}

export interface CategorySummary {
  slug: string;
  name: string;
  description: string;
  visibility: 'public' | 'members' | 'officials';
  topicCount: number;
  lastPostedAt: Date | null;
}

/** An organization's forum: its categories, with links for its officials and moderators. */
export function OrganizationForumPage({
  ctx,
  organization,
  categories,
  can,
}: {
  ctx: RequestContext;
  organization: { slug: string; name: string };
  categories: CategorySummary[];
  can: { manage: boolean; moderate: boolean; answer: boolean };
}) {
  const { t } = ctx;
  const base = `/organizations/${organization.slug}/forum`;
  return (
    <Layout ctx={ctx} title={t('forum.organization.title', { organization: organization.name })}>
      <PageHeader
        title={t('forum.organization.title', { organization: organization.name })}
        actions={
          <>
            {can.answer && (
              <a class="button button--secondary button--small" href={href(ctx, `${base}/unanswered`)}>
                {t('forum.unanswered.link')}
              </a>
            )}
            {can.moderate && (
              <a class="button button--secondary button--small" href={href(ctx, `${base}/moderation`)}>
                {t('forum.moderation.link')}
              </a>
            )}
            {can.manage && (
              <a class="button button--small" href={href(ctx, `${base}/categories/new`)}>
                {t('forum.category.new')}
              </a>
            )}
          </>
        }
      />
      {categories.length === 0 ? (
        <p class="muted">{t('forum.category.none')}</p>
      ) : (
        <ul class="list-plain forum-categories">
          {categories.map((c) => (
            <li class="card forum-category">
              <h2>
                <a href={href(ctx, `${base}/${c.slug}`)}>
                  <bdi>{c.name}</bdi>
                </a>
              </h2>
              {c.description && <p dir="auto">{c.description}</p>}
              <p class="meta">
                {c.visibility !== 'public' && <span class="badge">{t(`forum.visibility.${c.visibility}`)}</span>}{' '}
                {t('forum.category.topics', { count: c.topicCount, formatted: formatNumber(c.topicCount, ctx.lang) })}
                {c.lastPostedAt && (
                  <>
                    {' · '}
                    <Time ctx={ctx} value={c.lastPostedAt} />
                  </>
                )}
                {can.manage && (
                  <>
                    {' · '}
                    <a href={href(ctx, `${base}/categories/${c.slug}/edit`)}>{t('forum.category.edit')}</a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One category's topics, newest activity first, pinned topics on top. */
export function CategoryPage({
  ctx,
  organization,
  category,
  topics,
  first,
  next,
  can,
  following,
}: {
  ctx: RequestContext;
  organization: { slug: string; name: string };
  category: { slug: string; name: string; description: string; visibility: string };
  topics: TopicListItem[];
  first: string | null;
  next: string | null;
  can: { post: boolean; follow: boolean };
  following: boolean;
}) {
  const { t } = ctx;
  const base = `/organizations/${organization.slug}/forum/${category.slug}`;
  return (
    <Layout ctx={ctx} title={category.name} description={category.description || undefined}>
      <Breadcrumbs ctx={ctx} items={[{ label: t('forum.organization.title', { organization: organization.name }), path: `/organizations/${organization.slug}/forum` }]} />
      <PageHeader
        title={category.name}
        lead={category.description || undefined}
        actions={
          <>
            {can.follow && (
              <Form ctx={ctx} action={href(ctx, `${base}/follow`)} class="inline-form">
                <input type="hidden" name="follow" value={following ? '0' : '1'} />
                <button type="submit" class="button button--secondary button--small">
                  {following ? t('forum.follow.stopCategory') : t('forum.follow.category')}
                </button>
              </Form>
            )}
            {can.post && (
              <a class="button button--small" href={href(ctx, `${base}/new`)}>
                {t('forum.topic.new')}
              </a>
            )}
          </>
        }
      />
      {!ctx.user && (
        <p class="muted">
          <a href={href(ctx, `/login?next=${encodeURIComponent(href(ctx, base))}`)}>{t('forum.topic.logInToPost')}</a>
        </p>
      )}
      <TopicList ctx={ctx} topics={topics} />
      <CursorPagination ctx={ctx} first={first} next={next} />
    </Layout>
  );
}

/** Questions waiting for an official answer, oldest first. */
export function UnansweredPage({
  ctx,
  organization,
  topics,
  next,
}: {
  ctx: RequestContext;
  organization: { slug: string; name: string };
  topics: TopicListItem[];
  next: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forum.unanswered.title')} noindex>
      <Breadcrumbs ctx={ctx} items={[{ label: t('forum.organization.title', { organization: organization.name }), path: `/organizations/${organization.slug}/forum` }]} />
      <PageHeader title={t('forum.unanswered.title')} lead={t('forum.unanswered.lead')} />
      <TopicList ctx={ctx} topics={topics} showCategory />
      <CursorPagination ctx={ctx} first={null} next={next} />
    </Layout>
  );
}
