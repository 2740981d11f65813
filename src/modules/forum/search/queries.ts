import type { Actor } from '../../../core/authorization.ts';
import type { Queryable } from '../../../db/database.ts';
import { visibleCategoryCondition, type PostRow } from '../index.ts';

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
/** Shortest space-stripped query the trigram fallback runs for. */
export const FUZZY_MIN_LENGTH = 4;

/** One search hit as selected (a PostRow for the forum's presenter, plus where it lives). */
export interface SearchRow extends PostRow {
  title: string;
  category_id: number;
  category_name: Record<string, string>;
  organization_slug: string;
  organization_name: Record<string, string>;
  title_match: boolean;
}

/** A word of a snippet, and whether it matched the query. */
export interface SnippetWord {
  word: string;
  hit: boolean;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A reader's query, normalized once by the database (public.uh_search_query / uh_search_compact). */
export interface PreparedQuery {
  /** The tsquery as text (every word a prefix term), or null when the input holds no word. */
  tsquery: string | null;
  /** The query's words as the index stores them (for marking snippets). */
  lexemes: string[];
  /** Space-stripped copy for the trigram fallback. */
  compact: string;
}

/**
 * Normalizes the query in one round trip. The search queries then take the tsquery as a parameter
 * (folded at plan time, so the planner still sees how common each word is) instead of calling the
 * normalization SQL function again in every branch.
 */
export async function prepareQuery(db: Queryable, q: string): Promise<PreparedQuery> {
  const result = await db.query<{ tsq: string | null; compact: string | null }>(
    'SELECT public.uh_search_query($1)::text AS tsq, public.uh_search_compact($1) AS compact',
    [q],
  );
  const tsquery = result.rows[0]?.tsq ?? null;
  const lexemes = tsquery ? [...tsquery.matchAll(/'((?:[^']|'')*)':\*/g)].map((m) => m[1].replaceAll("''", "'")) : [];
  return { tsquery, lexemes, compact: result.rows[0]?.compact ?? '' };
}

/** The filters every branch shares: visible categories, organization, category, dates (and readable posts when `p` is joined). */
function filters(params: Params, actor: Actor | null, input: SearchInput, dateColumn: string, postJoined = true): string {
  const visible = visibleCategoryCondition('t.category_id', params.values.length + 1, actor);
  params.values.push(...visible.params);
  const parts = [visible.sql, 'NOT t.is_hidden'];
  if (postJoined) parts.push('p.deleted_at IS NULL', 'NOT p.is_hidden');
  if (input.org) parts.push(`t.category_id IN (SELECT fc.id FROM forum_categories fc JOIN organizations fo ON fo.id = fc.organization_id WHERE fo.slug = ${params.add(input.org)})`);
  if (input.categoryId) parts.push(`t.category_id = ${params.add(input.categoryId)}`);
  if (input.from) parts.push(`${dateColumn} >= ${params.add(input.from)}::date`);
  if (input.to) parts.push(`${dateColumn} < ${params.add(input.to)}::date + 1`);
  return parts.join(' AND ');
}

const RESULT_COLUMNS = `p.id, p.topic_id, p.post_number, p.author_id, u.name AS author_name, p.pseudonym_number, p.body_html,
  NULL::integer AS quoted_post_number, p.is_official_answer, p.is_hidden, p.reaction_counts, p.edited_at, p.deleted_at, p.created_at,
  false AS is_mine, NULL::text[] AS my_reactions, NULL::bigint[] AS attachment_ids, 0 AS revision_count,
  t.title, t.category_id, c.name AS category_name, o.slug AS organization_slug, o.name AS organization_name`;

const RESULT_JOINS = `JOIN forum_posts p ON p.id = r.post_id JOIN forum_topics t ON t.id = p.topic_id
  JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
  LEFT JOIN users u ON u.id = p.author_id`;

/**
 * Full-text search over post bodies and topic titles the viewer may read. The GIN index yields the
 * newest CANDIDATES matching posts (and 50 matching titles); only those are ranked, title matches first.
 * Returns null when the query holds no word at all.
 */
export async function searchPosts(db: Queryable, actor: Actor | null, input: SearchInput, prepared: PreparedQuery): Promise<{ rows: SearchRow[]; more: boolean } | null> {
  if (prepared.tsquery === null) return null;
  const params = new Params();
  const q = `${params.add(prepared.tsquery)}::tsquery`;
  const bodyFilters = filters(params, actor, input, 's.created_at', false);
  const titleFilters = filters(params, actor, input, 'p.created_at');
  const limit = params.add(PAGE_SIZE + 1);
  const offset = params.add((input.page - 1) * PAGE_SIZE);
  // forum_post_search holds only readable posts, with a stored vector: testing a row is cheap, so for a
  // common word the planner walks the recency index and stops after CANDIDATES matches.
  const sql = `
    WITH body_hits AS (
      SELECT s.post_id, false AS title_match, s.created_at
      FROM forum_post_search s JOIN forum_topics t ON t.id = s.topic_id
      WHERE s.vector @@ ${q} AND ${bodyFilters}
      ORDER BY s.created_at DESC LIMIT ${CANDIDATES}
    ),
    title_hits AS (
      SELECT p.id AS post_id, true AS title_match, p.created_at
      FROM forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.post_number = 1
      WHERE public.uh_search_vector(t.title) @@ ${q} AND ${titleFilters}
      ORDER BY t.last_posted_at DESC LIMIT 50
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
  const result = await db.query<SearchRow>(sql, params.values);
  return { rows: result.rows.slice(0, PAGE_SIZE), more: result.rows.length > PAGE_SIZE };
}

/**
 * The fallback when full text finds nothing: the query with spaces, ZWNJ and punctuation removed, found
 * inside the space-stripped copies (trigram index) of bodies and titles: words written together or apart.
 * Misspellings are caught on titles by trigram word similarity.
 */
export async function searchPostsFuzzy(db: Queryable, actor: Actor | null, input: SearchInput, prepared: PreparedQuery): Promise<{ rows: SearchRow[]; more: boolean }> {
  // Under four characters a fragment is a prefix search's job, and its trigrams match almost everything.
  if ([...prepared.compact].length < FUZZY_MIN_LENGTH) return { rows: [], more: false };
  const params = new Params();
  const compact = `${params.add(prepared.compact)}::text`;
  const bodyFilters = filters(params, actor, input, 's.created_at', false);
  const titleFilters = filters(params, actor, input, 'p.created_at');
  const limit = params.add(PAGE_SIZE + 1);
  const offset = params.add((input.page - 1) * PAGE_SIZE);
  const sql = `
    WITH body_hits AS (
      SELECT s.post_id, false AS title_match, s.created_at
      FROM forum_post_search s JOIN forum_topics t ON t.id = s.topic_id
      WHERE s.compact LIKE '%' || ${compact} || '%' AND ${bodyFilters}
      -- Ordered by an expression, so the planner takes the trigram index rather than walking the recency
      -- index through every post for a pattern that may match none.
      ORDER BY s.created_at + interval '0 seconds' DESC LIMIT ${CANDIDATES}
    ),
    title_hits AS (
      SELECT p.id AS post_id, true AS title_match, p.created_at
      FROM forum_topics t JOIN forum_posts p ON p.topic_id = t.id AND p.post_number = 1
      WHERE (public.uh_search_compact(t.title) LIKE '%' || ${compact} || '%' OR ${compact} <% public.uh_search_compact(t.title))
        AND ${titleFilters}
      ORDER BY t.last_posted_at DESC LIMIT 50
    ),
    ranked AS (
      SELECT post_id, bool_or(title_match) AS title_match, max(created_at) AS created_at
      FROM (SELECT * FROM body_hits UNION ALL SELECT * FROM title_hits) h GROUP BY post_id
      ORDER BY bool_or(title_match) DESC, max(created_at) DESC LIMIT ${limit} OFFSET ${offset}
    )
    SELECT ${RESULT_COLUMNS}, r.title_match
    FROM ranked r ${RESULT_JOINS}
    ORDER BY r.title_match DESC, r.created_at DESC`;
  const result = await db.query<SearchRow>(sql, params.values);
  return { rows: result.rows.slice(0, PAGE_SIZE), more: result.rows.length > PAGE_SIZE };
}

const ZWNJ = '\u200C';
const EDGE_MARKS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * Snippets for the given posts: up to 32 words around the first matching word, each word marked when it
 * matches a query word. The words are normalized in SQL by public.uh_normalize (the index's normalization)
 * and the lexemes come from public.uh_search_query; here they are only compared.
 * Markdown marks are dropped; the words are plain text for the view to escape.
 */
export async function snippetsFor(db: Queryable, postIds: number[], lexemes: string[]): Promise<Map<number, SnippetWord[]>> {
  const snippets = new Map<number, SnippetWord[]>();
  if (postIds.length === 0) return snippets;
  const result = await db.query<{ id: number; words: string[]; norms: string[] }>(
    `SELECT x.id, pg_catalog.regexp_split_to_array(x.cleaned, ' ') AS words,
            pg_catalog.regexp_split_to_array(public.uh_normalize(x.cleaned), ' ') AS norms
     FROM (SELECT p.id, pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.left(p.body_source, 1500), '[*_\`#>|~\\[\\]]+|\\s+', ' ', 'g')) AS cleaned
           FROM forum_posts p WHERE p.id = ANY($1::bigint[])) x`,
    [postIds],
  );
  for (const row of result.rows) {
    // unaccent can, rarely, turn one character into several words; then the words are shown unmarked.
    const aligned = row.norms.length === row.words.length;
    const marked = row.words.map((word, i) => {
      const norm = aligned ? row.norms[i].replace(EDGE_MARKS, '') : '';
      const joined = norm.replaceAll(ZWNJ, '');
      return { word, hit: aligned && norm !== '' && lexemes.some((l) => joined.startsWith(l) || norm.includes(ZWNJ + l)) };
    });
    const first = Math.max(0, marked.findIndex((w) => w.hit));
    const start = Math.max(0, first - 8);
    snippets.set(row.id, marked.slice(start, start + 32).filter((w) => w.word !== ''));
  }
  return snippets;
}

/** Organizations and categories the viewer may filter by (those with a readable category). */
export async function searchFilterOptions(db: Queryable, actor: Actor | null): Promise<{ id: number; name: Record<string, string>; organization_slug: string; organization_name: Record<string, string> }[]> {
  const visible = visibleCategoryCondition('c.id', 1, actor);
  const result = await db.query<{ id: number; name: Record<string, string>; organization_slug: string; organization_name: Record<string, string> }>(
    `SELECT c.id, c.name, o.slug AS organization_slug, o.name AS organization_name
     FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
     WHERE ${visible.sql} ORDER BY o.id, c.position, c.id LIMIT 500`,
    visible.params,
  );
  return result.rows;
}
