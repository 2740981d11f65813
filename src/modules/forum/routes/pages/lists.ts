import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../../core/errors.ts';
import { parseForm } from '../../../../core/forms.ts';
import { pickLocalized } from '../../../../core/i18n.ts';
import { href } from '../../../../ui/layout.tsx';
import { setFollowing } from '../../commands/set-following.ts';
import { canAnswerOfficially, canManageCategories, canModerate, canPost, canReadCategory } from '../../policy.ts';
import { presentTopicListItem, type TopicListRow } from '../../presenters.ts';
import { findCategory, listCategories } from '../../queries/categories.ts';
import { TOPICS_PER_PAGE, listCategoryTopics, listLatestTopics, listUnansweredTopics } from '../../queries/topics.ts';
import { followSchema } from '../../schemas.ts';
import { CategoryPage } from '../../views/category-page.tsx';
import { LatestPage } from '../../views/latest-page.tsx';
import { OrganizationForumPage } from '../../views/organization-forum-page.tsx';
import { UnansweredPage } from '../../views/unanswered-page.tsx';
import { decodeCursor, encodeCursor } from '../../domain/cursor.ts';
import { categoryAccess, forumDeps, queryOf } from '../../loaders.ts';
import { findOrganizationBySlug } from '../../../organizations/index.ts';

/** One page more than shown tells whether an older page exists. */
function pageOf(rows: TopicListRow[]): { rows: TopicListRow[]; last: TopicListRow | null } {
  const rowsShown = rows.slice(0, TOPICS_PER_PAGE);
  return { rows: rowsShown, last: rows.length > TOPICS_PER_PAGE ? (rowsShown.at(-1) ?? null) : null };
}

/** A cursor column of the last row shown (optional in TopicListRow, as not every list query selects it). */
function cursorColumn(value: string | undefined): string {
  if (value === undefined) throw new Error('The topic list query did not select its cursor column');
  return value;
}

/** The latest list, organization forums, category pages and the unanswered queue. */
export async function listRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get('/:lang/forum', async (request, reply) => {
    const { ctx } = request;
    const cursor = decodeCursor(queryOf(request).after);
    const { rows, last } = pageOf(await listLatestTopics(db, ctx.actor, cursor));
    const base = href(ctx, '/forum');
    return reply.render(
      LatestPage({
        ctx,
        topics: rows.map((r) => presentTopicListItem(r, ctx.t)),
        first: cursor ? base : null,
        next: last ? `${base}?after=${encodeCursor({ pinned: false, at: cursorColumn(last.cursorAt), id: last.id })}` : null,
      }),
    );
  });

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/forum', async (request, reply) => {
    const { ctx } = request;
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization);
    const org = { id: organization.id, ancestorIds: organization.ancestorIds };
    const categories = await listCategories(db, organization.id, ctx.actor);
    return reply.render(
      OrganizationForumPage({
        ctx,
        organization: { slug: organization.slug, name: pickLocalized(organization.name, ctx.lang) },
        categories: categories.map((c) => ({
          slug: c.slug,
          name: pickLocalized(c.name, ctx.lang),
          description: pickLocalized(c.description, ctx.lang),
          visibility: c.visibility,
          topicCount: c.topicCount,
          lastPostedAt: c.lastPostedAt,
        })),
        can: {
          manage: canManageCategories(ctx.actor, org),
          moderate: canModerate(ctx.actor, org),
          answer: canAnswerOfficially(ctx.actor, org),
        },
      }),
    );
  });

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/forum/unanswered', async (request, reply) => {
    const { ctx } = request;
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization && canAnswerOfficially(ctx.actor, { id: organization.id, ancestorIds: organization.ancestorIds }));
    const after = decodeCursor(queryOf(request).after);
    const { rows, last } = pageOf(await listUnansweredTopics(db, organization.id, after ? { at: after.at, id: after.id } : null));
    return reply.render(
      UnansweredPage({
        ctx,
        organization: { slug: organization.slug, name: pickLocalized(organization.name, ctx.lang) },
        topics: rows.map((r) => presentTopicListItem(r, ctx.t)),
        next: last
          ? `${href(ctx, `/organizations/${organization.slug}/forum/unanswered`)}?after=${encodeCursor({ pinned: false, at: cursorColumn(last.createdCursorAt), id: last.id })}`
          : null,
      }),
    );
  });

  app.get<{ Params: { slug: string; categorySlug: string } }>('/:lang/organizations/:slug/forum/:categorySlug', async (request, reply) => {
    const { ctx } = request;
    const category = await findCategory(db, request.params.slug, request.params.categorySlug, ctx.actor);
    authorize(!!category && canReadCategory(ctx.actor, categoryAccess(category)));
    const access = categoryAccess(category);
    const cursor = decodeCursor(queryOf(request).after);
    const { rows, last } = pageOf(await listCategoryTopics(db, category.id, cursor, canModerate(ctx.actor, access.organization)));
    const base = href(ctx, `/organizations/${category.organizationSlug}/forum/${category.slug}`);
    return reply.render(
      CategoryPage({
        ctx,
        organization: { slug: category.organizationSlug, name: pickLocalized(category.organizationName, ctx.lang) },
        category: {
          slug: category.slug,
          name: pickLocalized(category.name, ctx.lang),
          description: pickLocalized(category.description, ctx.lang),
          visibility: category.visibility,
        },
        topics: rows.map((r) => presentTopicListItem(r, ctx.t)),
        first: cursor ? base : null,
        next: last ? `${base}?after=${encodeCursor({ pinned: last.isPinned, at: cursorColumn(last.cursorAt), id: last.id })}` : null,
        can: { post: canPost(ctx.actor, { category: access, suspended: category.viewerSuspended }), follow: !!ctx.actor },
        following: category.viewerFollows,
      }),
    );
  });

  app.post<{ Params: { slug: string; categorySlug: string } }>(
    '/:lang/organizations/:slug/forum/:categorySlug/follow',
    async (request, reply) => {
      const { ctx } = request;
      const deps = forumDeps(request);
      const category = await findCategory(db, request.params.slug, request.params.categorySlug, ctx.actor);
      authorize(!!category && canReadCategory(ctx.actor, categoryAccess(category)));
      const parsed = parseForm(followSchema, request.body, ctx.t);
      const back = href(ctx, `/organizations/${category.organizationSlug}/forum/${category.slug}`);
      if (!parsed.ok) return reply.redirectWithFlash(back, 'forum.errors.badRequest', 'error');
      await setFollowing(deps, { categoryId: category.id, follow: parsed.data.follow });
      return reply.redirectWithFlash(back, parsed.data.follow ? 'forum.flash.followingCategory' : 'forum.flash.unfollowedCategory');
    },
  );
}
