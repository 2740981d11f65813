import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../../core/errors.ts';
import { emptyForm, parseForm, type FormState } from '../../../../core/forms.ts';
import { pickLocalized } from '../../../../core/i18n.ts';
import { href } from '../../../../ui/layout.tsx';
import { moderatePost, POST_MODERATIONS, type PostModeration } from '../../commands/moderate-post.ts';
import { moderateTopic, TOPIC_ACTIONS, type TopicAction } from '../../commands/moderate-topic.ts';
import { liftMemberSuspension } from '../../commands/lift-member-suspension.ts';
import { suspendMember } from '../../commands/suspend-member.ts';
import { canModerate, topicActionIsNoOp } from '../../policy.ts';
import { findCategoryById, listCategoriesInSubtree } from '../../queries/categories.ts';
import { listActiveSuspensions, listOpenFlags } from '../../queries/moderation.ts';
import { type TopicContextRow } from '../../queries/topics.ts';
import { liftSchema, postModerationSchema, suspensionSchema, topicModerationSchema } from '../../schemas.ts';
import { ModerationQueuePage } from '../../views/moderation-queue-page.tsx';
import { PostModerationPage } from '../../views/post-moderation-page.tsx';
import { TopicModerationPage } from '../../views/topic-moderation-page.tsx';
import { forumDeps, loadReadableTopic, loadTopicPost, topicAccess } from '../../loaders.ts';
import { idParam, requireActor } from '../../../../core/route-params.ts';
import { postUrl, presentPost, pseudonymLabel, topicCrumbs } from '../../presenters.ts';
import { findOrganizationBySlug, type OrganizationSummary } from '../../../organizations/index.ts';

type PostParams = { Params: { topicId: string; postNumber: string } };

/** The moderation queue, post and topic moderation, suspensions. Moderators only; others get 404. */
export async function moderationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  async function loadModeratedPost(request: FastifyRequest<PostParams>) {
    forumDeps(request);
    const loaded = await loadTopicPost(request);
    authorize(canModerate(request.ctx.actor, topicAccess(loaded.topic).organization) && !loaded.access.isDeleted);
    return loaded;
  }

  function postModerationPage(
    request: FastifyRequest,
    loaded: Awaited<ReturnType<typeof loadModeratedPost>>,
    form: FormState,
    suspendForm: FormState,
  ) {
    const { ctx } = request;
    const { topic, post } = loaded;
    const view = presentPost(post, { canModerate: true, t: ctx.t });
    const base = href(ctx, `/forum/t/${topic.id}/${post.postNumber}`);
    return PostModerationPage({
      ctx,
      crumbs: topicCrumbs(ctx, topic),
      post: {
        authorLabel: view.authorLabel,
        bodyHtml: view.bodyHtml ?? '',
        hidden: post.isHidden,
        postNumber: post.postNumber,
        canSuspendAuthor: view.author.kind === 'member' && view.author.id !== requireActor(ctx).userId,
      },
      actionBase: `${base}/moderate`,
      suspendAction: `${base}/suspend-author`,
      form,
      suspendForm,
    });
  }

  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/moderate', async (request, reply) => {
    const loaded = await loadModeratedPost(request);
    return reply.render(postModerationPage(request, loaded, emptyForm(), emptyForm()));
  });

  async function moderatePostAction(request: FastifyRequest<PostParams>, reply: FastifyReply, action: PostModeration) {
    const { ctx } = request;
    const deps = forumDeps(request);
    const loaded = await loadModeratedPost(request);
    const parsed = parseForm(postModerationSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(postModerationPage(request, loaded, parsed.form, emptyForm()), 422);
    const { topic, post } = loaded;
    const result = await moderatePost(deps, {
      organizationId: topic.organizationId,
      topicId: topic.id,
      post,
      action,
      reason: parsed.data.reason,
    });
    if (!result.ok) return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.errors.unchanged', 'error');
    return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), `forum.flash.post.${action}`);
  }
  // One URL per action: POST …/:postNumber/moderate/hide, …/moderate/restore, …/moderate/dismiss (the flags).
  for (const action of POST_MODERATIONS) {
    app.post<PostParams>(`/:lang/forum/t/:topicId/:postNumber/moderate/${action}`, (request, reply) =>
      moderatePostAction(request, reply, action),
    );
  }

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/suspend-author', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const loaded = await loadModeratedPost(request);
    const { topic, post } = loaded;
    // Anonymous posts have no author id to suspend: only a platform administrator's reveal can name one.
    authorize(post.authorId !== null);
    const parsed = parseForm(suspensionSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(postModerationPage(request, loaded, emptyForm(), parsed.form), 422);
    const result = await suspendMember(deps, {
      organizationId: topic.organizationId,
      organizationSlug: topic.organizationSlug,
      userId: post.authorId,
      days: parsed.data.days,
      reason: parsed.data.reason,
      fromPostId: post.id,
    });
    if (!result.ok) return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.errors.suspendSelf', 'error');
    return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.flash.suspended');
  });

  async function loadModeratedTopic(request: FastifyRequest<{ Params: { topicId: string } }>) {
    forumDeps(request);
    const topic = await loadReadableTopic(request, request.params.topicId);
    authorize(canModerate(request.ctx.actor, topicAccess(topic).organization));
    return topic;
  }

  function availableActions(topic: TopicContextRow): TopicAction[] {
    return TOPIC_ACTIONS.filter((a) => !topicActionIsNoOp(topic, a));
  }

  async function topicModerationPage(request: FastifyRequest, topic: TopicContextRow, form: FormState) {
    const { ctx } = request;
    const categories = await listCategoriesInSubtree(db, topic.organizationId);
    return TopicModerationPage({
      ctx,
      crumbs: topicCrumbs(ctx, topic),
      topicTitle: topic.title,
      available: availableActions(topic),
      categories: categories
        .filter((c) => c.id !== topic.categoryId)
        .map((c) => [String(c.id), `${pickLocalized(c.organizationName, ctx.lang)} › ${pickLocalized(c.name, ctx.lang)}`]),
      form,
      actionBase: href(ctx, `/forum/t/${topic.id}/moderate`),
    });
  }

  app.get<{ Params: { topicId: string } }>('/:lang/forum/t/:topicId/moderate', async (request, reply) => {
    const topic = await loadModeratedTopic(request);
    return reply.render(await topicModerationPage(request, topic, emptyForm()));
  });

  async function moderateTopicAction(request: FastifyRequest<{ Params: { topicId: string } }>, reply: FastifyReply, action: TopicAction) {
    const { ctx } = request;
    const deps = forumDeps(request);
    const topic = await loadModeratedTopic(request);
    const parsed = parseForm(topicModerationSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await topicModerationPage(request, topic, parsed.form), 422);
    const { reason } = parsed.data;
    let target: number | undefined;
    if (action === 'move') {
      // The target must be a category this moderator moderates too.
      const category = parsed.data.category ? await findCategoryById(db, parsed.data.category, deps.actor) : undefined;
      if (!category || !canModerate(deps.actor, { id: category.organizationId, ancestorIds: category.organizationAncestorIds })) {
        const values = { reason, category: String(parsed.data.category ?? '') };
        return reply.render(
          await topicModerationPage(request, topic, { values, errors: { category: ctx.t('forum.errors.moveTarget') } }),
          422,
        );
      }
      target = category.id;
    }
    const result = await moderateTopic(deps, { topic, action, reason, targetCategoryId: target });
    if (!result.ok) return reply.redirectWithFlash(href(ctx, `/forum/t/${topic.id}`), 'forum.errors.unchanged', 'error');
    return reply.redirectWithFlash(href(ctx, `/forum/t/${topic.id}`), `forum.flash.topic.${action}`);
  }
  // One URL per action: POST …/moderate/lock, …/unlock, …/pin, …/unpin, …/close, …/reopen, …/hide, …/restore, …/move.
  for (const action of TOPIC_ACTIONS) {
    app.post<{ Params: { topicId: string } }>(`/:lang/forum/t/:topicId/moderate/${action}`, (request, reply) =>
      moderateTopicAction(request, reply, action),
    );
  }

  async function loadModeratedOrganization(request: FastifyRequest<{ Params: { slug: string } }>) {
    forumDeps(request);
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization && canModerate(request.ctx.actor, { id: organization.id, ancestorIds: organization.ancestorIds }));
    return organization;
  }

  async function queuePage(request: FastifyRequest, organization: OrganizationSummary, liftForm: FormState) {
    const { ctx } = request;
    const [flags, suspensions] = await Promise.all([listOpenFlags(db, organization.id), listActiveSuspensions(db, organization.id)]);
    const base = `/organizations/${organization.slug}/forum`;
    return ModerationQueuePage({
      ctx,
      crumbs: [{ label: ctx.t('forum.organization.title', { organization: pickLocalized(organization.name, ctx.lang) }), path: base }],
      flags: flags.map((f) => ({
        topicId: f.topicId,
        topicTitle: f.topicTitle,
        postNumber: f.postNumber,
        // Never the name behind a pseudonym: the queue shows what the topic page shows.
        authorLabel:
          f.authorId === null && f.pseudonymNumber !== null
            ? pseudonymLabel(ctx.t, f.pseudonymNumber)
            : (f.authorName ?? ctx.t('forum.post.formerMember')),
        bodyHtml: f.bodyHtml,
        hidden: f.postHidden,
        reason: f.reason,
        note: f.note,
        flagCount: f.flagCount,
        flaggedAt: f.createdAt,
      })),
      suspensions: suspensions.map((s) => ({ id: s.id, name: s.userName, reason: s.reason, endsAt: s.endsAt })),
      liftAction: (id) => href(ctx, `${base}/moderation/suspensions/${id}/lift`),
      liftForm,
    });
  }

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/forum/moderation', async (request, reply) => {
    const organization = await loadModeratedOrganization(request);
    return reply.render(await queuePage(request, organization, emptyForm()));
  });

  app.post<{ Params: { slug: string; suspensionId: string } }>(
    '/:lang/organizations/:slug/forum/moderation/suspensions/:suspensionId/lift',
    async (request, reply) => {
      const { ctx } = request;
      const deps = forumDeps(request);
      const organization = await loadModeratedOrganization(request);
      const suspensionId = idParam(request.params.suspensionId);
      const parsed = parseForm(liftSchema, request.body, ctx.t);
      if (!parsed.ok) return reply.render(await queuePage(request, organization, parsed.form), 422);
      const result = await liftMemberSuspension(deps, { organizationId: organization.id, suspensionId, reason: parsed.data.reason });
      authorize(result.ok);
      return reply.redirectWithFlash(href(ctx, `/organizations/${organization.slug}/forum/moderation`), 'forum.flash.lifted');
    },
  );
}
