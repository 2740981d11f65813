import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupToFile, restoreFromFile } from '../db/backup.ts';
import { withDatabase } from './database.ts';
import { CliError, type CliIo } from './io.ts';

/** Writes a pg_dump-compatible plain SQL backup of the whole database to file. */
export async function backupCommand(io: CliIo, file: string, options: { force?: boolean } = {}): Promise<void> {
  const target = path.resolve(file);
  if (existsSync(target) && !options.force)
    throw new CliError(`${target} already exists. Choose another file name, or add --force to replace it.`);
  if (!existsSync(path.dirname(target))) throw new CliError(`The folder ${path.dirname(target)} does not exist.`);
  await withDatabase(io, async ({ pool }) => {
    const summary = await backupToFile(pool, target);
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(`Backup written to ${target}: ${summary.migrations.length} migration(s), ${summary.tables.length} tables, ${rows} rows.`);
  });
}

/** Restores a backup into an empty database (refuses one that has tables). */
export async function restoreCommand(io: CliIo, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new CliError(`No such file: ${source}`);
  await withDatabase(io, async ({ pool }) => {
    const summary = await restoreFromFile(pool, source);
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(
      `Restored ${source}: ${summary.tables.length} tables, ${rows} rows. Start the app (or run migrate) to bring the schema up to this version.`,
    );
  });
}
