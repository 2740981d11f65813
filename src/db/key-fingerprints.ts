import { createHmac } from 'node:crypto';
import { ConfigError, type Config } from '../config.ts';
import { z } from 'zod';
import { many, type Queryable } from './database.ts';

/** The secrets every process on one database must share, with the variable and the generated file that hold each. */
const KEYS = [
  { name: 'session_secret', variable: 'SESSION_SECRET', file: 'session-secret', of: (c: Pick<Config, 'sessionSecret'>) => c.sessionSecret },
  { name: 'anonymity_key', variable: 'ANONYMITY_KEY', file: 'anonymity-key', of: (c: Pick<Config, 'anonymityKey'>) => c.anonymityKey },
] as const;

/** A process's key differs from the one recorded in the database by the first process. */
export class KeyMismatchError extends ConfigError {}

/**
 * HMAC-SHA256 of a fixed label under the key: equal keys give equal fingerprints, and the fingerprint gives no way
 * back to the key. (Whoever holds the database can already test a guessed key against the sealed anonymous posts,
 * so a fingerprint adds no new way to guess it; the keys are long and random.)
 */
export function keyFingerprint(key: string, name: string): string {
  return createHmac('sha256', key).update(`unionhall key fingerprint v1: ${name}`).digest('hex');
}

/**
 * Records the fingerprints of SESSION_SECRET and ANONYMITY_KEY at the first start on a database, and refuses a
 * process whose keys differ from the recorded ones: its forms would be refused by the other processes and one
 * person's anonymous posts would get another pseudonym there. Concurrent first starts: the primary key lets one win.
 */
export async function checkKeyFingerprints(db: Queryable, config: Pick<Config, 'sessionSecret' | 'anonymityKey'>): Promise<void> {
  const mine = KEYS.map((key) => ({ ...key, fingerprint: keyFingerprint(key.of(config), key.name) }));
  await db.query(
    `INSERT INTO key_fingerprints (name, fingerprint) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name) DO NOTHING`,
    [mine.map((k) => k.name), mine.map((k) => k.fingerprint)],
  );
  const rows = await many(db, z.object({ name: z.string(), fingerprint: z.string() }), 'SELECT name, fingerprint FROM key_fingerprints');
  const recorded = new Map(rows.map((r) => [r.name, r.fingerprint]));
  const differing = mine.filter((k) => recorded.get(k.name) !== k.fingerprint);
  if (differing.length === 0) return;
  const names = differing.map((k) => k.variable).join(' and ');
  const files = differing.map((k) => `DATA_DIR/${k.file}`).join(' and ');
  throw new KeyMismatchError(
    `${names} of this process ${differing.length > 1 ? 'differ' : 'differs'} from what the other processes on this database use ` +
      `(its fingerprint is in the table key_fingerprints): give this process the same ${names}, copied from your secret store ` +
      `or from ${files} of the process that started first.`,
  );
}
