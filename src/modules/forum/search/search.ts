import type { Actor } from '../../../core/authorization.ts';
import type { Translate } from '../../../core/i18n.ts';
import type { Queryable } from '../../../db/database.ts';
import { presentPost, type PostAuthor } from '../index.ts';
import { prepareQuery, searchPosts, searchPostsFuzzy, snippetOf, type SearchInput, type SearchRow, type SnippetWord } from './queries.ts';

/** One result as pages and the API show it: never an anonymous author's identity, only their pseudonym. */
export interface SearchResult {
  postId: number;
  topicId: number;
  postNumber: number;
  topicTitle: string;
  titleMatch: boolean;
  categoryId: number;
  categoryName: Record<string, string>;
  organizationSlug: string;
  organizationName: Record<string, string>;
  author: PostAuthor;
  authorLabel: string;
  createdAt: Date;
  snippet: SnippetWord[];
}

export interface SearchOutcome {
  results: SearchResult[];
  more: boolean;
  /** True when full text found nothing and the trigram fallback answered. */
  fuzzy: boolean;
}

function present(row: SearchRow, snippet: SnippetWord[], t: Translate | undefined): SearchResult {
  // The forum's presenter decides what a reader may know of the author (a pseudonym for anonymous posts).
  const view = presentPost(row, { canModerate: false, t });
  return {
    postId: row.id,
    topicId: row.topic_id,
    postNumber: row.post_number,
    topicTitle: row.title,
    titleMatch: row.title_match,
    categoryId: row.category_id,
    categoryName: row.category_name,
    organizationSlug: row.organization_slug,
    organizationName: row.organization_name,
    author: view.author,
    authorLabel: view.authorLabel,
    createdAt: row.created_at,
    snippet,
  };
}

/** Searches what the viewer may read: full text first, the trigram fallback when that finds nothing. Null for a query without words. */
export async function runSearch(db: Queryable, actor: Actor | null, input: SearchInput, t?: Translate): Promise<SearchOutcome | null> {
  const prepared = await prepareQuery(db, input.q);
  const exact = await searchPosts(db, actor, input, prepared);
  if (exact === null) return null;
  let found = { ...exact, lexemes: prepared.lexemes };
  let fuzzy = false;
  if (exact.rows.length === 0 && input.page === 1) {
    found = await searchPostsFuzzy(db, actor, input, prepared);
    fuzzy = found.rows.length > 0;
  }
  const results = found.rows.map((row) => present(row, snippetOf(row.snippet_words, row.snippet_norms, found.lexemes), t));
  return { results, more: found.more, fuzzy };
}
