import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { defined } from '../../test/support/defined.ts';
import { waitFor } from '../../test/support/wait.ts';
import { startJobQueue, type JobQueue } from './jobs.ts';

let database: TestDatabase;
let jobs: JobQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobQueue(database.url, { pollingIntervalSeconds: 0.5, onError: () => {} });
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await database.drop();
});

async function settled(
  queue: string,
  id: string | null,
  states = ['completed', 'failed', 'retry'],
): Promise<{ state: string; retryCount: number }> {
  let settledAs: { state: string; retryCount: number } | undefined;
  await waitFor(
    async () => {
      const job = await jobs.boss.getJobById(queue, defined(id, 'the job id'), { includeArchive: true });
      settledAs = job && states.includes(job.state) ? { state: job.state, retryCount: job.retryCount } : undefined;
      return settledAs !== undefined;
    },
    `job ${queue}/${id} to reach ${states.join(' or ')}`,
    { timeoutMs: 20_000, everyMs: 100 },
  );
  return defined(settledAs, 'the settled job');
}

describe('job queue (pg-boss)', () => {
  it('installs its tables in the pgboss schema of the app’s database', async () => {
    const schema = await database.pool.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = 'pgboss'`);
    expect(schema.rowCount).toBe(1);
  });

  it('delivers a sent job’s data to the worker of its queue', async () => {
    const received: unknown[] = [];
    await jobs.work<{ greeting: string }>('test-echo', async (data) => {
      received.push(data);
    });
    const id = await jobs.send('test-echo', { greeting: 'xin chào' });
    expect((await settled('test-echo', id)).state).toBe('completed');
    expect(received).toEqual([{ greeting: 'xin chào' }]);
  });

  it('enqueues many jobs in one call', async () => {
    await jobs.sendMany('test-many', [{ data: { n: 1 } }, { data: { n: 2 } }, { data: { n: 3 } }]);
    const stored = await database.pool.query(`SELECT data->>'n' AS n FROM pgboss.job WHERE name = 'test-many' ORDER BY 1`);
    expect(stored.rows.map((r) => r.n)).toEqual(['1', '2', '3']);
    await jobs.sendMany('test-many', []);
  });

  it('keeps a job whose handler throws for a later retry', async () => {
    await jobs.ensureQueue('test-flaky', { retryLimit: 2 });
    await jobs.work('test-flaky', async () => {
      throw new Error('SMTP is down');
    });
    const id = await jobs.send('test-flaky', {});
    const job = await settled('test-flaky', id, ['retry', 'failed']);
    expect(job.state).toBe('retry');
  });

  it('stores a cron schedule in UTC', async () => {
    await jobs.schedule('test-daily', '0 6 * * *', { hello: 'world' });
    const schedules = await jobs.boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: 'test-daily', cron: '0 6 * * *', data: { hello: 'world' } }));
  });
});
