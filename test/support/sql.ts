import type pg from 'pg';
import type { Queryable } from '../../src/db/database.ts';

/**
 * Tests read the database directly to check what a request stored, with the row type they expect written at the
 * call. The app's one()/many() (src/db/database.ts) parse rows with a schema; these do not: a test's own
 * assertions check the values.
 */
export async function one<T extends pg.QueryResultRow = pg.QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[] = [],
): Promise<T | undefined> {
  return (await db.query<T>(text, values)).rows[0];
}

/** All rows of a query, unparsed (see one). */
export async function many<T extends pg.QueryResultRow = pg.QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await db.query<T>(text, values)).rows;
}
