import type { Actor } from '../../../core/authorization.ts';
import type { Queryable } from '../../../db/database.ts';
import { lookUpIndexedWords, searchPosts, type SearchInput, type SearchRow } from '../queries/search.ts';
import type { PreparedQuery } from './search-query.ts';
import { prefixShare, strategyFor, type BodyStrategy } from './search-strategy.ts';
import { FUZZY_MIN_LENGTH, SPLIT_MAX_LENGTH, chars, prefixTerm, splitIntoWords, substrings, suffixes } from './search-words.ts';

// The fallback's query rewriter: a query full text found nothing for, read through the dictionary of indexed words.

/** Query words the fallback tries joining (neighbours, or all of them). */
const JOINED_MAX_WORDS = 6;

/**
 * How to read a query that full text found nothing for, from the dictionary of indexed words
 * (forum_search_words, migration 20261123T2242), in one round trip:
 * - a query word that no indexed word begins with is replaced by the words spelt like it (trigram
 *   similarity: "qestion" finds "question") or by the indexed words it splits into (words written
 *   together: "کاروکارگری" finds "کار و کارگری");
 * - two neighbouring query words, or all of them, written together ("cong nhan tre" finds "congnhan
 *   tre"), when an indexed word begins so.
 * Returns the query to run instead (each term a prefix) and how to find its newest matches, or null
 * when there is nothing else to try.
 */
export async function fallbackQuery(
  db: Queryable,
  prepared: PreparedQuery,
): Promise<{ query: PreparedQuery; strategy: BodyStrategy } | null> {
  const { lexemes, words: typed } = prepared;
  if (lexemes.length === 0) return null;
  const splittable = lexemes.filter((l) => chars(l).length >= FUZZY_MIN_LENGTH && chars(l).length <= SPLIT_MAX_LENGTH);
  const firsts = typed.slice(0, JOINED_MAX_WORDS);
  const pairs = firsts.flatMap((word, i) => {
    const next = firsts[i + 1];
    return next === undefined ? [] : [word + next];
  });
  const whole = typed.length > 2 && typed.length <= JOINED_MAX_WORDS ? [typed.join('')] : [];
  const starts = [...new Set([...lexemes, ...splittable.flatMap(suffixes), ...pairs, ...whole])];
  const pieces = [...new Set(splittable.flatMap((l) => [...substrings(l)]))];
  const respellable = lexemes.filter((l) => chars(l).length >= FUZZY_MIN_LENGTH);
  const rows = await lookUpIndexedWords(db, starts, pieces, respellable);
  const wordStarts = new Set<string>();
  const words = new Set<string>();
  const similar = new Map<string, string[]>();
  for (const row of rows) {
    if (row.kind === 'start') wordStarts.add(row.key);
    else if (row.kind === 'word') words.add(row.key);
    else similar.set(row.key, [...(similar.get(row.key) ?? []), row.word]);
  }
  // The query instead: alternatives (OR) of conjunctions (AND) of terms (OR) of pieces (AND), each a prefix.
  const termsFor = (l: string): string[][] => {
    if (wordStarts.has(l)) return [[l]];
    // A word that splits into indexed words was written together; otherwise it may be misspelt.
    const split = splitIntoWords(
      l,
      (p) => words.has(p),
      (p) => wordStarts.has(p),
    );
    return split ? [split] : (similar.get(l) ?? []).map((w) => [w]);
  };
  const alternatives: string[][][][] = [];
  const add = (conj: string[][][]) => {
    if (conj.every((terms) => terms.length > 0)) alternatives.push(conj);
  };
  if (!lexemes.every((l) => wordStarts.has(l))) add(lexemes.map(termsFor));
  pairs.forEach((pair, i) => {
    if (wordStarts.has(pair)) add([[[pair]], ...typed.filter((_, j) => j !== i && j !== i + 1).map(termsFor)]);
  });
  for (const joined of whole) if (wordStarts.has(joined)) add([[[joined]]]);
  if (alternatives.length === 0) return null;
  // Every list here is non-empty (add() keeps only conjunctions whose terms are all there), so `?? ''` never applies.
  const and = (items: string[]) => (items.length > 1 ? `(${items.join(' & ')})` : (items[0] ?? ''));
  const or = (items: string[]) => (items.length > 1 ? `(${items.join(' | ')})` : (items[0] ?? ''));
  const tsquery = or(alternatives.map((conj) => and(conj.map((terms) => or(terms.map((p) => and(p.map(prefixTerm))))))));
  // How common the query is decides how its newest matches are found, as for any search: the shares
  // of alternatives add up, and the rarest part of a conjunction bounds it.
  const share = await prefixShare(db);
  const sum = (values: number[]) =>
    Math.min(
      1,
      values.reduce((a, b) => a + b, 0),
    );
  const queryShare = sum(alternatives.map((conj) => Math.min(...conj.map((terms) => sum(terms.map((p) => Math.min(...p.map(share))))))));
  const used = [...new Set(alternatives.flat(3))];
  return { query: { tsquery, lexemes: used, words: used }, strategy: strategyFor(queryShare) };
}

/**
 * The fallback when full text finds nothing: the query read through the dictionary of indexed words
 * (fallbackQuery), then searched like every other query.
 */
export async function searchPostsFuzzy(
  db: Queryable,
  actor: Actor | null,
  input: SearchInput,
  prepared: PreparedQuery,
): Promise<{ rows: SearchRow[]; more: boolean; lexemes: string[] }> {
  const instead = await fallbackQuery(db, prepared);
  if (!instead) return { rows: [], more: false, lexemes: prepared.lexemes };
  const found = await searchPosts(db, actor, input, instead.query, { strategy: instead.strategy });
  return { rows: found?.rows ?? [], more: found?.more ?? false, lexemes: instead.query.lexemes };
}
