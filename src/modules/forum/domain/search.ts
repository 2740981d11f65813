import type { Actor } from '../../../core/authorization.ts';
import type { Translate } from '../../../core/i18n.ts';
import type { Queryable } from '../../../db/database.ts';
import { presentPost, type PostAuthor } from '../presenters.ts';
import { viewerScope } from '../queries/visibility.ts';
import type { Kept } from './kept.ts';
import type { SearchForm } from '../schemas.ts';
import { searchPosts, type SearchInput, type SearchRow } from '../queries/search.ts';
import { searchPostsFuzzy } from './search-fallback.ts';
import { prepareQuery } from './search-query.ts';
import { snippetOf, type SnippetWord } from './search-snippets.ts';

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
  /** True when full text found nothing and the fallback (close matches) answered. */
  fuzzy: boolean;
}

/** A search hit with its snippet made: the post's stored words are not kept once the snippet is cut from them. */
export type FoundRow = Omit<SearchRow, 'snippetWords' | 'snippetNorms'> & { snippet: SnippetWord[] };

function present(row: FoundRow, t: Translate | undefined): SearchResult {
  // The forum's presenter decides what a reader may know of the author (a pseudonym for anonymous posts).
  const view = presentPost(row, { canModerate: false, t });
  return {
    postId: row.id,
    topicId: row.topicId,
    postNumber: row.postNumber,
    topicTitle: row.title,
    titleMatch: row.titleMatch,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    organizationSlug: row.organizationSlug,
    organizationName: row.organizationName,
    author: view.author,
    authorLabel: view.authorLabel,
    createdAt: row.createdAt,
    snippet: row.snippet,
  };
}

/** What a search found, before it is presented to a reader: the same for every viewer of one scope. */
export interface SearchFound {
  rows: FoundRow[];
  more: boolean;
  fuzzy: boolean;
}

/** Cuts each hit's snippet around the words it matched (the fallback's words when it answered). */
function withSnippets(rows: SearchRow[], lexemes: string[]): FoundRow[] {
  return rows.map(({ snippetWords, snippetNorms, ...row }) => ({ ...row, snippet: snippetOf(snippetWords, snippetNorms, lexemes) }));
}

/** Finds what the viewer may read: full text first, the fallback when that finds nothing. Null for a query without words. */
export async function findPosts(db: Queryable, actor: Actor | null, input: SearchInput): Promise<SearchFound | null> {
  const prepared = await prepareQuery(db, input.q);
  const exact = await searchPosts(db, actor, input, prepared);
  if (exact === null) return null;
  if (exact.rows.length > 0 || input.page !== 1)
    return { rows: withSnippets(exact.rows, prepared.lexemes), more: exact.more, fuzzy: false };
  const fallback = await searchPostsFuzzy(db, actor, input, prepared);
  return { rows: withSnippets(fallback.rows, fallback.lexemes), more: fallback.more, fuzzy: fallback.rows.length > 0 };
}

/**
 * Searches what the viewer may read and presents the results. With `kept`, what was found is shared by
 * every viewer of the same scope (the organizations they hold roles in decide what they may read) asking
 * the same thing, as long as `kept` keeps it.
 */
export async function runSearch(
  db: Queryable,
  actor: Actor | null,
  input: SearchInput,
  t?: Translate,
  kept?: Kept<SearchFound | null>,
): Promise<SearchOutcome | null> {
  const find = () => findPosts(db, actor, input);
  const found = kept
    ? await kept.get(JSON.stringify([viewerScope(actor), input.q, input.org, input.categoryId, input.from, input.to, input.page]), find)
    : await find();
  if (found === null) return null;
  return { results: found.rows.map((row) => present(row, t)), more: found.more, fuzzy: found.fuzzy };
}

/** The search form's values as a search (the page and the API read the same fields). */
export const searchInput = (data: SearchForm & { q: string }) => ({
  q: data.q,
  org: data.org,
  categoryId: data.category,
  from: data.from,
  to: data.to,
  page: data.page ?? 1,
});
