import type { Config } from '../config.ts';
import { checkDatabaseEncoding, createPool, type Pool } from './database.ts';
import { runningEmbeddedServer, startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';

export interface OpenDatabase {
  pool: Pool;
  connectionString: string;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Without DATABASE_URL, use the embedded server that a running app already serves from DATA_DIR
   * (the command line does, so that a backup can be taken while the app runs) rather than refusing.
   */
  shareRunning?: boolean;
  /**
   * The command line's long operations (a backup's COPY of a big table, a restore): only the connect timeout
   * applies, not the statement timeouts that keep requests from hanging.
   */
  forMaintenance?: boolean;
}

/** The database cannot be used as configured; the message says what to fix. */
export class DatabaseSetupError extends Error {}

/** Where a connection string points, without its password. */
export function describeUrl(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    const host = u.searchParams.get('host') ?? `${u.hostname}${u.port ? `:${u.port}` : ''}`;
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${host}${u.pathname}`;
  } catch {
    return '(unparsable connection string)';
  }
}

function explainConnectionError(error: Error & { code?: string }, connectionString: string, embedded: boolean, connectMs: number): Error {
  const where = describeUrl(connectionString);
  const fix = embedded ? '' : ' Check DATABASE_URL.';
  // A server (or something else) that accepts the connection but never answers: pg-pool's connect timeout.
  if (/connection timeout|timeout exceeded when trying to connect/.test(error.message)) {
    return new DatabaseSetupError(
      `The server at ${where} accepted the connection but did not answer as PostgreSQL within ${connectMs} ms (DB_CONNECT_TIMEOUT_MS): ` +
        `check that ${embedded ? 'the embedded server in DATA_DIR' : 'DATABASE_URL'} points at a PostgreSQL server that is running and not overloaded.`,
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseSetupError(`Cannot reach the PostgreSQL server at ${where} (${error.code}). Is it running?${fix}`);
    case '28P01':
    case '28000':
      return new DatabaseSetupError(`PostgreSQL refused the login for ${where}: ${error.message}.${fix}`);
    case '3D000':
      return new DatabaseSetupError(
        `The database in ${where} does not exist. Create it with:\n` +
          `  CREATE DATABASE unionhall ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;`,
      );
    case 'ERR_INVALID_URL':
      // loadConfig checks the URL first; this is for a string built some other way.
      return new DatabaseSetupError(
        'DATABASE_URL is not a valid URL: check its host name and port, and percent-encode @ : / ? # in the password.',
      );
    default:
      // checkDatabaseEncoding's own explanation (encoding or character type is not UTF-8).
      if (/needs UTF-8/.test(error.message)) return new DatabaseSetupError(error.message);
      return error;
  }
}

/** Connects to DATABASE_URL, or starts the embedded server under DATA_DIR when there is none. */
export async function openDatabase(
  config: Config,
  log: (message: string, notice?: boolean) => void = () => {},
  options: OpenOptions = {},
): Promise<OpenDatabase> {
  const shared = !config.databaseUrl && options.shareRunning ? runningEmbeddedServer(config.dataDir) : null;
  if (shared) log(`Using the embedded database server that the running app serves from ${config.dataDir}.`);
  const embedded = config.databaseUrl ? null : (shared ?? (await startEmbeddedPostgres(config.dataDir, log)));
  const connectionString = config.databaseUrl ?? embedded?.connectionString;
  if (connectionString === undefined) throw new Error('No database: neither DATABASE_URL nor an embedded server');
  const timeouts = config.databaseTimeouts;
  const pool = options.forMaintenance
    ? createPool(connectionString, 10, { ...timeouts, statementMs: 0, idleInTransactionMs: 0 })
    : createPool(connectionString, 10, timeouts);
  try {
    await checkDatabaseEncoding(pool);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw explainConnectionError(error as Error, connectionString, !config.databaseUrl, timeouts.connectMs);
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
