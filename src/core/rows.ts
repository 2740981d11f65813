import type { z } from 'zod';

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

/** Parses every row with the schema (dropping columns it does not name). */
export function parseRows<S extends z.ZodType>(schema: S, rows: readonly unknown[]): Array<z.output<S>> {
  return rows.map((row) => schema.parse(row));
}

/** Parses the first row, or undefined when there is none. */
export function parseFirst<S extends z.ZodType>(schema: S, rows: readonly unknown[]): z.output<S> | undefined {
  return rows[0] === undefined ? undefined : schema.parse(rows[0]);
}
