import type { FastifyRequest } from 'fastify';
import { canAnswerOfficially, canDeletePost, canEditPost, canFlag, canModerate, canPost, canReact, canRevealAuthor, canSeeRevisions, type PostingState } from '../../policy.ts';
import { presentPost } from '../../presenters.ts';
import { listPosts, type TopicContextRow } from '../../queries/forum.ts';
import type { PostAbilities } from '../../views/topic-page.tsx';
import { topicAccess, viewerTag } from '../../loaders.ts';

/** The posting rules' view of a topic and its viewer. */
export function postingState(topic: TopicContextRow): PostingState {
  return { category: topicAccess(topic), topic: { isLocked: topic.is_locked, status: topic.status, isHidden: topic.is_hidden }, suspended: topic.viewer_suspended };
}

/**
 * Loads posts from..to of a topic and presents them with what the viewer may do to each, computed from the
 * forum's policy: the topic page and the live fragment use this one function, so they cannot disagree.
 */
export async function postsWithAbilities(request: FastifyRequest, topic: TopicContextRow, from: number, to: number) {
  const { ctx } = request;
  const actor = ctx.actor;
  const org = topicAccess(topic).organization;
  const moderator = canModerate(actor, org);
  const answerer = canAnswerOfficially(actor, org);
  const posting = postingState(topic);
  const mayReply = canPost(actor, posting);
  const rows = await listPosts(request.server.uh.db, topic.id, from, to, actor?.userId ?? null, viewerTag(request, topic.id));
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
