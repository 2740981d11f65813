import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/authorization.ts';
import {
  canAnswerOfficially,
  topicActionIsNoOp,
  canDeletePost,
  canEditPost,
  canFlag,
  canModerate,
  canPost,
  canReact,
  canReadCategory,
  canRevealAuthor,
  canSeeRevisions,
  type CategoryAccess,
  type PostingState,
} from './policy.ts';
import { defined } from '../../../test/support/defined.ts';

const PARENT = 10;
const ORG = { id: 20, ancestorIds: [PARENT] };
const actor = (grants: Array<[number, Actor['grants'][number]['role']]>, isPlatformAdmin = false): Actor => ({
  userId: 1,
  isPlatformAdmin,
  grants: grants.map(([organizationId, role]) => ({ organizationId, role, regionId: null })),
});
const category = (visibility: CategoryAccess['visibility'], viewerInSubtree = false): CategoryAccess => ({
  visibility,
  organization: ORG,
  viewerInSubtree,
});

const member = actor([[ORG.id, 'member']]);
const parentMember = actor([[PARENT, 'member']]);
const parentOfficial = actor([[PARENT, 'official']]);
const moderator = actor([[ORG.id, 'moderator']]);
const welfare = actor([[ORG.id, 'welfare_officer']]);
const stranger = actor([[99, 'admin']]);
const platformAdmin = actor([], true);

describe('canReadCategory', () => {
  it('lets everyone, visitors included, read public categories', () => {
    expect(canReadCategory(null, category('public'))).toBe(true);
    expect(canReadCategory(stranger, category('public'))).toBe(true);
  });
  it('lets members of the organization and its sub-organizations read members categories, not visitors or strangers', () => {
    expect(canReadCategory(null, category('members'))).toBe(false);
    expect(canReadCategory(stranger, category('members'))).toBe(false);
    expect(canReadCategory(member, category('members', true))).toBe(true);
    // A member of the parent organization is not a member of this one (membership does not reach down).
    expect(canReadCategory(parentMember, category('members', false))).toBe(false);
    // Officials of a parent organization reach down.
    expect(canReadCategory(parentOfficial, category('members', false))).toBe(true);
    expect(canReadCategory(platformAdmin, category('members'))).toBe(true);
  });
  it('keeps officials categories for roles above member', () => {
    expect(canReadCategory(member, category('officials', true))).toBe(false);
    expect(canReadCategory(parentOfficial, category('officials'))).toBe(true);
    expect(canReadCategory(welfare, category('officials'))).toBe(true);
    expect(canReadCategory(stranger, category('officials'))).toBe(false);
  });
});

describe('moderation and answering roles', () => {
  it('gives moderation to moderators and admins (and parent ones), not officials or members', () => {
    expect(canModerate(moderator, ORG)).toBe(true);
    expect(canModerate(actor([[PARENT, 'admin']]), ORG)).toBe(true);
    expect(canModerate(parentOfficial, ORG)).toBe(false);
    expect(canModerate(member, ORG)).toBe(false);
    expect(canModerate(null, ORG)).toBe(false);
  });
  it('gives official answers to officials, coordinators and admins only', () => {
    expect(canAnswerOfficially(parentOfficial, ORG)).toBe(true);
    expect(canAnswerOfficially(actor([[ORG.id, 'coordinator']]), ORG)).toBe(true);
    expect(canAnswerOfficially(moderator, ORG)).toBe(false);
    expect(canAnswerOfficially(member, ORG)).toBe(false);
  });
  it('lets only platform administrators reveal an anonymous author', () => {
    expect(canRevealAuthor(platformAdmin)).toBe(true);
    expect(canRevealAuthor(actor([[ORG.id, 'admin']]))).toBe(false);
    expect(canRevealAuthor(null)).toBe(false);
  });
});

describe('posting rules', () => {
  const open: PostingState = {
    category: category('members', true),
    topic: { isLocked: false, status: 'open', isHidden: false },
    suspended: false,
  };
  it('lets a reader post in an open topic, never a visitor', () => {
    expect(canPost(member, open)).toBe(true);
    expect(canPost(null, { ...open, category: category('public') })).toBe(false);
    expect(canPost(stranger, { ...open, category: category('members', false) })).toBe(false);
  });
  it('stops members at locked, closed or hidden topics but not moderators', () => {
    for (const topic of [
      { ...defined(open.topic, 'open.topic'), isLocked: true },
      { ...defined(open.topic, 'open.topic'), status: 'closed' as const },
      { ...defined(open.topic, 'open.topic'), isHidden: true },
    ]) {
      expect(canPost(member, { ...open, topic })).toBe(false);
      expect(canPost(moderator, { ...open, topic })).toBe(true);
    }
  });
  it('stops a suspended member everywhere, even when starting a topic', () => {
    expect(canPost(member, { ...open, suspended: true })).toBe(false);
    expect(canPost(member, { category: open.category, suspended: true })).toBe(false);
  });
  it('lets authors edit and delete their own standing posts only', () => {
    const mine = { isMine: true, isDeleted: false, isHidden: false };
    const theirs = { isMine: false, isDeleted: false, isHidden: false };
    expect(canEditPost(member, mine, open)).toBe(true);
    expect(canEditPost(moderator, theirs, open)).toBe(false);
    expect(canEditPost(member, { ...mine, isHidden: true }, open)).toBe(false);
    expect(canEditPost(member, mine, { ...open, topic: { ...defined(open.topic, 'open.topic'), isLocked: true } })).toBe(false);
    expect(canDeletePost(member, mine)).toBe(true);
    expect(canDeletePost(member, { ...mine, isDeleted: true })).toBe(false);
    expect(canDeletePost(moderator, theirs)).toBe(false);
  });
  it('shows revisions to the author and moderators', () => {
    expect(canSeeRevisions(member, { isMine: true, isDeleted: false, isHidden: false }, ORG)).toBe(true);
    expect(canSeeRevisions(moderator, { isMine: false, isDeleted: false, isHidden: false }, ORG)).toBe(true);
    expect(canSeeRevisions(member, { isMine: false, isDeleted: false, isHidden: false }, ORG)).toBe(false);
  });
  it('lets readers react to and flag others’ visible posts', () => {
    const theirs = { isMine: false, isDeleted: false, isHidden: false };
    expect(canReact(member, theirs, category('members', true))).toBe(true);
    expect(canReact(member, { ...theirs, isMine: true }, category('members', true))).toBe(false);
    expect(canReact(null, theirs, category('public'))).toBe(false);
    expect(canFlag(member, { ...theirs, isHidden: true }, category('members', true))).toBe(false);
  });
});

describe('topicActionIsNoOp', () => {
  const open = { isLocked: false, isPinned: false, isHidden: false, status: 'open' };
  it('refuses what would change nothing, and only that', () => {
    expect(['unlock', 'unpin', 'reopen', 'restore'].filter((a) => topicActionIsNoOp(open, a))).toEqual([
      'unlock',
      'unpin',
      'reopen',
      'restore',
    ]);
    expect(['lock', 'pin', 'close', 'hide', 'move'].some((a) => topicActionIsNoOp(open, a))).toBe(false);
    const done = { isLocked: true, isPinned: true, isHidden: true, status: 'closed' };
    expect(['lock', 'pin', 'close', 'hide'].every((a) => topicActionIsNoOp(done, a))).toBe(true);
  });
});
