import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoIfEmpty } from './db/seed/index.ts';
import { DataDirInUseError } from './db/embedded.ts';

/** Process entry: configure, open the database, migrate, seed, listen; shut down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, (m) => {
    if (config.logLevel === 'debug' || config.logLevel === 'trace') console.error(`[postgres] ${m}`);
  });
  await migrate(database.pool);
  const app = await buildApp({ config, db: database.pool, connectionString: database.connectionString });
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.pool);
    if (seeded) app.log.info({ admin: seeded.adminEmail }, `Demo data created. Log in as ${seeded.adminEmail} with password ${seeded.adminPassword}`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => process.exit(1), 20_000);
    timer.unref();
    await app.close(); // stops accepting, waits for requests in flight
    await database.close(); // the embedded server stops cleanly (checkpoint)
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
