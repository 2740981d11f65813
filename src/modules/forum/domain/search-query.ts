import { LRUCache } from 'lru-cache';
import type { Queryable } from '../../../db/database.ts';
import { normalizeQuery } from '../queries/search.ts';

/** A reader's query, normalized once by the database (public.uh_search_query and the same words in typed order). */
export interface PreparedQuery {
  /** The tsquery as text (every word a prefix term), or null when the input holds no word. */
  tsquery: string | null;
  /** The query's words as the index stores them (for marking snippets). */
  lexemes: string[];
  /** The same words in the order they were typed (for the fallback's words written apart). */
  words: string[];
}

/**
 * Normalizes the query in one round trip. The search queries then take the tsquery as a parameter
 * (folded at plan time, so the planner still sees how common each word is) instead of calling the
 * normalization SQL function again in every branch.
 */
export async function prepareQuery(db: Queryable, q: string): Promise<PreparedQuery> {
  const known = preparedQueries.get(q);
  if (known) return known;
  const row = await normalizeQuery(db, q);
  const tsquery = row?.tsq ?? null;
  const lexemes = tsquery ? lexemesOf(tsquery) : [];
  const prepared = { tsquery, lexemes, words: tsquery ? (row?.words ?? []) : [] };
  preparedQueries.set(q, prepared);
  return prepared;
}

/** The words of a tsquery made of prefix terms ('word':*), as the index stores them. */
const lexemesOf = (tsquery: string) => [...tsquery.matchAll(/'((?:[^']|'')*)':\*/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"));

/**
 * Normalized queries already asked for. The SQL functions are IMMUTABLE (the same text always gives the
 * same tsquery), so a query people ask again skips that round trip; bounded, least recently used dropped.
 */
const preparedQueries = new LRUCache<string, PreparedQuery>({ max: 5_000 });
