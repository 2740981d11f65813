import type { RequestContext } from '../../../core/context.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { Time } from './parts.tsx';

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
