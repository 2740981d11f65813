import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../../../core/context.ts';
import { authorize, permit } from '../../../../core/errors.ts';
import { emptyForm, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { pickLocalized } from '../../../../core/i18n.ts';
import { href } from '../../../../ui/layout.tsx';
import { createReply } from '../../commands/create-reply.ts';
import { createTopic } from '../../commands/create-topic.ts';
import { publishNewPost } from '../../domain/publish.ts';
import { setFollowing } from '../../commands/set-following.ts';
import { quoteSource } from '../../domain/markup.ts';
import { canModerate, canPost, canReadCategory } from '../../policy.ts';
import { findCategory } from '../../queries/categories.ts';
import { findPost, findPostLocation } from '../../queries/posts.ts';
import { POSTS_PER_PAGE, type TopicContextRow } from '../../queries/topics.ts';
import { followSchema, newTopicSchema, replySchema } from '../../schemas.ts';
import { NewTopicPage } from '../../views/new-topic-page.tsx';
import { ReplyPage } from '../../views/reply-page.tsx';
import { TopicPage } from '../../views/topic-page.tsx';
import { createPostingLimiters } from '../../domain/posting-limits.ts';
import {
  categoryAccess,
  forumDeps,
  loadReadableTopic,
  postingState,
  postsWithAbilities,
  queryOf,
  topicAccess,
  viewerTag,
} from '../../loaders.ts';
import { idParam, requireUser } from '../../../../core/route-params.ts';
import { readImages } from '../../domain/images.ts';
import { pageOfPost, postUrl, topicCrumbs } from '../../presenters.ts';

function replyBlocked(ctx: RequestContext, topic: TopicContextRow, mayReply: boolean) {
  if (mayReply) return null;
  if (!ctx.actor) return 'login' as const;
  if (topic.viewerSuspended) return 'suspended' as const;
  if (topic.isLocked || topic.status === 'closed') return 'locked' as const;
  return 'notMember' as const;
}

/** Topic pages, permalinks, replies, new topics and following. */
export async function topicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const limit = createPostingLimiters(app);

  /** Counts a post against the flood limit (and a new account's tighter one); 429 past it. */
  async function checkPostingLimits(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    return limit.check(request, reply);
  }

  app.get<{ Params: { topicId: string } }>('/:lang/forum/t/:topicId', async (request, reply) => {
    const topic = await loadReadableTopic(request, request.params.topicId);
    const pageParam = queryOf(request).page;
    const page = pageParam === undefined ? 1 : /^[0-9]{1,6}$/.test(pageParam) ? Number(pageParam) : 0;
    const pageCount = Math.max(1, pageOfPost(topic.lastPostNumber));
    authorize(page >= 1 && page <= pageCount);
    return reply.render(TopicPage(await topicPageModel(request, topic, page, pageCount, emptyForm())));
  });

  async function topicPageModel(request: FastifyRequest, topic: TopicContextRow, page: number, pageCount: number, replyForm: FormState) {
    const { ctx } = request;
    const actor = ctx.actor;
    const posting = postingState(topic);
    const mayReply = canPost(actor, posting);
    const posts = await postsWithAbilities(request, topic, (page - 1) * POSTS_PER_PAGE + 1, page * POSTS_PER_PAGE);
    return {
      ctx,
      topic: {
        id: topic.id,
        title: topic.title,
        status: topic.status,
        isPinned: topic.isPinned,
        isLocked: topic.isLocked,
        isHidden: topic.isHidden,
        categoryName: pickLocalized(topic.categoryName, ctx.lang),
        categoryPath: `/organizations/${topic.organizationSlug}/forum/${topic.categorySlug}`,
        organizationName: ctx.t('forum.organization.title', { organization: pickLocalized(topic.organizationName, ctx.lang) }),
        organizationPath: `/organizations/${topic.organizationSlug}/forum`,
        answerPostNumber: topic.answerPostNumber,
      },
      posts,
      page,
      pageCount,
      can: { reply: mayReply, follow: !!actor, moderate: canModerate(actor, topicAccess(topic).organization) },
      following: topic.viewerFollows,
      replyForm,
      replyBlocked: replyBlocked(ctx, topic, mayReply),
    };
  }

  // A permalink to every post: /forum/t/12/57 goes to the page that holds post 57, at its anchor.
  app.get<{ Params: { topicId: string; postNumber: string } }>('/:lang/forum/t/:topicId/:postNumber', async (request, reply) => {
    const topic = await loadReadableTopic(request, request.params.topicId);
    const postNumber = idParam(request.params.postNumber);
    authorize(postNumber <= topic.lastPostNumber);
    return reply.redirect(postUrl(request.ctx, topic.id, postNumber), 302);
  });

  // A permalink by post id, for search results and notifications that only know the id.
  app.get<{ Params: { postId: string } }>('/:lang/forum/p/:postId', async (request, reply) => {
    const location = await findPostLocation(db, idParam(request.params.postId));
    authorize(!!location);
    await loadReadableTopic(request, String(location.topicId));
    return reply.redirect(postUrl(request.ctx, location.topicId, location.postNumber), 302);
  });

  app.get<{ Params: { topicId: string } }>('/:lang/forum/t/:topicId/reply', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const topic = await loadReadableTopic(request, request.params.topicId);
    permit(canPost(deps.actor, postingState(topic)));
    const quoteParam = queryOf(request).quote;
    let quoting: number | null = null;
    let body = '';
    if (quoteParam !== undefined && /^[0-9]{1,9}$/.test(quoteParam)) {
      const quoted = await findPost(db, topic.id, Number(quoteParam), deps.actor.userId, viewerTag(request, topic.id));
      if (quoted && !quoted.deletedAt && !quoted.isHidden) {
        quoting = quoted.postNumber;
        body = `${quoteSource(quoted.bodySource)}\n\n`;
      }
    }
    return reply.render(
      ReplyPage({
        ctx,
        topicTitle: topic.title,
        crumbs: topicCrumbs(ctx, topic),
        form: emptyForm({ body }),
        action: href(ctx, `/forum/t/${topic.id}/reply`),
        quoting,
      }),
    );
  });

  app.post<{ Params: { topicId: string } }>('/:lang/forum/t/:topicId/reply', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const topic = await loadReadableTopic(request, request.params.topicId);
    permit(canPost(deps.actor, postingState(topic)));
    const action = href(ctx, `/forum/t/${topic.id}/reply`);
    const again = (form: FormState, quoting: number | null) =>
      reply.render(ReplyPage({ ctx, topicTitle: topic.title, crumbs: topicCrumbs(ctx, topic), form, action, quoting }), 422);
    const parsed = parseForm(replySchema, request.body, ctx.t);
    if (!parsed.ok) return again(parsed.form, null);
    const values = { body: parsed.data.body, anonymous: parsed.data.anonymous ? 'on' : '' };
    const quoting = parsed.data.quote ?? null;
    const images = await readImages(request.body);
    if (!images.ok) return again(withError(values, 'images', ctx.t(images.messageId)), quoting);
    const isNew = await checkPostingLimits(request, reply);
    const result = await createReply(deps, {
      topic,
      authorName: requireUser(request.ctx).name,
      body: parsed.data.body,
      anonymous: parsed.data.anonymous,
      quotedPostNumber: quoting,
      images: images.images,
      isNewAccount: isNew,
    });
    if (!result.ok) return again(withError(values, 'body', ctx.t('forum.errors.tooManyLinks')), quoting);
    // Live updates (forum/live): open pages of this topic, in every app process, fetch the new reply.
    await publishNewPost(app.uh.live, topic.id, result.postNumber);
    return reply.redirectWithFlash(postUrl(ctx, topic.id, result.postNumber), 'forum.flash.replied');
  });

  app.post<{ Params: { topicId: string } }>('/:lang/forum/t/:topicId/follow', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const topic = await loadReadableTopic(request, request.params.topicId);
    const parsed = parseForm(followSchema, request.body, ctx.t);
    const back = href(ctx, `/forum/t/${topic.id}`);
    if (!parsed.ok) return reply.redirectWithFlash(back, 'forum.errors.badRequest', 'error');
    await setFollowing(deps, { topicId: topic.id, follow: parsed.data.follow });
    return reply.redirectWithFlash(back, parsed.data.follow ? 'forum.flash.followingTopic' : 'forum.flash.unfollowedTopic');
  });

  // Starting a topic.
  type CategoryParams = { Params: { slug: string; categorySlug: string } };
  async function loadPostableCategory(request: FastifyRequest<CategoryParams>) {
    const deps = forumDeps(request);
    const category = await findCategory(db, request.params.slug, request.params.categorySlug, deps.actor);
    authorize(!!category && canReadCategory(deps.actor, categoryAccess(category)));
    permit(canPost(deps.actor, { category: categoryAccess(category), suspended: category.viewerSuspended }));
    return { deps, category };
  }

  function newTopicPage(ctx: RequestContext, category: NonNullable<Awaited<ReturnType<typeof findCategory>>>, form: FormState) {
    const forum = `/organizations/${category.organizationSlug}/forum`;
    return NewTopicPage({
      ctx,
      category: pickLocalized(category.name, ctx.lang),
      crumbs: [
        { label: ctx.t('forum.organization.title', { organization: pickLocalized(category.organizationName, ctx.lang) }), path: forum },
        { label: pickLocalized(category.name, ctx.lang), path: `${forum}/${category.slug}` },
      ],
      form,
      action: href(ctx, `${forum}/${category.slug}/new`),
    });
  }

  app.get<CategoryParams>('/:lang/organizations/:slug/forum/:categorySlug/new', async (request, reply) => {
    const { category } = await loadPostableCategory(request);
    return reply.render(newTopicPage(request.ctx, category, emptyForm()));
  });

  app.post<CategoryParams>('/:lang/organizations/:slug/forum/:categorySlug/new', async (request, reply) => {
    const { ctx } = request;
    const { deps, category } = await loadPostableCategory(request);
    const parsed = parseForm(newTopicSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(newTopicPage(ctx, category, parsed.form), 422);
    const values = { title: parsed.data.title, body: parsed.data.body, anonymous: parsed.data.anonymous ? 'on' : '' };
    const images = await readImages(request.body);
    if (!images.ok) return reply.render(newTopicPage(ctx, category, withError(values, 'images', ctx.t(images.messageId))), 422);
    const isNew = await checkPostingLimits(request, reply);
    const result = await createTopic(deps, {
      category,
      authorName: requireUser(request.ctx).name,
      title: parsed.data.title,
      body: parsed.data.body,
      anonymous: parsed.data.anonymous,
      images: images.images,
      isNewAccount: isNew,
    });
    if (!result.ok) return reply.render(newTopicPage(ctx, category, withError(values, 'body', ctx.t('forum.errors.tooManyLinks'))), 422);
    return reply.redirectWithFlash(href(ctx, `/forum/t/${result.topicId}`), 'forum.flash.topicCreated');
  });
}
