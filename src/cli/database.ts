import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type OpenDatabase } from '../db/connect.ts';
import type { CliIo } from './io.ts';

/**
 * Runs fn with the database the app would use (DATABASE_URL, or the embedded server in DATA_DIR),
 * closing it afterwards. Without DATABASE_URL, a running app's embedded server is shared rather than refused.
 */
export async function withDatabase<T>(io: CliIo, fn: (database: OpenDatabase, config: Config) => Promise<T>): Promise<T> {
  // No command uses SESSION_SECRET or ANONYMITY_KEY: none is required, and none is generated.
  const config = loadConfig(io.env, { secrets: false });
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
  const database = await openDatabase(config, (m, notice) => (verbose || notice) && io.err(`[postgres] ${m.trim()}`), {
    shareRunning: true,
    forMaintenance: true,
  });
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
