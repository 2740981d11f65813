import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { BackupError, RestoreRefusedError } from '../db/backup.ts';
import { DatabaseSetupError } from '../db/connect.ts';
import { DataDirInUseError, EmbeddedStartError } from '../db/embedded.ts';
import { CliError, processIo, type CliIo } from './io.ts';

// Commands are loaded when they run, so `--help` and light commands do not load every feature module.
const ADMIN_PASSWORD_ENV = 'UNIONHALL_ADMIN_PASSWORD';

const DATABASE_HELP = `
The database is the one the app uses: DATABASE_URL, or else the embedded PostgreSQL in DATA_DIR (./data).
When the app is running on the embedded server, the command uses that server.`;

/** The `unionhall` command line. */
export function createProgram(io: CliIo = processIo): Command {
  const program = new Command('unionhall')
    .description('Unionhall operations: migrations, demo data, administrators, backups.')
    .addHelpText('after', DATABASE_HELP)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .exitOverride();

  program
    .command('migrate')
    .description('apply the database migrations not yet applied (the app also does this at start)')
    .addHelpText('after', DATABASE_HELP)
    .action(async () => (await import('./migrate.ts')).migrateCommand(io));

  program
    .command('seed-demo')
    .description('create the demo regions, organizations and people; only into a database without accounts')
    .addHelpText('after', `\nRefuses when the database already has accounts: demo people are never mixed with real ones.${DATABASE_HELP}`)
    .action(async () => (await import('./seed-demo.ts')).seedDemoCommand(io));

  program
    .command('create-admin')
    .description('create a platform administrator account')
    .requiredOption('--email <email>', "the administrator's email address (the login)")
    .requiredOption('--name <name>', "the administrator's name as others see it")
    .option('--language <lang>', 'preferred language: fa, vi or en (default: DEFAULT_LANGUAGE)')
    .option('--promote', 'if the account exists, make it a platform administrator (its password is kept)')
    .addHelpText(
      'after',
      `\nThe password is read from ${ADMIN_PASSWORD_ENV} (10 characters or more); when it is not set, a strong one is generated and printed once.${DATABASE_HELP}`,
    )
    .action(async (options: { email: string; name: string; language?: string; promote?: boolean }) =>
      (await import('./create-admin.ts')).createAdminCommand(io, options),
    );

  program
    .command('backup')
    .description('write the whole database to a plain SQL file (pg_dump format; restores with psql -f too)')
    .argument('<file>', 'the file to write, e.g. unionhall-2026-11-23.sql')
    .option('--force', 'replace the file if it exists')
    .addHelpText(
      'after',
      "\nThe file holds the schema (the applied migrations), every table's rows and the sequences, from one consistent snapshot; " +
        'the app may keep running. It does not hold ANONYMITY_KEY or SESSION_SECRET: keep those (DATA_DIR/anonymity-key) backed up separately.' +
        DATABASE_HELP,
    )
    .action(async (file: string, options: { force?: boolean }) => (await import('./backup.ts')).backupCommand(io, file, options));

  program
    .command('restore')
    .description('load a backup file into an EMPTY database')
    .argument('<file>', 'a file written by `unionhall backup`')
    .addHelpText(
      'after',
      '\nRefuses a database that already has tables. Runs in one transaction: on any error nothing is kept. Needs a superuser ' +
        '(triggers are switched off while rows load). Equivalent: psql -X -v ON_ERROR_STOP=1 --single-transaction -d DB -f FILE' +
        DATABASE_HELP,
    )
    .action(async (file: string) => (await import('./backup.ts')).restoreCommand(io, file));

  return program;
}

/** Runs the command line; returns the exit code. Expected failures print their message only. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed.
      return error.exitCode;
    }
    if (
      error instanceof CliError ||
      error instanceof ConfigError ||
      error instanceof DataDirInUseError ||
      error instanceof EmbeddedStartError ||
      error instanceof DatabaseSetupError ||
      error instanceof RestoreRefusedError ||
      error instanceof BackupError
    ) {
      io.err(error.message);
      return 1;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
