import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { startJobs, type JobQueue } from '../../src/core/jobs.ts';
import { rateLimitPurgeJob } from '../../src/core/rate-limit-store.ts';
import { type Queryable } from '../../src/db/database.ts';
import { many } from './sql.ts';
import { modules } from '../../src/modules/registry.ts';
import { testConfig, type TestDatabase } from './app.ts';
import { TestClient } from './client.ts';

// What the anonymity leak tests share (src/modules/forum/anonymity-leaks.test.ts, anonymous-notices.test.ts):
// a snapshot of every row of every table, the rows written between two snapshots, and a search of a row or a
// log line for whatever names one person.

/** Every row of every table of every schema the app uses (its own, pg-boss's), as JSON text, per table. */
export type Snapshot = Map<string, string[]>;

/** Takes a snapshot of every table (with each row's transaction id, `xmin`, when `withXmin`). */
export async function snapshot(db: Queryable, options: { withXmin?: boolean } = {}): Promise<Snapshot> {
  const tables = await many<{ schema: string; name: string }>(
    db,
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const rows: Snapshot = new Map();
  for (const { schema, name } of tables) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const select = options.withXmin ? `(to_jsonb(t) || jsonb_build_object('xmin', t.xmin::text))::text` : 'to_jsonb(t)::text';
    rows.set(
      `${schema}.${name}`,
      (await many<{ row: string }>(db, `SELECT ${select} AS row FROM ${quoted} t`)).map((r) => r.row),
    );
  }
  return rows;
}

/** A row of some table, parsed. */
export interface WrittenRow {
  table: string;
  row: Record<string, unknown>;
}

/** The rows of `after` that `before` does not hold (new rows, and the new version of changed ones). */
export function written(before: Snapshot, after: Snapshot): WrittenRow[] {
  const out: WrittenRow[] = [];
  for (const [table, rows] of after) {
    const old = new Map<string, number>();
    for (const row of before.get(table) ?? []) old.set(row, (old.get(row) ?? 0) + 1);
    for (const row of rows) {
      const left = old.get(row) ?? 0;
      if (left > 0) old.set(row, left - 1);
      else out.push({ table, row: JSON.parse(row) as Record<string, unknown> });
    }
  }
  return out;
}

// Columns and JSON keys that hold a person's id (user_id, actor_id, author_id, flagger_id, invited_by, userId…).
const PERSON_ID_KEY =
  /(^|_)(user|actor|author|editor|flagger|uploader|owner|creator|poster|sender|recipient|reviewer)(_id)?$|_by$|^(user|actor|author|editor)Id$/i;

/** Hex and base64url SHA-256 digests of these strings: unkeyed digests name a person as well as the strings do. */
export function unkeyedDigests(strings: string[]): string[] {
  return strings.flatMap((s) => {
    const digest = createHash('sha256').update(s).digest();
    return [digest.toString('hex'), digest.toString('base64url').slice(0, 32)];
  });
}

/**
 * A search for one person: `names(value)` says why a value (a row, a log line, parsed) names them — their id where
 * a person's id goes or as a part of a key, or one of their identifiers — or null when it does not.
 */
export function personProbe(personId: () => number, identifiers: () => string[]) {
  const names = (value: unknown, key = ''): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const found = names(v, Array.isArray(value) ? key : k);
        if (found) return `${k}: ${found}`;
      }
      return null;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const id = personId();
    if (PERSON_ID_KEY.test(key) && text === String(id)) return `a person's id, ${text}`;
    // A key or path with the id as one of its parts: "forum:flood:90417", "user/90417".
    if (new RegExp(`(^|[:/|])${id}($|[:/|])`).test(text)) return `the id in "${text}"`;
    const lower = text.toLowerCase();
    const hit = identifiers().find((identifier) => lower.includes(identifier.toLowerCase()));
    return hit ? `"${hit}" in "${text.slice(0, 200)}"` : null;
  };
  return names;
}

/** A client that sends every request from one address, as a browser on one network would. */
export function clientFrom(app: FastifyInstance, address: string, headers: Record<string, string>): TestClient {
  const fromAddress = {
    inject: (options: InjectOptions) => app.inject({ ...options, remoteAddress: address }),
  } as unknown as FastifyInstance;
  return new TestClient(fromAddress, headers);
}

/** The app as production runs it, every log line (trace level) kept in `lines`, and the job queue running, so pg-boss's tables are searched too. */
export async function startLoggedApp(database: TestDatabase): Promise<{ app: FastifyInstance; jobs: JobQueue; lines: string[] }> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildApp({
    config: testConfig(),
    db: database.pool,
    connectionString: database.url,
    logger: { level: 'trace', stream },
  });
  await app.ready();
  const jobs = await startJobs(app.uh, database.url, [rateLimitPurgeJob, ...modules.flatMap((m) => m.jobs ?? [])], { onError: () => {} });
  return { app, jobs, lines };
}

/**
 * What a person's sign-ins leave that names them: the network the sessions table keeps (it names them in a
 * log too), and the hashes of their sessions and tokens (a row keyed by one names them through that table).
 */
export async function signInTraces(db: Queryable, userId: number): Promise<string[]> {
  const networks = await many<{ ip: string | null }>(db, `SELECT host(ip) AS ip FROM sessions WHERE user_id = $1 AND ip IS NOT NULL`, [
    userId,
  ]);
  const secrets = await many<{ hash: string }>(
    db,
    `SELECT id_hash AS hash FROM sessions WHERE user_id = $1 UNION ALL SELECT token_hash FROM api_tokens WHERE user_id = $1`,
    [userId],
  );
  return [...networks.flatMap((n) => (n.ip ? [n.ip.split('.').slice(0, 3).join('.') + '.'] : [])), ...secrets.map((s) => s.hash)];
}
