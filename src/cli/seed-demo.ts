import { CountRow } from '../core/rows.ts';
import { one } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../db/seed/index.ts';
import { withDatabase } from './database.ts';
import { CliError, type CliIo } from './io.ts';

/**
 * Adds the demo data (migrating first). Refuses when the database already has people in it:
 * invented people must never be mixed with real ones, and the demo's codes would clash with an earlier demo.
 */
export async function seedDemoCommand(io: CliIo): Promise<void> {
  await withDatabase(io, async ({ pool }, config) => {
    await migrate(pool);
    const row = await one(pool, CountRow, 'SELECT count(*)::int AS n FROM users');
    if (row && row.n > 0) {
      throw new CliError(
        `The database already has ${row.n} account(s): demo data goes only into an empty database, so that ` +
          'invented people are never mixed with real ones. Use a new database (or a new DATA_DIR) for a demo.',
      );
    }
    const seeded = await seedDemo(pool);
    io.out(
      `Demo data created. Log in at ${config.baseUrl}/${config.defaultLanguage}/login as ${seeded.adminEmail} with password ${seeded.adminPassword}`,
    );
  });
}
