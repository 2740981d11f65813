import net from 'node:net';
import { ConfigError } from './config.ts';
import { DatabaseSetupError } from './db/connect.ts';
import { DataDirInUseError, EmbeddedStartError } from './db/embedded.ts';

/** Failures whose message already says what is wrong and how to fix it: printed as they are. */
const EXPLAINED = [ConfigError, DataDirInUseError, DatabaseSetupError, EmbeddedStartError];

/** The operator's sentence for a failed listen on HOST:PORT, or undefined when the error is of another kind. */
export function explainListenError(error: unknown, host: string, port: number): ConfigError | undefined {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new ConfigError(`${host}:${port} is already in use by another program. Stop it, or choose another PORT (or HOST).`);
    case 'EACCES':
      return new ConfigError(
        `This user may not listen on port ${port} (ports below 1024 need privileges): choose a PORT of 1024 or more, behind a reverse proxy.`,
      );
    case 'EADDRNOTAVAIL':
      return new ConfigError(
        `HOST=${host} is not an address of this machine: set HOST to one of its addresses, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new ConfigError(
        `HOST=${host} is not a name this machine can resolve: set HOST to an address such as 127.0.0.1 or 0.0.0.0, or to a name in /etc/hosts.`,
      );
    default:
      return undefined;
  }
}

/**
 * Checks that HOST can be listened on (it resolves to an address of this machine) before the database is opened,
 * so that a typo costs no embedded server start and no migration. Listens on a port the system picks, then closes.
 */
export async function checkListenAddress(host: string): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port: 0, host }, resolve);
    });
  } catch (error) {
    throw explainListenError(error, host, 0) ?? error;
  } finally {
    await new Promise((resolve) => probe.close(resolve));
  }
}

/**
 * What a failed start prints: one sentence saying what is wrong and how to fix it, and the stack trace only when
 * LOG_LEVEL is debug or trace (read from the environment: the configuration itself may be what failed).
 */
export function describeStartupFailure(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (EXPLAINED.some((kind) => error instanceof kind)) return (error as Error).message + stack;
  const what = error instanceof Error ? error.message : String(error);
  const hint = debug ? '' : ' Set LOG_LEVEL=debug to see where it failed.';
  return `Unionhall could not start: ${what.replace(/\.?\s*$/, '.')}${hint}${stack}`;
}
