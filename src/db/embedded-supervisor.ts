import type { EmbeddedServer } from './embedded.ts';

/** running: the server answers; restarting: it died and is being started again; failed: it could not be. */
export type EmbeddedHealth = 'running' | 'restarting' | 'failed';

export interface EmbeddedSupervisor {
  health(): EmbeddedHealth;
  /** Stops watching (before the server is stopped on purpose); waits for a restart under way to end. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** How often the server process is checked. */
  pollMs?: number;
  /** Restarts tried, one after another, before giving up (health "failed"). */
  attempts?: number;
  /** Wait after the first failed restart; it doubles after each one, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Watches the embedded PostgreSQL server the app started and starts it again when its process dies (killed,
 * out of memory), with a log line and a growing wait between attempts. After `attempts` failures it gives up:
 * health says "failed", /healthz answers 503, and a process manager restarting the app is what can help now.
 */
export function superviseEmbeddedServer(server: EmbeddedServer, options: SuperviseOptions): EmbeddedSupervisor {
  const { log } = options;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  let health: EmbeddedHealth = 'running';
  let stopped = false;
  let pid = server.serverPid();
  let wake = () => {};
  /** Waits between attempts; stop() cuts the wait short. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });
  const become = (next: EmbeddedHealth) => {
    health = next;
  };

  const restart = async () => {
    const diedAt = Date.now();
    log('warn', `The embedded PostgreSQL server (pid ${pid}) stopped unexpectedly; restarting it.`);
    become('restarting');
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      try {
        // Its sessions die a moment after the server: one still holding its memory makes the first try fail.
        if (server.serverPid() === null) await server.restart();
        pid = server.serverPid();
        log(
          'info',
          `The embedded PostgreSQL server is running again (pid ${pid}), ${Date.now() - diedAt} ms after it was found stopped (attempt ${attempt}).`,
        );
        become('running');
        return;
      } catch (error) {
        lastError = error;
        log('warn', `Restarting the embedded PostgreSQL server failed (attempt ${attempt} of ${attempts}): ${(error as Error).message}`);
        if (attempt < attempts) await pause(Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)));
      }
    }
    if (stopped) return;
    log(
      'error',
      `The embedded PostgreSQL server could not be restarted after ${attempts} attempts (${lastError instanceof Error ? lastError.message : 'unknown error'}). ` +
        '/healthz now answers 503: restart the app (a process manager does it by itself).',
    );
    become('failed');
  };

  let restarting: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped || health !== 'running' || server.serverPid() !== null) return;
    restarting = restart();
  }, options.pollMs ?? 500);
  timer.unref();

  return {
    health: () => health,
    async stop() {
      stopped = true;
      clearInterval(timer);
      wake();
      // A server started meanwhile would outlive the app: let the start finish, so that it is stopped with the rest.
      await restarting;
    },
  };
}
