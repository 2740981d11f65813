import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../../../core/authorization.ts';
import type { Queryable } from '../../../db/database.ts';
import { visibleCategoryCondition } from './visibility.ts';
import { type PostRow } from '../presenters.ts';

/** What a reader asked for (already validated). */
export interface SearchInput {
  q: string;
  /** Organization slug. */
  org?: string;
  categoryId?: number;
  /** Calendar days (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  /** 1-based page of PAGE_SIZE results, up to MAX_PAGES. */
  page: number;
}

export const PAGE_SIZE = 20;
/** Candidates taken from the index, newest first; only these are ranked (never every match of a common word). */
export const CANDIDATES = 200;
export const MAX_PAGES = CANDIDATES / PAGE_SIZE;
/**
 * For a query of common words: how many of the newest search rows are tested one by one (each a cheap
 * test of a stored vector, about 1 µs) before the GIN index is asked instead. Walking 20,000 rows costs
 * about what the GIN index costs for words that common (it must merge every post holding them).
 */
export const RECENT_WINDOW = 20_000;
/** A query is "common" when each of its words is in at least this share of posts (by PostgreSQL's statistics). */
export const COMMON_SHARE = 0.01;
/** How long the word statistics are kept in memory before they are read again. */
const STATS_TTL_MS = 5 * 60_000;
/** Shortest query word the fallback respells or splits (shorter ones are prefixes of too many words). */
export const FUZZY_MIN_LENGTH = 4;

/** One search hit as selected (a PostRow for the forum's presenter, plus where it lives). */
export interface SearchRow extends PostRow {
  title: string;
  category_id: number;
  category_name: Record<string, string>;
  organization_slug: string;
  organization_name: Record<string, string>;
  title_match: boolean;
  /** The stored snippet words and their normalized forms (space-separated), or null if the row is gone. */
  snippet_words: string | null;
  snippet_norms: string | null;
}

/** A word of a snippet, and whether it matched the query. */
export interface SnippetWord {
  word: string;
  hit: boolean;
}

/**
 * A named (prepared) statement for a search query's text: each pooled connection plans a query shape
 * once and reuses the plan (the plans are made to take the same path whatever the words; planning the
 * whole statement each time cost about a quarter of a search's database time).
 */
function namedStatement(sql: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: `forum-search-${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`, text: sql, values };
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

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
  // The words in typed order: the lexemes of the query's vector (ZWNJ removed, as uh_search_query does) by first position.
  const result = await db.query<{ tsq: string | null; words: string[] }>(
    `SELECT public.uh_search_query($1)::text AS tsq,
            ARRAY(SELECT v.lexeme FROM unnest(to_tsvector('pg_catalog.simple', replace(public.uh_search_text($1), U&'\\200C', ''))) v
                  ORDER BY v.positions[1]) AS words`,
    [q],
  );
  const tsquery = result.rows[0]?.tsq ?? null;
  const lexemes = tsquery ? lexemesOf(tsquery) : [];
  const prepared = { tsquery, lexemes, words: tsquery ? (result.rows[0]?.words ?? []) : [] };
  preparedQueries.set(q, prepared);
  return prepared;
}

/** The words of a tsquery made of prefix terms ('word':*), as the index stores them. */
const lexemesOf = (tsquery: string) => [...tsquery.matchAll(/'((?:[^']|'')*)':\*/g)].map((m) => m[1].replaceAll("''", "'"));

/**
 * Normalized queries already asked for. The SQL functions are IMMUTABLE (the same text always gives the
 * same tsquery), so a query people ask again skips that round trip; bounded, least recently used dropped.
 */
const preparedQueries = new LRUCache<string, PreparedQuery>({ max: 5_000 });

/**
 * The categories this search may return, as a CTE `allowed(ids)`: those the viewer may read, narrowed by
 * the organization and category filters. Computed once per search; each branch then tests a category id
 * against the array (on the search row itself for post bodies, no join to topics).
 */
function allowedCategories(params: Params, actor: Actor | null, input: SearchInput): string {
  const visible = visibleCategoryCondition('ac.id', params.values.length + 1, actor);
  params.values.push(...visible.params);
  const parts = [visible.sql];
  if (input.org) parts.push(`ac.organization_id IN (SELECT ao.id FROM organizations ao WHERE ao.slug = ${params.add(input.org)})`);
  if (input.categoryId) parts.push(`ac.id = ${params.add(input.categoryId)}`);
  return `allowed AS MATERIALIZED (SELECT ARRAY(SELECT ac.id FROM forum_categories ac WHERE ${parts.join(' AND ')}) AS ids)`;
}

/** Calendar-day filters on a timestamp column. */
function dateFilters(params: Params, input: SearchInput, column: string): string {
  const parts: string[] = [];
  if (input.from) parts.push(` AND ${column} >= ${params.add(input.from)}::date`);
  if (input.to) parts.push(` AND ${column} < ${params.add(input.to)}::date + 1`);
  return parts.join('');
}

/**
 * Topics whose title matches `titleCondition` (on `t`), newest activity first, each as its first post
 * (when that post is readable and within the dates). The topics are ordered before their first posts are
 * looked up, so only about `limit` lookups are made however many titles match.
 */
function titleHits(params: Params, input: SearchInput, titleCondition: string, limit: number): string {
  return `
      SELECT fp.id AS post_id, true AS title_match, fp.created_at
      FROM (SELECT t.id, t.last_posted_at FROM forum_topics t
            WHERE ${titleCondition} AND NOT t.is_hidden AND t.category_id = ANY((SELECT ids FROM allowed)::bigint[])
            ORDER BY t.last_posted_at DESC, t.id DESC) tt
      CROSS JOIN LATERAL (SELECT p.id, p.created_at FROM forum_posts p
            WHERE p.topic_id = tt.id AND p.post_number = 1 AND p.deleted_at IS NULL AND NOT p.is_hidden${dateFilters(params, input, 'p.created_at')}) fp
      ORDER BY tt.last_posted_at DESC, tt.id DESC LIMIT ${limit}`;
}

/** Conditions on a forum_post_search row `s`: an allowed category, a visible topic, the dates. */
function bodyFilters(params: Params, input: SearchInput): string {
  return `s.category_id = ANY((SELECT ids FROM allowed)::bigint[]) AND NOT s.topic_hidden${dateFilters(params, input, 's.created_at')}`;
}

// A result shows its snippet, never the post's whole body: body_html is left empty.
const RESULT_COLUMNS = `p.id, p.topic_id, p.post_number, p.author_id, u.name AS author_name, p.pseudonym_number, ''::text AS body_html,
  NULL::integer AS quoted_post_number, p.is_official_answer, p.is_hidden, p.reaction_counts, p.edited_at, p.deleted_at, p.created_at,
  false AS is_mine, NULL::text[] AS my_reactions, NULL::bigint[] AS attachment_ids, 0 AS revision_count,
  t.title, t.category_id, c.name AS category_name, o.slug AS organization_slug, o.name AS organization_name,
  sn.snippet_words, sn.snippet_norms`;

const RESULT_JOINS = `JOIN forum_posts p ON p.id = r.post_id JOIN forum_topics t ON t.id = p.topic_id
  JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
  LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_post_search sn ON sn.post_id = p.id`;

/** How to find the newest matching posts: walk the newest rows first, or ask the GIN index at once. */
export type BodyStrategy = 'recent-first' | 'index';

const lexemeStats = new WeakMap<object, { at: number; shares: Promise<Array<[string, number]>> }>();

/** The most common words of post bodies with the share of posts holding each (pg_stats of forum_post_search.vector), cached per pool. */
function commonLexemes(db: Queryable): Promise<Array<[string, number]>> {
  const cached = lexemeStats.get(db);
  if (cached && cached.at > Date.now() - STATS_TTL_MS) return cached.shares;
  const shares = db
    .query<{ elems: string[] | null; freqs: number[] | null }>(
      `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
       FROM pg_catalog.pg_stats WHERE schemaname = 'public' AND tablename = 'forum_post_search' AND attname = 'vector'`,
    )
    .then((result) => {
      const row = result.rows[0];
      if (!row?.elems || !row.freqs) return [];
      return row.elems.map((lexeme, i): [string, number] => [lexeme, row.freqs![i]]);
    })
    .catch((error: unknown) => {
      lexemeStats.delete(db);
      throw error;
    });
  lexemeStats.set(db, { at: Date.now(), shares });
  return shares;
}

/**
 * Chooses how to find a query's newest matches. Each query word is a prefix, so its share of posts is
 * the sum of the shares of the common words it begins (capped at 1). When even the rarest word of the
 * query is common, the newest rows are walked first: 200 matches turn up within a few thousand rows,
 * while the GIN index would merge tens of thousands of postings. Otherwise the GIN index is asked at
 * once. (PostgreSQL's planner multiplies the shares, as if the words were unrelated; words of a phrase
 * such as "tai nan lao dong" come together, so it took the index where the walk was 3 times cheaper.)
 */
export async function chooseBodyStrategy(db: Queryable, lexemes: string[]): Promise<BodyStrategy> {
  if (lexemes.length === 0) return 'index';
  const share = await prefixShare(db);
  return strategyFor(Math.min(...lexemes.map(share)));
}

/** The share of posts holding a word that begins with a prefix, estimated from the statistics (the common words it begins). */
async function prefixShare(db: Queryable): Promise<(prefix: string) => number> {
  const common = await commonLexemes(db);
  return (prefix) => Math.min(1, common.reduce((sum, [lexeme, freq]) => (lexeme.startsWith(prefix) ? sum + freq : sum), 0));
}

const strategyFor = (share: number): BodyStrategy => (share >= COMMON_SHARE ? 'recent-first' : 'index');

/**
 * Full-text search over post bodies and topic titles the viewer may read. The GIN index yields the
 * newest CANDIDATES matching posts (and 50 matching titles); only those are ranked, title matches first.
 * Returns null when the query holds no word at all.
 */
export async function searchPosts(
  db: Queryable,
  actor: Actor | null,
  input: SearchInput,
  prepared: PreparedQuery,
  options: { strategy?: BodyStrategy; recentWindow?: number } = {},
): Promise<{ rows: SearchRow[]; more: boolean } | null> {
  if (prepared.tsquery === null) return null;
  const recentFirst = (options.strategy ?? (await chooseBodyStrategy(db, prepared.lexemes))) === 'recent-first';
  const params = new Params();
  const q = `${params.add(prepared.tsquery)}::tsquery`;
  const allowed = allowedCategories(params, actor, input);
  // The window is the newest rows within the chosen dates (a range of the recency index).
  const windowDates = recentFirst ? dateFilters(params, input, 'created_at') : '';
  const window = recentFirst ? `${params.add(options.recentWindow ?? RECENT_WINDOW)}::integer` : '';
  const body = recentFirst ? bodyFilters(params, input) : '';
  const indexBody = bodyFilters(params, input);
  const titles = titleHits(params, input, `public.uh_search_vector(t.title) @@ ${q}`, 50);
  const limit = params.add(PAGE_SIZE + 1);
  const offset = params.add((input.page - 1) * PAGE_SIZE);
  // forum_post_search holds only readable posts, with a stored vector and the topic's category and
  // visibility: testing a row is cheap and needs no join. For common words the newest RECENT_WINDOW rows
  // are walked first (the newest matches there are the newest overall); only when they hold fewer than
  // CANDIDATES matches, or for rare words, is the GIN index asked.
  const sql = `
    WITH ${allowed},
    ${recentFirst ? `recent_hits AS MATERIALIZED (
      SELECT s.post_id, false AS title_match, s.created_at
      FROM (SELECT * FROM forum_post_search WHERE true${windowDates} ORDER BY created_at DESC, post_id DESC LIMIT ${window}) s
      WHERE s.vector @@ ${q} AND ${body}
      ORDER BY s.created_at DESC, s.post_id DESC LIMIT ${CANDIDATES}
    ),` : ''}
    body_hits AS (
      ${recentFirst ? 'SELECT * FROM recent_hits UNION ALL' : ''}
      (SELECT s.post_id, false AS title_match, s.created_at
       FROM forum_post_search s
       WHERE ${recentFirst ? `(SELECT count(*) FROM recent_hits) < ${CANDIDATES} AND` : ''} s.vector @@ ${q} AND ${indexBody}
       -- Ordered by an expression so that this branch always takes the GIN index: the query is rare
       -- (or was rarer than CANDIDATES in the newest RECENT_WINDOW rows), where walking by recency loses.
       ORDER BY s.created_at + interval '0 seconds' DESC LIMIT ${CANDIDATES})
    ),
    title_hits AS (${titles}
    ),
    candidates AS (
      SELECT post_id, bool_or(title_match) AS title_match, max(created_at) AS created_at
      FROM (SELECT * FROM body_hits UNION ALL SELECT * FROM title_hits) h GROUP BY post_id
    ),
    ranked AS (
      SELECT cd.post_id, cd.title_match, cd.created_at,
             COALESCE(ts_rank(fs.vector, ${q}), 0) + CASE WHEN cd.title_match THEN 1 ELSE 0 END AS rank
      FROM candidates cd LEFT JOIN forum_post_search fs ON fs.post_id = cd.post_id
      ORDER BY rank DESC, cd.created_at DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT ${RESULT_COLUMNS}, r.title_match
    FROM ranked r ${RESULT_JOINS}
    ORDER BY r.rank DESC, r.created_at DESC`;
  const result = await db.query<SearchRow>(namedStatement(sql, params.values));
  return { rows: result.rows.slice(0, PAGE_SIZE), more: result.rows.length > PAGE_SIZE };
}

/** Longest query word the fallback splits into indexed words (longer ones are only respelt). */
const SPLIT_MAX_LENGTH = 32;
/** Longest piece of such a split. */
const SPLIT_PIECE_MAX_LENGTH = 24;
/** Most pieces in a split ("کاروکارگری": three). */
const SPLIT_MAX_PIECES = 4;
/** Query words the fallback tries joining (neighbours, or all of them). */
const JOINED_MAX_WORDS = 6;
/** Words spelt like an unknown query word that the fallback tries. */
const SIMILAR_WORDS = 3;

const chars = (s: string) => [...s];
const substrings = (word: string) => {
  const c = chars(word);
  const all = new Set<string>();
  for (let i = 0; i < c.length; i++) for (let j = i + 1; j <= Math.min(c.length, i + SPLIT_PIECE_MAX_LENGTH); j++) all.add(c.slice(i, j).join(''));
  return all;
};
const suffixes = (word: string) => chars(word).map((_, i, c) => c.slice(i).join(''));
const prefixTerm = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`;

/**
 * Splits a word written together into indexed words, fewest pieces first: every piece an indexed word,
 * the last one the start of an indexed word (each query word is a prefix). Null when there is no split.
 */
export function splitIntoWords(word: string, isWord: (piece: string) => boolean, isWordStart: (piece: string) => boolean): string[] | null {
  const c = chars(word);
  if (c.length < FUZZY_MIN_LENGTH || c.length > SPLIT_MAX_LENGTH) return null;
  const best: Array<string[] | undefined> = [[]];
  for (let end = 1; end <= c.length; end++) {
    for (let start = Math.max(0, end - SPLIT_PIECE_MAX_LENGTH); start < end; start++) {
      const before = best[start];
      if (!before || before.length >= SPLIT_MAX_PIECES) continue;
      const piece = c.slice(start, end).join('');
      if (!(end === c.length ? isWord(piece) || isWordStart(piece) : isWord(piece))) continue;
      if (!best[end] || before.length + 1 < best[end]!.length) best[end] = [...before, piece];
    }
  }
  const split = best[c.length];
  return split && split.length > 1 ? split : null;
}

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
export async function fallbackQuery(db: Queryable, prepared: PreparedQuery): Promise<{ query: PreparedQuery; strategy: BodyStrategy } | null> {
  const { lexemes, words: typed } = prepared;
  if (lexemes.length === 0) return null;
  const splittable = lexemes.filter((l) => chars(l).length >= FUZZY_MIN_LENGTH && chars(l).length <= SPLIT_MAX_LENGTH);
  const pairs = typed.slice(0, JOINED_MAX_WORDS).slice(1).map((word, i) => typed[i] + word);
  const whole = typed.length > 2 && typed.length <= JOINED_MAX_WORDS ? [typed.join('')] : [];
  const starts = [...new Set([...lexemes, ...splittable.flatMap(suffixes), ...pairs, ...whole])];
  const pieces = [...new Set(splittable.flatMap((l) => [...substrings(l)]))];
  const respellable = lexemes.filter((l) => chars(l).length >= FUZZY_MIN_LENGTH);
  const result = await db.query<{ kind: 'start' | 'word' | 'similar'; key: string; word: string }>(
    namedStatement(
      `SELECT 'start' AS kind, l AS key, l AS word FROM unnest($1::text[]) AS l
       WHERE EXISTS (SELECT 1 FROM forum_search_words w WHERE w.word >= l COLLATE "C" AND w.word < (l || U&'\\+10FFFF') COLLATE "C")
       UNION ALL
       SELECT 'word', word, word FROM forum_search_words WHERE word = ANY($2::text[])
       UNION ALL
       SELECT 'similar', l, s.word FROM unnest($3::text[]) AS l
       CROSS JOIN LATERAL (SELECT w.word FROM forum_search_words w WHERE w.word OPERATOR(public.%) l ORDER BY public.similarity(w.word, l) DESC, w.word LIMIT ${SIMILAR_WORDS}) s
       WHERE NOT EXISTS (SELECT 1 FROM forum_search_words w WHERE w.word >= l COLLATE "C" AND w.word < (l || U&'\\+10FFFF') COLLATE "C")`,
      [starts, pieces, respellable],
    ),
  );
  const wordStarts = new Set<string>();
  const words = new Set<string>();
  const similar = new Map<string, string[]>();
  for (const row of result.rows) {
    if (row.kind === 'start') wordStarts.add(row.key);
    else if (row.kind === 'word') words.add(row.key);
    else similar.set(row.key, [...(similar.get(row.key) ?? []), row.word]);
  }
  // The query instead: alternatives (OR) of conjunctions (AND) of terms (OR) of pieces (AND), each a prefix.
  const termsFor = (l: string): string[][] => {
    if (wordStarts.has(l)) return [[l]];
    // A word that splits into indexed words was written together; otherwise it may be misspelt.
    const split = splitIntoWords(l, (p) => words.has(p), (p) => wordStarts.has(p));
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
  const and = (items: string[]) => (items.length > 1 ? `(${items.join(' & ')})` : items[0]);
  const or = (items: string[]) => (items.length > 1 ? `(${items.join(' | ')})` : items[0]);
  const tsquery = or(alternatives.map((conj) => and(conj.map((terms) => or(terms.map((p) => and(p.map(prefixTerm))))))));
  // How common the query is decides how its newest matches are found, as for any search: the shares
  // of alternatives add up, and the rarest part of a conjunction bounds it.
  const share = await prefixShare(db);
  const sum = (values: number[]) => Math.min(1, values.reduce((a, b) => a + b, 0));
  const queryShare = sum(alternatives.map((conj) => Math.min(...conj.map((terms) => sum(terms.map((p) => Math.min(...p.map(share))))))));
  const used = [...new Set(alternatives.flat(3))];
  return { query: { tsquery, lexemes: used, words: used }, strategy: strategyFor(queryShare) };
}

/**
 * The fallback when full text finds nothing: the query read through the dictionary of indexed words
 * (fallbackQuery), then searched like every other query.
 */
export async function searchPostsFuzzy(db: Queryable, actor: Actor | null, input: SearchInput, prepared: PreparedQuery): Promise<{ rows: SearchRow[]; more: boolean; lexemes: string[] }> {
  const instead = await fallbackQuery(db, prepared);
  if (!instead) return { rows: [], more: false, lexemes: prepared.lexemes };
  const found = await searchPosts(db, actor, input, instead.query, { strategy: instead.strategy });
  return { rows: found?.rows ?? [], more: found?.more ?? false, lexemes: instead.query.lexemes };
}

const ZWNJ = '\u200C';
const EDGE_MARKS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * A result's snippet: up to 32 words around the first matching word, each word marked when it matches a
 * query word. The words and their normalized forms (public.uh_normalize, the index's normalization) are
 * stored with the post's search row when it is written (migration 20261123T2113), so a search
 * normalizes nothing per row; the lexemes come from public.uh_search_query; here they are only compared.
 * Markdown marks are dropped; the words are plain text for the view to escape.
 */
export function snippetOf(snippetWords: string | null, snippetNorms: string | null, lexemes: string[]): SnippetWord[] {
  if (snippetWords === null || snippetNorms === null) return [];
  const words = snippetWords.split(' ');
  const norms = snippetNorms.split(' ');
  // unaccent can, rarely, turn one character into several words; then the words are shown unmarked.
  const aligned = norms.length === words.length;
  const hit = (i: number) => {
    if (!aligned) return false;
    // Quick test first: a matching word holds a lexeme once its ZWNJs are removed.
    const plain = norms[i].includes(ZWNJ) ? norms[i].replaceAll(ZWNJ, '') : norms[i];
    if (!lexemes.some((l) => plain.includes(l))) return false;
    const norm = norms[i].replace(EDGE_MARKS, '');
    if (norm === '') return false;
    const joined = norm.replaceAll(ZWNJ, '');
    return lexemes.some((l) => joined.startsWith(l) || norm.includes(ZWNJ + l));
  };
  // Only the words up to the first match and the 32 shown are compared (a post may hold hundreds).
  let first = 0;
  while (first < words.length && !hit(first)) first++;
  if (first === words.length) first = 0;
  const start = Math.max(0, first - 8);
  const shown: SnippetWord[] = [];
  for (let i = start; i < Math.min(words.length, start + 32); i++) shown.push({ word: words[i], hit: hit(i) });
  return shown.filter((w) => w.word !== '');
}

/** A category the search form offers as a filter, with its organization. */
export interface FilterOption {
  id: number;
  name: Record<string, string>;
  organization_slug: string;
  organization_name: Record<string, string>;
}

/** Organizations and categories the viewer may filter by (those with a readable category). */
export async function searchFilterOptions(db: Queryable, actor: Actor | null): Promise<FilterOption[]> {
  const visible = visibleCategoryCondition('c.id', 1, actor);
  const result = await db.query<FilterOption>(
    namedStatement(
      `SELECT c.id, c.name, o.slug AS organization_slug, o.name AS organization_name
       FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
       WHERE ${visible.sql} ORDER BY o.id, c.position, c.id LIMIT 500`,
      visible.params,
    ),
  );
  return result.rows;
}
