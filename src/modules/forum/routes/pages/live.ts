import type { FastifyInstance } from 'fastify';
import { render } from 'preact-render-to-string';
import { authorize } from '../../../../core/errors.ts';
import { POSTS_PER_PAGE } from '../../queries/topics.ts';
import { Post } from '../../views/topic-page.tsx';
import { closeAllStreams, openEventStream } from '../../domain/event-stream.ts';
import { topicChannel } from '../../domain/publish.ts';
import { loadReadableTopic, postsWithAbilities } from '../../loaders.ts';

type TopicParams = { Params: { lang: string; topicId: string }; Querystring: { after?: string } };

/** Live updates of an open topic page: an SSE stream of new post numbers, and the posts' HTML. */
export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const { live } = app.uh;
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => closeAllStreams(openStreams));
  // Back from a lost LISTEN connection: posts made meanwhile were never relayed. Ending the streams makes each
  // browser reconnect (after RETRY_MS) and fetch what it missed (public/js/live.js does so on "open").
  const stopResync = live.onResync(() => closeAllStreams(openStreams));
  app.addHook('onClose', async () => stopResync());

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
}
