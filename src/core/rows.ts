import { z } from 'zod';
import { LANGUAGES } from '../config.ts';

/**
 * Rows are typed by parsing them: a query names its row schema (zod, camelCase keys aliased in the SQL) and the
 * rows it returns are checked against it, so a renamed column or a changed type fails at the query, in tests,
 * instead of reaching a page as `undefined`. See docs/ARCHITECTURE.md, "Rows".
 */

/** The one row a statement must return (an INSERT … RETURNING, a lookup by a known key); throws if there is none. */
export function oneOrThrow<T>(rows: readonly T[], what = 'row'): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected one ${what}, got none`);
  return row;
}

// Columns many row schemas share (what node-postgres returns for them, with the parsers of src/db/database.ts).

/** A jsonb column holding text in the three languages ({ fa?, vi?, en? }); another key is drift and fails. */
export const LocalizedTextColumn = z.partialRecord(z.enum(LANGUAGES), z.string());
/** An int8[]/int[] column (ancestor_ids, …): numbers, never strings (int8 and int8[] are parsed as numbers). */
export const IdsColumn = z.array(z.number());
/** A DATE column: the calendar day as YYYY-MM-DD text (database.ts keeps dates as strings). */
export const DayColumn = z.string();

/** A `locale` column: one of the languages. */
export const LangColumn = z.enum(LANGUAGES);

/** A row whose columns nobody reads: an existence check (`SELECT 1 …`). */
export const ExistsRow = z.object({});
/** The row of an INSERT … RETURNING id or a lookup of an id. */
export const IdRow = z.object({ id: z.number() });
/** The row of a SELECT count(*)::int AS n. */
export const CountRow = z.object({ n: z.number() });
