import type { Config } from '../config.ts';
import { checkDatabaseEncoding, createPool, type Pool } from './database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';

export interface OpenDatabase {
  pool: Pool;
  connectionString: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded server under DATA_DIR when there is none. */
export async function openDatabase(config: Config, log: (message: string) => void = () => {}): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, log);
  const connectionString = config.databaseUrl ?? embedded!.connectionString;
  const pool = createPool(connectionString);
  try {
    await checkDatabaseEncoding(pool);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  return {
    pool,
    connectionString,
    embedded,
    async close() {
      await pool.end().catch(() => {});
      await embedded?.stop();
    },
  };
}
