import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type OpenDatabase } from './db/connect.ts';
import { checkKeyFingerprints } from './db/key-fingerprints.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoIfEmpty } from './db/seed/index.ts';
import { checkListenAddress, describeStartupFailure, explainListenError } from './startup-errors.ts';
import { superviseEmbeddedServer } from './db/embedded-supervisor.ts';
import { startJobs } from './core/jobs.ts';
import { rateLimitPurgeJob } from './core/rate-limit-store.ts';
import { modules } from './modules/registry.ts';

/** How long requests in flight get to finish after SIGTERM; then the connections still open (live streams) are closed. */
const SHUTDOWN_GRACE_MS = 10_000;
/** After this, the process exits even if something still hangs. */
const SHUTDOWN_LIMIT_MS = 25_000;

/** Process entry: configure, open the database, migrate, seed, listen; shut down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  await checkListenAddress(config.host); // a wrong HOST is told before the database is started or migrated
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(config, (m, notice) => {
      if (notice || config.logLevel === 'debug' || config.logLevel === 'trace') console.error(`[postgres] ${m}`);
    });
    await migrate(database.pool);
    // Every process on this database must seal and sign with the same keys: refuse one whose keys differ.
    await checkKeyFingerprints(database.pool, config);
  } catch (error) {
    await database?.close();
    throw error;
  }
  const db = database;
  const app = await buildApp({ config, db: db.pool, connectionString: db.connectionString });
  // The embedded server is restarted when it dies; /healthz fails when it cannot be.
  const supervisor = db.embedded ? superviseEmbeddedServer(db.embedded, { log: (level, message) => app.log[level](message) }) : undefined;
  app.uh.embeddedDatabase = supervisor;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const grace = setTimeout(() => {
      app.log.warn('connections still open after the grace period: closing them');
      app.server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    grace.unref();
    const limit = setTimeout(() => {
      app.log.error('shutdown did not finish in time: exiting anyway');
      void db.close().finally(() => process.exit(1));
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    try {
      await supervisor?.stop(); // the server is about to be stopped on purpose
      await app.uh.jobs?.stop(10_000); // lets jobs in flight finish while the mailer is still open
      await app.close(); // stops accepting, waits for requests in flight
      await db.close(); // the embedded server stops cleanly (checkpoint)
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;
  try {
    seeded = config.seedDemo ? await seedDemoIfEmpty(db.pool) : null;
    if (seeded) app.log.info({ admin: seeded.adminEmail }, 'demo data created');
    // Background jobs (daily digests…) run on pg-boss in this database; several processes share the work.
    if (config.runJobs) {
      await startJobs(app.uh, db.connectionString, [rateLimitPurgeJob, ...modules.flatMap((m) => m.jobs ?? [])], {
        onError: (err) => app.log.error({ err }, 'job queue error'),
        timeouts: config.databaseTimeouts,
      });
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await supervisor?.stop();
    await app.uh.jobs?.stop(5_000).catch(() => {});
    await app.close().catch(() => {});
    await db.close(); // never leave the embedded server running behind a failed start
    throw explainListenError(error, config.host, config.port) ?? error;
  }

  if (seeded) {
    // With PORT=0 the system picks the port: show the address the app really listens on.
    const address = app.server.address();
    const baseUrl =
      config.port === 0 && address && typeof address === 'object' ? config.baseUrl.replace(/:0$/, `:${address.port}`) : config.baseUrl;
    // A plain line too, so the first person to start the app sees how to log in among the JSON logs.
    console.log(
      `\nDemo data created. Log in at ${baseUrl}/${config.defaultLanguage}/login as ${seeded.adminEmail} ` +
        `with password ${seeded.adminPassword}\n(Shown once, at the first start. Set SEED_DEMO=0 for a database without demo data.)\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
