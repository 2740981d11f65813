import PgBoss from 'pg-boss';
import type { AppDeps } from './context.ts';
import type { DatabaseTimeouts } from '../config.ts';

/** What a job handler gets: the app's shared things (database, mailer, configuration) and the queue itself. */
export type JobDeps = AppDeps & { jobs: JobQueue };

/** A kind of background job a module runs: its queue name, its handler, and optionally a cron schedule. */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  /** Queue name: letters, digits, underscores and hyphens (e.g. "notifications-digest"). */
  name: string;
  /** Handles one job. Throwing makes pg-boss retry it later (up to retryLimit times), so handlers must be idempotent. */
  handler: (data: T, deps: JobDeps) => Promise<void>;
  /** A cron expression in UTC (e.g. "0 6 * * *" for every day at 06:00); pg-boss sends one job per tick across all processes. */
  cron?: string;
  /** How often a failed job is tried again (default 3). */
  retryLimit?: number;
  /** Seconds a job may run before pg-boss expires and retries it (default 15 minutes). */
  expireInSeconds?: number;
  /** Seconds before the first retry; each further retry waits about twice as long (default 60). */
  retryDelaySeconds?: number;
  /**
   * A live channel (src/core/live.ts) that wakes this queue: each event on it (e.g. one published by SQL when a
   * transaction commits), and each reconnection of the LISTEN connection, sends one job with empty data, debounced
   * to one per second. For a dispatcher whose cron tick is only the safety net.
   */
  wakeOn?: string;
}

/** A PostgreSQL-backed job queue (pg-boss in the "pgboss" schema of the app's database). */
export interface JobQueue {
  /** Enqueues one job; resolves to its id (null when pg-boss dropped it as a duplicate). */
  send(name: string, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Enqueues many jobs of one queue in one statement. */
  sendMany(name: string, jobs: Array<{ data: object; singletonKey?: string }>): Promise<void>;
  /** Starts handling a queue's jobs in this process (one job at a time per call). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the data the handler expects; pg-boss stores any JSON
  work<T extends object>(name: string, handler: (data: T) => Promise<void>, options?: { pollingIntervalSeconds?: number }): Promise<void>;
  /** Sends a job to a queue on a cron schedule (UTC); the schedule is stored, so one tick runs once across processes. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Creates the queue if it does not exist (send, work and schedule do this themselves). */
  ensureQueue(name: string, options?: { retryLimit?: number; expireInSeconds?: number; retryDelaySeconds?: number }): Promise<void>;
  /** Stops fetching, waits for jobs in flight (up to timeoutMs), and closes pg-boss's connections. */
  stop(timeoutMs?: number): Promise<void>;
  /** The underlying pg-boss instance, for what this interface does not cover. */
  readonly boss: PgBoss;
}

export interface JobQueueOptions {
  /** Log sink for errors pg-boss reports from its background loops. */
  onError?: (error: Error) => void;
  /** Poll interval for workers, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Connections pg-boss may open (default 4). */
  max?: number;
  /**
   * The app's database timeouts. pg-boss gets the connect and idle-in-transaction limits; not the statement
   * limit, which its own maintenance (archiving a big queue) may rightly exceed. Job handlers use the app's pool.
   */
  timeouts?: DatabaseTimeouts;
}

/** Starts pg-boss against a database (creating or migrating its schema) and returns the queue. */
export async function startJobQueue(connectionString: string, options: JobQueueOptions = {}): Promise<JobQueue> {
  const limits = options.timeouts
    ? { connectionTimeoutMillis: options.timeouts.connectMs, idle_in_transaction_session_timeout: options.timeouts.idleInTransactionMs }
    : {};
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: options.max ?? 4, application_name: 'unionhall-jobs', ...limits });
  boss.on('error', options.onError ?? ((error) => console.error('[jobs]', error)));
  await boss.start();
  const known = new Map<string, Promise<void>>();
  const polling = options.pollingIntervalSeconds ?? 2;

  const ensureQueue: JobQueue['ensureQueue'] = (name, queueOptions = {}) => {
    let created = known.get(name);
    if (!created) {
      created = boss.createQueue(name, {
        name,
        retryLimit: queueOptions.retryLimit ?? 3,
        retryDelay: queueOptions.retryDelaySeconds ?? 60,
        retryBackoff: true,
        expireInSeconds: queueOptions.expireInSeconds ?? 15 * 60,
      });
      created.catch(() => known.delete(name));
      known.set(name, created);
    }
    return created;
  };

  return {
    boss,
    ensureQueue,
    async send(name, data, sendOptions) {
      await ensureQueue(name);
      return sendOptions ? boss.send(name, data, sendOptions) : boss.send(name, data);
    },
    async sendMany(name, jobs) {
      if (jobs.length === 0) return;
      await ensureQueue(name);
      await boss.insert(jobs.map((job) => ({ name, data: job.data, singletonKey: job.singletonKey })));
    },
    async work(name, handler, workOptions = {}) {
      await ensureQueue(name);
      await boss.work<object>(
        name,
        { pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? polling, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data as Parameters<typeof handler>[0]);
        },
      );
    },
    async schedule(name, cron, data = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
    async stop(timeoutMs = 15_000) {
      await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
    },
  };
}

/**
 * Starts the job queue for a running app: creates every module's queues, starts their workers and
 * registers their cron schedules, and sets deps.jobs so routes can enqueue work. Call it only in
 * processes that should run jobs (config.runJobs); several processes may, pg-boss shares the work.
 */
export async function startJobs(
  deps: AppDeps,
  connectionString: string,
  definitions: JobDefinition[],
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const queue = await startJobQueue(connectionString, options);
  const unsubscribe: Array<() => void> = [];
  // Wake-ups stop before the queue does, so none reaches a stopped pg-boss.
  const jobs: JobQueue = {
    ...queue,
    stop: (timeoutMs) => {
      for (const off of unsubscribe.splice(0)) off();
      return queue.stop(timeoutMs);
    },
  };
  const jobDeps: JobDeps = { ...deps, jobs };
  for (const definition of definitions) {
    const { name, retryLimit, expireInSeconds, retryDelaySeconds, wakeOn } = definition;
    await jobs.ensureQueue(name, { retryLimit, expireInSeconds, retryDelaySeconds });
    await jobs.work(name, (data) => definition.handler(data as Record<string, unknown>, jobDeps));
    if (definition.cron) await jobs.schedule(name, definition.cron);
    if (wakeOn) {
      const wake = () => {
        jobs.boss.sendDebounced(name, {}, {}, 1, name).catch((error: unknown) => (options.onError ?? console.error)(error as Error));
      };
      unsubscribe.push(deps.live.subscribe(wakeOn, wake), deps.live.onResync(wake));
      wake(); // what was committed while no process listened
    }
  }
  deps.jobs = jobs;
  return jobs;
}
