import type { RequestContext } from '../../../core/context.ts';
import { Form } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { TopicListItem } from '../presenters.ts';
import { Breadcrumbs, CursorPagination, TopicList } from './parts.tsx';

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
      <Breadcrumbs
        ctx={ctx}
        items={[
          { label: t('forum.organization.title', { organization: organization.name }), path: `/organizations/${organization.slug}/forum` },
        ]}
      />
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
