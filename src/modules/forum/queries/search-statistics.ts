import type { Queryable } from '../../../db/database.ts';

/** The most common words of post bodies with the share of posts holding each (pg_stats of forum_post_search.vector). */
export async function readCommonLexemes(db: Queryable): Promise<Array<[string, number]>> {
  const result = await db.query<{ elems: string[] | null; freqs: number[] | null }>(
    `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
     FROM pg_catalog.pg_stats WHERE schemaname = 'public' AND tablename = 'forum_post_search' AND attname = 'vector'`,
  );
  const row = result.rows[0];
  const freqs = row?.freqs;
  if (!row?.elems || !freqs) return [];
  return row.elems.map((lexeme, i): [string, number] => [lexeme, freqs[i] ?? 0]);
}
