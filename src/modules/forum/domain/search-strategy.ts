import type { Queryable } from '../../../db/database.ts';
import { readCommonLexemes } from '../queries/search-statistics.ts';

/** A query is "common" when each of its words is in at least this share of posts (by PostgreSQL's statistics). */
export const COMMON_SHARE = 0.01;

/** How long the word statistics are kept in memory before they are read again. */
const STATS_TTL_MS = 5 * 60_000;

/** How to find the newest matching posts: walk the newest rows first, or ask the GIN index at once. */
export type BodyStrategy = 'recent-first' | 'index';

const lexemeStats = new WeakMap<object, { at: number; shares: Promise<Array<[string, number]>> }>();

/** The most common words of post bodies with the share of posts holding each (pg_stats of forum_post_search.vector), cached per pool for STATS_TTL_MS. */
function commonLexemes(db: Queryable): Promise<Array<[string, number]>> {
  const cached = lexemeStats.get(db);
  if (cached && cached.at > Date.now() - STATS_TTL_MS) return cached.shares;
  const shares = readCommonLexemes(db).catch((error: unknown) => {
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
export async function prefixShare(db: Queryable): Promise<(prefix: string) => number> {
  const common = await commonLexemes(db);
  return (prefix) =>
    Math.min(
      1,
      common.reduce((sum, [lexeme, freq]) => (lexeme.startsWith(prefix) ? sum + freq : sum), 0),
    );
}

/** The strategy for a query holding words in this share of posts. */
export const strategyFor = (share: number): BodyStrategy => (share >= COMMON_SHARE ? 'recent-first' : 'index');
