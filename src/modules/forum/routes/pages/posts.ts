import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, permit } from '../../../../core/errors.ts';
import { emptyForm, parseForm, withError } from '../../../../core/forms.ts';
import { href } from '../../../../ui/layout.tsx';
import { deletePost } from '../../commands/delete-post.ts';
import { editPost } from '../../commands/edit-post.ts';
import { flagPost } from '../../commands/flag-post.ts';
import { markOfficialAnswer } from '../../commands/mark-official-answer.ts';
import { reactToPost } from '../../commands/react-to-post.ts';
import { revealAuthor } from '../../commands/reveal-author.ts';
import { canAnswerOfficially, canDeletePost, canEditPost, canFlag, canReact, canRevealAuthor, canSeeRevisions } from '../../policy.ts';
import { findPosterStanding } from '../../queries/people.ts';
import { listRevisions } from '../../queries/posts.ts';
import { type TopicContextRow } from '../../queries/topics.ts';
import { answerSchema, editPostSchema, flagSchema, reactionSchema, revealSchema } from '../../schemas.ts';
import { DeletePostPage } from '../../views/delete-post-page.tsx';
import { EditPostPage } from '../../views/edit-post-page.tsx';
import { FlagPage } from '../../views/flag-page.tsx';
import { HistoryPage } from '../../views/history-page.tsx';
import { RevealPage } from '../../views/reveal-page.tsx';
import { forumDeps, loadTopicPost, postingState, topicAccess } from '../../loaders.ts';
import { postUrl, topicCrumbs } from '../../presenters.ts';
import { isNewAccount } from '../../policy.ts';

type PostParams = { Params: { topicId: string; postNumber: string } };

const postCrumbs = (request: FastifyRequest, topic: TopicContextRow) => topicCrumbs(request.ctx, topic);

/** Editing, deleting, reacting, flagging, history, official answers and reveals of single posts. */
export async function postRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const postPath = (topicId: number, n: number) => `/forum/t/${topicId}/${n}`;

  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/edit', async (request, reply) => {
    const { ctx } = request;
    forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    authorize(canEditPost(ctx.actor, access, postingState(topic)));
    const form = emptyForm({ body: post.bodySource, ...(post.postNumber === 1 ? { title: topic.title } : {}) });
    return reply.render(
      EditPostPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        form,
        action: href(ctx, `${postPath(topic.id, post.postNumber)}/edit`),
        withTitle: post.postNumber === 1,
      }),
    );
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/edit', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    authorize(canEditPost(deps.actor, access, postingState(topic)));
    const withTitle = post.postNumber === 1;
    const page = (form: ReturnType<typeof emptyForm>) =>
      reply.render(
        EditPostPage({
          ctx,
          crumbs: postCrumbs(request, topic),
          form,
          action: href(ctx, `${postPath(topic.id, post.postNumber)}/edit`),
          withTitle,
        }),
        422,
      );
    const parsed = parseForm(editPostSchema, request.body, ctx.t);
    if (!parsed.ok) return page(parsed.form);
    if (withTitle && !parsed.data.title) return page(withError({ body: parsed.data.body }, 'title', ctx.t('forms.required')));
    const standing = await findPosterStanding(db, deps.actor.userId);
    const result = await editPost(deps, {
      topic,
      post,
      body: parsed.data.body,
      title: withTitle ? (parsed.data.title ?? null) : null,
      isNewAccount: isNewAccount(standing),
    });
    if (!result.ok)
      return page(withError({ body: parsed.data.body, title: parsed.data.title ?? '' }, 'body', ctx.t('forum.errors.tooManyLinks')));
    return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.flash.edited');
  });

  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/delete', async (request, reply) => {
    const { ctx } = request;
    forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    authorize(canDeletePost(ctx.actor, access));
    return reply.render(
      DeletePostPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        action: href(ctx, `${postPath(topic.id, post.postNumber)}/delete`),
        cancel: postUrl(ctx, topic.id, post.postNumber),
        wholeTopic: post.postNumber === 1 && topic.postCount === 1,
      }),
    );
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/delete', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    authorize(canDeletePost(deps.actor, access));
    const result = await deletePost(deps, { topic, post });
    if (result.topicDeleted)
      return reply.redirectWithFlash(
        href(ctx, `/organizations/${topic.organizationSlug}/forum/${topic.categorySlug}`),
        'forum.flash.topicDeleted',
      );
    return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.flash.deleted');
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/react', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    permit(canReact(deps.actor, access, topicAccess(topic)));
    const parsed = parseForm(reactionSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.errors.badRequest', 'error');
    await reactToPost(deps, { postId: post.id, reaction: parsed.data.reaction });
    return reply.redirect(postUrl(ctx, topic.id, post.postNumber), 303);
  });

  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/flag', async (request, reply) => {
    const { ctx } = request;
    forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    permit(canFlag(ctx.actor, access, topicAccess(topic)));
    return reply.render(
      FlagPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        form: emptyForm(),
        action: href(ctx, `${postPath(topic.id, post.postNumber)}/flag`),
      }),
    );
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/flag', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    permit(canFlag(deps.actor, access, topicAccess(topic)));
    const parsed = parseForm(flagSchema, request.body, ctx.t);
    if (!parsed.ok)
      return reply.render(
        FlagPage({
          ctx,
          crumbs: postCrumbs(request, topic),
          form: parsed.form,
          action: href(ctx, `${postPath(topic.id, post.postNumber)}/flag`),
        }),
        422,
      );
    await flagPost(deps, {
      postId: post.id,
      reason: parsed.data.reason,
      note: parsed.data.note ?? '',
      organization: { id: topic.organizationId, slug: topic.organizationSlug, ancestorIds: topic.organizationAncestorIds },
    });
    return reply.redirectWithFlash(postUrl(ctx, topic.id, post.postNumber), 'forum.flash.flagged');
  });

  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/history', async (request, reply) => {
    const { ctx } = request;
    forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    authorize(canSeeRevisions(ctx.actor, access, topicAccess(topic).organization) && !access.isDeleted);
    const revisions = await listRevisions(db, post.id);
    return reply.render(
      HistoryPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        revisions: revisions.map((r) => ({ title: r.title, body: r.bodySource, at: r.createdAt })),
      }),
    );
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/answer', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    const { topic, post, access } = await loadTopicPost(request);
    permit(canAnswerOfficially(deps.actor, topicAccess(topic).organization) && !access.isDeleted && !access.isHidden);
    const parsed = parseForm(answerSchema, request.body, ctx.t);
    const back = postUrl(ctx, topic.id, post.postNumber);
    if (!parsed.ok) return reply.redirectWithFlash(back, 'forum.errors.badRequest', 'error');
    const result = await markOfficialAnswer(deps, { topic, post, mark: parsed.data.mark });
    if (!result.ok)
      return reply.redirectWithFlash(
        back,
        result.reason === 'firstPost' ? 'forum.errors.answerFirstPost' : 'forum.errors.unchanged',
        'error',
      );
    return reply.redirectWithFlash(back, parsed.data.mark ? 'forum.flash.answerMarked' : 'forum.flash.answerUnmarked');
  });

  // Reveal: platform administrators only; everyone else gets "not found", as if the page did not exist.
  app.get<PostParams>('/:lang/forum/t/:topicId/:postNumber/reveal', async (request, reply) => {
    const { ctx } = request;
    forumDeps(request);
    authorize(canRevealAuthor(ctx.actor));
    const { topic, post } = await loadTopicPost(request);
    authorize(post.isAnonymous && post.deletedAt === null);
    return reply.render(
      RevealPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        form: emptyForm(),
        action: href(ctx, `${postPath(topic.id, post.postNumber)}/reveal`),
        revealed: null,
      }),
    );
  });

  app.post<PostParams>('/:lang/forum/t/:topicId/:postNumber/reveal', async (request, reply) => {
    const { ctx } = request;
    const deps = forumDeps(request);
    authorize(canRevealAuthor(deps.actor));
    const { topic, post } = await loadTopicPost(request);
    authorize(post.isAnonymous && post.deletedAt === null);
    const action = href(ctx, `${postPath(topic.id, post.postNumber)}/reveal`);
    const parsed = parseForm(revealSchema, request.body, ctx.t);
    if (!parsed.ok)
      return reply.render(RevealPage({ ctx, crumbs: postCrumbs(request, topic), form: parsed.form, action, revealed: null }), 422);
    const result = await revealAuthor(deps, { topic, post, reason: parsed.data.reason });
    if (!result.ok)
      return reply.render(
        RevealPage({
          ctx,
          crumbs: postCrumbs(request, topic),
          form: withError({ reason: parsed.data.reason }, 'reason', ctx.t('forum.errors.unsealable')),
          action,
          revealed: null,
        }),
        422,
      );
    return reply.render(
      RevealPage({
        ctx,
        crumbs: postCrumbs(request, topic),
        form: emptyForm(),
        action,
        revealed: { name: result.name, userId: result.userId },
      }),
    );
  });
}
