import type { PostView, TopicListItem } from '../index.ts';
import type { ApiCategoryRow } from './queries.ts';

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

export function categoryJson(row: ApiCategoryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    topicCount: row.topic_count,
    lastPostedAt: row.last_posted_at ? row.last_posted_at.toISOString() : null,
    organization: { slug: row.organization_slug, name: row.organization_name },
  };
}
