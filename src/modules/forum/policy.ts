import { hasRole, type Actor, type OrganizationRef, type Role } from '../../core/authorization.ts';

export const VISIBILITIES = ['public', 'members', 'officials'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Roles that count as "officials" for officials-only categories: everyone above a plain member. */
export const OFFICIAL_ROLES: readonly Role[] = ['official', 'coordinator', 'moderator', 'welfare_officer', 'admin'];
/** Roles that may mark an official answer and see the unanswered-questions queue. */
export const ANSWERING_ROLES: readonly Role[] = ['official', 'coordinator', 'admin'];
/** Roles that moderate an organization's forum and manage its categories. */
export const MODERATING_ROLES: readonly Role[] = ['moderator', 'admin'];

/** What a policy needs to know about a category. */
export interface CategoryAccess {
  visibility: Visibility;
  organization: OrganizationRef;
  /** The viewer holds some role (member included) in the category's organization or one of its sub-organizations. */
  viewerInSubtree: boolean;
}

/** Who may read a category (and its topics and posts). Deny by default. */
export function canReadCategory(actor: Actor | null, category: CategoryAccess): boolean {
  if (category.visibility === 'public') return true;
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  if (category.visibility === 'members') return category.viewerInSubtree || hasRole(actor, category.organization, OFFICIAL_ROLES);
  // What is left is 'officials'.
  return hasRole(actor, category.organization, OFFICIAL_ROLES);
}

/** Moderators and admins of the organization (or a parent) moderate its forum. */
export function canModerate(actor: Actor | null, organization: OrganizationRef): boolean {
  return hasRole(actor, organization, MODERATING_ROLES);
}

/** Creating and editing categories: the organization's admins and moderators. */
export const canManageCategories = canModerate;

/** Officials, coordinators and admins answer for the organization. */
export function canAnswerOfficially(actor: Actor | null, organization: OrganizationRef): boolean {
  return hasRole(actor, organization, ANSWERING_ROLES);
}

/** What the poster's situation is, for the posting rules. */
export interface PostingState {
  category: CategoryAccess;
  /** Absent when starting a topic. */
  topic?: { isLocked: boolean; status: 'open' | 'answered' | 'closed'; isHidden: boolean };
  suspended: boolean;
}

/** Signed-in readers may start topics and reply unless suspended or the topic is locked or closed (moderators still may). */
export function canPost(actor: Actor | null, state: PostingState): boolean {
  if (!actor || !canReadCategory(actor, state.category)) return false;
  if (state.suspended && !actor.isPlatformAdmin) return false;
  if (!state.topic) return true;
  if (canModerate(actor, state.category.organization)) return true;
  return !state.topic.isLocked && state.topic.status !== 'closed' && !state.topic.isHidden;
}

/** What a policy needs to know about one post. */
export interface PostAccess {
  isMine: boolean;
  isDeleted: boolean;
  isHidden: boolean;
}

/** Authors edit their own posts (anonymous ones too) while the post stands and the topic is open to them. */
export function canEditPost(actor: Actor | null, post: PostAccess, posting: PostingState): boolean {
  return !!actor && post.isMine && !post.isDeleted && !post.isHidden && canPost(actor, posting);
}

/** Authors delete their own posts; moderators hide instead. */
export function canDeletePost(actor: Actor | null, post: PostAccess): boolean {
  return !!actor && post.isMine && !post.isDeleted;
}

/** Moderators see the revision history of every post; authors see their own. */
export function canSeeRevisions(actor: Actor | null, post: PostAccess, organization: OrganizationRef): boolean {
  return !!actor && (post.isMine || canModerate(actor, organization));
}

/** Reacting and flagging need a signed-in reader; one does not react to or flag one's own post. */
export function canReact(actor: Actor | null, post: PostAccess, category: CategoryAccess): boolean {
  return !!actor && !post.isMine && !post.isDeleted && !post.isHidden && canReadCategory(actor, category);
}

export const canFlag = canReact;

/** Only a platform administrator may reveal who wrote an anonymous post (with a written reason). */
export function canRevealAuthor(actor: Actor | null): boolean {
  return !!actor && actor.isPlatformAdmin;
}

// The new-account trust policy: tighter limits (links per post, posts in ten minutes) until an account is trusted.
/** Links a new account may put in one post until it is trusted. */
export const NEW_ACCOUNT_MAX_LINKS = 2;
/** An account is new while younger than this many hours... */
export const NEW_ACCOUNT_HOURS = 48;
/** ...and with fewer standing (not hidden, not deleted) named posts than this. */
export const TRUSTED_AFTER_POSTS = 3;

/** True while an account is new: young and with few standing posts. */
export function isNewAccount(standing: { accountAgeHours: number; approvedPosts: number }): boolean {
  return standing.accountAgeHours < NEW_ACCOUNT_HOURS && standing.approvedPosts < TRUSTED_AFTER_POSTS;
}

/** The state a topic moderation action changes (TopicAction of commands/moderate-topic.ts). */
export interface TopicModerationState {
  isLocked: boolean;
  isPinned: boolean;
  isHidden: boolean;
  status: string;
}

/** Whether a lock/pin/close/hide action (or its reverse) would change nothing: the queue offers only the others, the command refuses them. */
export function topicActionIsNoOp(topic: TopicModerationState, action: string): boolean {
  return (
    (action === 'lock' && topic.isLocked) ||
    (action === 'unlock' && !topic.isLocked) ||
    (action === 'pin' && topic.isPinned) ||
    (action === 'unpin' && !topic.isPinned) ||
    (action === 'close' && topic.status === 'closed') ||
    (action === 'reopen' && topic.status !== 'closed') ||
    (action === 'hide' && topic.isHidden) ||
    (action === 'restore' && !topic.isHidden)
  );
}
