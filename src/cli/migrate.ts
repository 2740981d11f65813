import { migrate } from '../db/migrate.ts';
import { withDatabase } from './database.ts';
import type { CliIo } from './io.ts';

/** Applies the migrations not yet applied. */
export async function migrateCommand(io: CliIo): Promise<void> {
  await withDatabase(io, async ({ pool }) => {
    const applied = await migrate(pool);
    if (applied.length === 0) io.out('The database is up to date: no migration to apply.');
    else io.out(`Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
  });
}
