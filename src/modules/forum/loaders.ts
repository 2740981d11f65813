import type { FastifyRequest } from 'fastify';
import { authorize } from '../../core/errors.ts';
import { idParam, requireActor } from '../../core/route-params.ts';
import { anonymousTag } from './domain/anonymity.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { WORK_ITEMS_SHOWN, workSection, type WorkLoader } from '../../core/work.ts';
import { openFlagsForModerator } from './queries/moderation.ts';
import { commandDeps, type CommandDeps } from '../../core/commands.ts';
import {
  canAnswerOfficially,
  canDeletePost,
  canEditPost,
  canFlag,
  canModerate,
  canPost,
  canReact,
  canReadCategory,
  canRevealAuthor,
  canSeeRevisions,
  MODERATING_ROLES,
  type CategoryAccess,
  type PostingState,
} from './policy.ts';
import { presentPost } from './presenters.ts';
import { type CategoryContextRow } from './queries/categories.ts';
import { findPost, listPosts } from './queries/posts.ts';
import { findTopic, type TopicContextRow } from './queries/topics.ts';
import type { PostAbilities } from './views/topic-page.tsx';

/** What commands need, from the request (a visitor is sent to log in). */
export function forumDeps(request: FastifyRequest): CommandDeps {
  return commandDeps(request, requireActor(request.ctx));
}

/** The request's query parameters. */
export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return (request.query ?? {}) as Record<string, string | undefined>;
}

/** The policy's view of a topic's category. */
export function topicAccess(topic: TopicContextRow): CategoryAccess {
  return {
    visibility: topic.visibility,
    organization: { id: topic.organizationId, ancestorIds: topic.organizationAncestorIds },
    viewerInSubtree: topic.viewerInSubtree,
  };
}

/** The policy's view of a category row. */
export function categoryAccess(category: CategoryContextRow): CategoryAccess {
  return {
    visibility: category.visibility,
    organization: { id: category.organizationId, ancestorIds: category.organizationAncestorIds },
    viewerInSubtree: category.viewerInSubtree,
  };
}

/** The posting rules' view of a topic and its viewer. */
export function postingState(topic: TopicContextRow): PostingState {
  return {
    category: topicAccess(topic),
    topic: { isLocked: topic.isLocked, status: topic.status, isHidden: topic.isHidden },
    suspended: topic.viewerSuspended,
  };
}

/** Loads a topic the viewer may read (hidden topics: moderators only); 404 otherwise, the same as a missing one. */
export async function loadReadableTopic(request: FastifyRequest, topicIdParam: unknown): Promise<TopicContextRow> {
  const topic = await findTopic(request.server.uh.db, idParam(topicIdParam), request.ctx.actor);
  authorize(!!topic && canReadCategory(request.ctx.actor, topicAccess(topic)));
  authorize(!topic.isHidden || canModerate(request.ctx.actor, topicAccess(topic).organization));
  return topic;
}

/** A topic the viewer may read and one of its posts; 404 for either missing. */
export async function loadTopicPost(request: FastifyRequest<{ Params: { topicId: string; postNumber: string } }>) {
  const topic = await loadReadableTopic(request, request.params.topicId);
  const post = await findPost(
    request.server.uh.db,
    topic.id,
    idParam(request.params.postNumber),
    request.ctx.actor?.userId ?? null,
    viewerTag(request, topic.id),
  );
  authorize(!!post);
  return { topic, post, access: { isMine: post.isMine, isDeleted: post.deletedAt !== null, isHidden: post.isHidden } };
}

/** The viewer's keyed tag in this topic (to recognize their own anonymous posts), or null for visitors. */
export function viewerTag(request: FastifyRequest, topicId: number): Buffer | null {
  const actor = request.ctx.actor;
  return actor ? anonymousTag(request.server.uh.config.anonymityKey, topicId, actor.userId) : null;
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
    const access = { isMine: row.isMine, isDeleted: row.deletedAt !== null, isHidden: row.isHidden };
    const can: PostAbilities = {
      edit: canEditPost(actor, access, posting),
      delete: canDeletePost(actor, access),
      react: canReact(actor, access, posting.category),
      flag: canFlag(actor, access, posting.category),
      history: canSeeRevisions(actor, access, org),
      moderate: moderator && !access.isDeleted,
      answer: answerer && row.postNumber > 1 && view.state === 'visible',
      reveal: canRevealAuthor(actor) && view.author.kind === 'anonymous' && !access.isDeleted,
      quote: mayReply && view.state === 'visible',
    };
    return { ...view, can };
  });
}

/** "My work" from the forum: flagged posts in the forums the actor moderates, oldest flag first, each linked to its moderation page. */
export const forumWorkFor: WorkLoader = async (db, actor, lang) => {
  const organizationIds = [...new Set(actor.grants.filter((g) => MODERATING_ROLES.includes(g.role)).map((g) => g.organizationId))];
  if (organizationIds.length === 0 && !actor.isPlatformAdmin) return [];
  const flags = await openFlagsForModerator(db, organizationIds, actor.isPlatformAdmin, WORK_ITEMS_SHOWN);
  return workSection('flags', flags, null, (f) => ({
    title: f.topicTitle,
    context: [pickLocalized(f.organizationName, lang)],
    path: `/forum/t/${f.topicId}/${f.postNumber}/moderate`,
    dueOn: null,
    since: f.flaggedAt,
  }));
};
