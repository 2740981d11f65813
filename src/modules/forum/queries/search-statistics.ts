import { z } from 'zod';
import { one, type Queryable } from '../../../db/database.ts';

const LexemeStatisticsRow = z.object({ elems: z.array(z.string()).nullable(), freqs: z.array(z.number()).nullable() });

/** The most common words of post bodies with the share of posts holding each (pg_stats of forum_post_search.vector). */
export async function readCommonLexemes(db: Queryable): Promise<Array<[string, number]>> {
  const row = await one(
    db,
    LexemeStatisticsRow,
    `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
     FROM pg_catalog.pg_stats WHERE schemaname = 'public' AND tablename = 'forum_post_search' AND attname = 'vector'`,
  );
  const freqs = row?.freqs;
  if (!row?.elems || !freqs) return [];
  return row.elems.map((lexeme, i): [string, number] => [lexeme, freqs[i] ?? 0]);
}
