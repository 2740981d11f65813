import { createHash } from 'node:crypto';
import type { Actor } from '../../../core/authorization.ts';
import { z } from 'zod';
import { LocalizedTextColumn } from '../../../core/rows.ts';
import { many, one, type NamedStatement, type Queryable } from '../../../db/database.ts';
import { chooseBodyStrategy, type BodyStrategy } from '../domain/search-strategy.ts';
import type { PreparedQuery } from '../domain/search-query.ts';
import { PostRow } from './posts.ts';
import { visibleCategoryCondition } from './visibility.ts';

// The search's SQL: normalizing a query, the search itself (a named statement per query shape), the
// dictionary of indexed words the fallback reads, and the filters' choices. What is not SQL (the word
// splitter, the query rewriter, snippets, the strategy and the caches) is in domain/search-*.ts.

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

/** One search hit as selected (a PostRow for the forum's presenter, plus where it lives). */
const SearchRow = PostRow.extend({
  title: z.string(),
  categoryId: z.number(),
  categoryName: LocalizedTextColumn,
  organizationSlug: z.string(),
  organizationName: LocalizedTextColumn,
  titleMatch: z.boolean(),
  /** The stored snippet words and their normalized forms (space-separated), or null if the row is gone. */
  snippetWords: z.string().nullable(),
  snippetNorms: z.string().nullable(),
});
export type SearchRow = z.infer<typeof SearchRow>;

/**
 * A named (prepared) statement for a search query's text: each pooled connection plans a query shape
 * once and reuses the plan (the plans are made to take the same path whatever the words; planning the
 * whole statement each time cost about a quarter of a search's database time).
 */
export function namedStatement(sql: string, values: unknown[]): NamedStatement {
  return { name: `forum-search-${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`, text: sql, values };
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The query normalized by the database in one round trip: its tsquery (public.uh_search_query) and its words in typed order. */
const NormalizedQueryRow = z.object({ tsq: z.string().nullable(), words: z.array(z.string()) });

export function normalizeQuery(db: Queryable, q: string): Promise<z.infer<typeof NormalizedQueryRow> | undefined> {
  // The words in typed order: the lexemes of the query's vector (ZWNJ removed, as uh_search_query does) by first position.
  return one(
    db,
    NormalizedQueryRow,
    `SELECT public.uh_search_query($1)::text AS tsq,
            ARRAY(SELECT v.lexeme FROM unnest(to_tsvector('pg_catalog.simple', replace(public.uh_search_text($1), U&'\\200C', ''))) v
                  ORDER BY v.positions[1]) AS words`,
    [q],
  );
}

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
const RESULT_COLUMNS = `p.id, p.topic_id AS "topicId", p.post_number AS "postNumber", p.author_id AS "authorId", u.name AS "authorName", p.pseudonym_number AS "pseudonymNumber", ''::text AS "bodyHtml",
  NULL::integer AS "quotedPostNumber", p.is_official_answer AS "isOfficialAnswer", p.is_hidden AS "isHidden", p.reaction_counts AS "reactionCounts", p.edited_at AS "editedAt", p.deleted_at AS "deletedAt", p.created_at AS "createdAt",
  false AS "isMine", NULL::text[] AS "myReactions", NULL::bigint[] AS "attachmentIds", 0 AS "revisionCount",
  t.title, t.category_id AS "categoryId", c.name AS "categoryName", o.slug AS "organizationSlug", o.name AS "organizationName",
  sn.snippet_words AS "snippetWords", sn.snippet_norms AS "snippetNorms"`;

const RESULT_JOINS = `JOIN forum_posts p ON p.id = r.post_id JOIN forum_topics t ON t.id = p.topic_id
  JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id
  LEFT JOIN users u ON u.id = p.author_id LEFT JOIN forum_post_search sn ON sn.post_id = p.id`;

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
    ${
      recentFirst
        ? `recent_hits AS MATERIALIZED (
      SELECT s.post_id, false AS title_match, s.created_at
      FROM (SELECT * FROM forum_post_search WHERE true${windowDates} ORDER BY created_at DESC, post_id DESC LIMIT ${window}) s
      WHERE s.vector @@ ${q} AND ${body}
      ORDER BY s.created_at DESC, s.post_id DESC LIMIT ${CANDIDATES}
    ),`
        : ''
    }
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
    SELECT ${RESULT_COLUMNS}, r.title_match AS "titleMatch"
    FROM ranked r ${RESULT_JOINS}
    ORDER BY r.rank DESC, r.created_at DESC`;
  const rows = await many(db, SearchRow, namedStatement(sql, params.values));
  return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE };
}

/** Words spelt like an unknown query word that the fallback tries. */
const SIMILAR_WORDS = 3;

/**
 * The dictionary of indexed words (forum_search_words) asked in one round trip: which of `starts` begin an
 * indexed word, which of `pieces` are indexed words, and the indexed words spelt like each of `respellable`
 * that begins none.
 */
const IndexedWordRow = z.object({ kind: z.enum(['start', 'word', 'similar']), key: z.string(), word: z.string() });

export function lookUpIndexedWords(
  db: Queryable,
  starts: string[],
  pieces: string[],
  respellable: string[],
): Promise<Array<z.infer<typeof IndexedWordRow>>> {
  return many(
    db,
    IndexedWordRow,
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
}

/** A category the search form offers as a filter, with its organization. */
const FilterOption = z.object({
  id: z.number(),
  name: LocalizedTextColumn,
  organizationSlug: z.string(),
  organizationName: LocalizedTextColumn,
});
export type FilterOption = z.infer<typeof FilterOption>;

/** Organizations and categories the viewer may filter by (those with a readable category). */
export function searchFilterOptions(db: Queryable, actor: Actor | null): Promise<FilterOption[]> {
  const visible = visibleCategoryCondition('c.id', 1, actor);
  return many(
    db,
    FilterOption,
    namedStatement(
      `SELECT c.id, c.name, o.slug AS "organizationSlug", o.name AS "organizationName"
       FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
       WHERE ${visible.sql} ORDER BY o.id, c.position, c.id LIMIT 500`,
      visible.params,
    ),
  );
}
