import type { RequestContext } from '../../core/context.ts';
import { pickLocalized, type Translate } from '../../core/i18n.ts';
import { href } from '../../ui/layout.tsx';
import type { SearchResult } from './domain/search.ts';
import type { ApiCategoryRow } from './queries/categories.ts';
import type { PostRow } from './queries/posts.ts';
import { POSTS_PER_PAGE, type TopicContextRow, type TopicListRow, type TopicMarks } from './queries/topics.ts';

export type { PostRow, TopicListRow };

/** Who wrote a post, as the viewer may know it. */
export type PostAuthor = { kind: 'member'; id: number; name: string } | { kind: 'anonymous'; pseudonymNumber: number } | { kind: 'gone' };

/** What any viewer may see of a post: an anonymous author only as a pseudonym, a hidden body only for moderators and the author. */
export interface PostView {
  id: number;
  topicId: number;
  postNumber: number;
  author: PostAuthor;
  /** "Worker 3" or the member's name, in the viewer's language (when a translator was given). */
  authorLabel: string;
  state: 'visible' | 'hidden' | 'deleted';
  /** Sanitized HTML; null when the viewer may not read it (hidden, deleted). */
  bodyHtml: string | null;
  quotedPostNumber: number | null;
  isOfficialAnswer: boolean;
  reactions: Record<string, number>;
  myReactions: string[];
  isMine: boolean;
  isEdited: boolean;
  revisionCount: number;
  createdAt: Date;
  editedAt: Date | null;
  attachmentIds: number[];
}

/** The pseudonym text for an anonymous author, e.g. "Worker 3". */
export function pseudonymLabel(t: Translate | undefined, number: number): string {
  return t ? t('forum.post.pseudonym', { number }) : `Worker ${number}`;
}

/** Turns a row into what the viewer may see. Never exposes an anonymous author. */
export function presentPost(row: PostRow, viewer: { canModerate: boolean; t?: Translate }): PostView {
  const author: PostAuthor =
    row.authorId === null && row.pseudonymNumber !== null
      ? { kind: 'anonymous', pseudonymNumber: row.pseudonymNumber }
      : row.authorId !== null && row.authorName !== null
        ? { kind: 'member', id: row.authorId, name: row.authorName }
        : { kind: 'gone' };
  const state = row.deletedAt ? 'deleted' : row.isHidden ? 'hidden' : 'visible';
  const mayRead = state === 'visible' || (state === 'hidden' && (viewer.canModerate || row.isMine));
  return {
    id: row.id,
    topicId: row.topicId,
    postNumber: row.postNumber,
    author,
    authorLabel:
      author.kind === 'anonymous'
        ? pseudonymLabel(viewer.t, author.pseudonymNumber)
        : author.kind === 'member'
          ? author.name
          : viewer.t
            ? viewer.t('forum.post.formerMember')
            : '',
    state,
    bodyHtml: mayRead ? row.bodyHtml : null,
    quotedPostNumber: row.quotedPostNumber,
    isOfficialAnswer: row.isOfficialAnswer && state === 'visible',
    reactions: state === 'visible' ? row.reactionCounts : {},
    myReactions: row.myReactions ?? [],
    isMine: row.isMine,
    isEdited: row.editedAt !== null,
    revisionCount: viewer.canModerate || row.isMine ? row.revisionCount : 0,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    attachmentIds: mayRead ? (row.attachmentIds ?? []) : [],
  };
}

/** A topic in a list, as queries.ts selects it. */
/** A topic as a list shows it; an anonymous starter appears as the topic's first pseudonym. */
export interface TopicListItem extends TopicMarks {
  id: number;
  categoryId: number;
  title: string;
  starterLabel: string;
  replyCount: number;
  lastPostedAt: Date;
  createdAt: Date;
  categoryName: Record<string, string> | null;
}

/** Turns a topic row into a list item. */
export function presentTopicListItem(row: TopicListRow, t?: Translate): TopicListItem {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    status: row.status,
    isLocked: row.isLocked,
    isPinned: row.isPinned,
    isHidden: row.isHidden,
    starterLabel: row.isAnonymous ? pseudonymLabel(t, 1) : (row.authorName ?? (t ? t('forum.post.formerMember') : '')),
    replyCount: Math.max(0, row.postCount - 1),
    lastPostedAt: row.lastPostedAt,
    createdAt: row.createdAt,
    categoryName: row.categoryName ?? null,
  };
}

/** A post as JSON: an anonymous author is only a pseudonym number; a hidden or deleted body is null. */
export function postJson(view: PostView) {
  return {
    id: view.id,
    topicId: view.topicId,
    postNumber: view.postNumber,
    author:
      view.author.kind === 'member'
        ? { kind: 'member' as const, id: view.author.id, name: view.author.name }
        : view.author.kind === 'anonymous'
          ? { kind: 'anonymous' as const, pseudonymNumber: view.author.pseudonymNumber }
          : { kind: 'gone' as const },
    state: view.state,
    bodyHtml: view.bodyHtml,
    quotedPostNumber: view.quotedPostNumber,
    isOfficialAnswer: view.isOfficialAnswer,
    reactions: view.reactions,
    isEdited: view.isEdited,
    createdAt: view.createdAt.toISOString(),
    editedAt: view.editedAt ? view.editedAt.toISOString() : null,
    imageUrls: view.attachmentIds.map((id) => `/forum/images/${id}`),
  };
}

/** A topic in a list, as JSON (the starter as the list shows them: a pseudonym when anonymous). */
export function topicListJson(item: TopicListItem) {
  return {
    id: item.id,
    categoryId: item.categoryId,
    title: item.title,
    status: item.status,
    isPinned: item.isPinned,
    isLocked: item.isLocked,
    starter: item.starterLabel,
    replyCount: item.replyCount,
    lastPostedAt: item.lastPostedAt.toISOString(),
    createdAt: item.createdAt.toISOString(),
  };
}

/** A category as JSON, with its organization's slug and name. */
export function categoryJson(row: ApiCategoryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    topicCount: row.topicCount,
    lastPostedAt: row.lastPostedAt ? row.lastPostedAt.toISOString() : null,
    organization: { slug: row.organizationSlug, name: row.organizationName },
  };
}

/** A result as JSON: the author is a member's id and name, or an anonymous author's pseudonym number only. */
export function resultJson(r: SearchResult) {
  return {
    postId: r.postId,
    topicId: r.topicId,
    postNumber: r.postNumber,
    topicTitle: r.topicTitle,
    titleMatch: r.titleMatch,
    category: { id: r.categoryId, name: r.categoryName },
    organization: { slug: r.organizationSlug, name: r.organizationName },
    author:
      r.author.kind === 'member'
        ? { kind: 'member', id: r.author.id, name: r.author.name }
        : r.author.kind === 'anonymous'
          ? { kind: 'anonymous', pseudonymNumber: r.author.pseudonymNumber }
          : { kind: 'gone' },
    createdAt: r.createdAt.toISOString(),
    snippet: r.snippet.map((w) => ({ text: w.word, match: w.hit })),
  };
}

/** The page of a topic that holds a post number. */
export const pageOfPost = (postNumber: number) => Math.ceil(postNumber / POSTS_PER_PAGE);

/** The URL (in the page's language) of a post: its topic page and its anchor. */
export function postUrl(ctx: RequestContext, topicId: number, postNumber: number): string {
  const page = pageOfPost(postNumber);
  return `${href(ctx, `/forum/t/${topicId}`)}${page > 1 ? `?page=${page}` : ''}#p${postNumber}`;
}

/** Crumbs from the organization's forum to a topic. */
export function topicCrumbs(ctx: RequestContext, topic: TopicContextRow): Array<{ label: string; path: string }> {
  const forum = `/organizations/${topic.organizationSlug}/forum`;
  return [
    { label: ctx.t('forum.organization.title', { organization: pickLocalized(topic.organizationName, ctx.lang) }), path: forum },
    { label: pickLocalized(topic.categoryName, ctx.lang), path: `${forum}/${topic.categorySlug}` },
    { label: topic.title, path: `/forum/t/${topic.id}` },
  ];
}
