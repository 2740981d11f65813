import type { FastifyInstance, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { authorize } from '../../../core/errors.ts';
import { canAnswerOfficially, canDeletePost, canEditPost, canFlag, canModerate, canPost, canReact, canRevealAuthor, canSeeRevisions } from '../policy.ts';
import { presentPost } from '../presenters.ts';
import { POSTS_PER_PAGE, listPosts } from '../queries.ts';
import { loadReadableTopic, topicAccess, viewerTag } from '../routes/helpers.ts';
import { postingState } from '../routes/topics.ts';
import { Post, type PostAbilities } from '../views/topic-page.tsx';
import { closeAllStreams, openEventStream } from './event-stream.ts';
import { topicChannel } from './publish.ts';

type TopicParams = { Params: { lang: string; topicId: string }; Querystring: { after?: string } };

/** Live updates of an open topic page: an SSE stream of new post numbers, and the posts' HTML. */
export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const { db, live } = app.uh;
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => closeAllStreams(openStreams));

  // Server-Sent Events: "post" events carry only a post number; the page then asks for the post itself,
  // through the route below and its policies. Only readers of the topic may listen.
  app.get<TopicParams>('/:lang/forum/t/:topicId/events', async (request, reply) => {
    const topic = await loadReadableTopic(request, request.params.topicId);
    openEventStream(request, reply, {
      live,
      channel: topicChannel(topic.id),
      event: 'post',
      // The notice is for pages that are not the topic's last: they link there instead of appending.
      toData: (payload) =>
        typeof payload.postNumber === 'number' && Number.isInteger(payload.postNumber)
          ? { id: payload.postNumber, postNumber: payload.postNumber, notice: request.ctx.t('forum-search.live.newReplies') }
          : null,
      openStreams,
    });
  });

  // The posts after a number, as the topic page's list items (an HTML fragment, same policies as the page).
  app.get<TopicParams>('/:lang/forum/t/:topicId/posts', async (request, reply) => {
    const topic = await loadReadableTopic(request, request.params.topicId);
    const after = request.query.after;
    authorize(typeof after === 'string' && /^[0-9]{1,9}$/.test(after));
    const from = Number(after) + 1;
    const posts = await postsWithAbilities(request, topic, from, from + POSTS_PER_PAGE - 1);
    const html = posts.map((post) => `<li>${render(Post({ ctx: request.ctx, post, topicId: topic.id }))}</li>`).join('');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  async function postsWithAbilities(request: FastifyRequest, topic: Awaited<ReturnType<typeof loadReadableTopic>>, from: number, to: number) {
    const { ctx } = request;
    const actor = ctx.actor;
    const org = topicAccess(topic).organization;
    const moderator = canModerate(actor, org);
    const answerer = canAnswerOfficially(actor, org);
    const posting = postingState(topic);
    const mayReply = canPost(actor, posting);
    const rows = await listPosts(db, topic.id, from, to, actor?.userId ?? null, viewerTag(request, topic.id));
    // The same abilities the topic page computes for each post (forum routes/topics.ts), from the forum's policy.
    return rows.map((row) => {
      const view = presentPost(row, { canModerate: moderator, t: ctx.t });
      const access = { isMine: row.is_mine, isDeleted: row.deleted_at !== null, isHidden: row.is_hidden };
      const can: PostAbilities = {
        edit: canEditPost(actor, access, posting),
        delete: canDeletePost(actor, access),
        react: canReact(actor, access, posting.category),
        flag: canFlag(actor, access, posting.category),
        history: canSeeRevisions(actor, access, org),
        moderate: moderator && !access.isDeleted,
        answer: answerer && row.post_number > 1 && view.state === 'visible',
        reveal: canRevealAuthor(actor) && view.author.kind === 'anonymous' && !access.isDeleted,
        quote: mayReply && view.state === 'visible',
      };
      return { ...view, can };
    });
  }
}
