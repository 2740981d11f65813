import type { QueryConfig } from 'pg';
import type { Pool } from '../../db/database.ts';

/** Whether the database answers a trivial query within ms (also when every pool connection is stuck). */
export function databaseAnswersWithin(db: Pool, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    db.query({ text: 'SELECT 1', query_timeout: ms } as QueryConfig)
      .then(
        () => resolve(true),
        () => resolve(false),
      )
      .finally(() => clearTimeout(timer));
  });
}
