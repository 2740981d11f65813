import { createHmac } from 'node:crypto';
import { ConfigError, type Config } from '../config.ts';
import { z } from 'zod';
import { many, type Queryable } from './database.ts';

/** The secrets every process on one database must share, with the variable and the generated file that hold each. */
const KEYS = [
  { name: 'session_secret', variable: 'SESSION_SECRET', file: 'session-secret', of: (c: Pick<Config, 'sessionSecret'>) => c.sessionSecret },
  { name: 'anonymity_key', variable: 'ANONYMITY_KEY', file: 'anonymity-key', of: (c: Pick<Config, 'anonymityKey'>) => c.anonymityKey },
  // Browsers subscribe to one application server key: a process with another pair would send pushes they drop.
  {
    name: 'vapid_private_key',
    variable: 'VAPID_PRIVATE_KEY',
    file: 'vapid-private-key',
    of: (c: Pick<Config, 'vapid'>) => c.vapid?.privateKey,
  },
] as const;

/** "A", "A and B", "A, B and C". */
const listed = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}` : (items[0] ?? ''));

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
 * Records the fingerprints of SESSION_SECRET, ANONYMITY_KEY and the VAPID private key (when push is on) at the first start on a database, and refuses a
 * process whose keys differ from the recorded ones: its forms would be refused by the other processes and one
 * person's anonymous posts would get another pseudonym there. Concurrent first starts: the primary key lets one win.
 */
export async function checkKeyFingerprints(
  db: Queryable,
  config: Pick<Config, 'sessionSecret' | 'anonymityKey'> & Partial<Pick<Config, 'vapid'>>,
): Promise<void> {
  // A process with push off (no VAPID keys) neither records nor compares that fingerprint.
  const mine = KEYS.flatMap((key) => {
    const value = key.of({ vapid: undefined, ...config });
    return value === undefined ? [] : [{ ...key, fingerprint: keyFingerprint(value, key.name) }];
  });
  await db.query(
    `INSERT INTO key_fingerprints (name, fingerprint) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name) DO NOTHING`,
    [mine.map((k) => k.name), mine.map((k) => k.fingerprint)],
  );
  const rows = await many(db, z.object({ name: z.string(), fingerprint: z.string() }), 'SELECT name, fingerprint FROM key_fingerprints');
  const recorded = new Map(rows.map((r) => [r.name, r.fingerprint]));
  const differing = mine.filter((k) => recorded.get(k.name) !== k.fingerprint);
  if (differing.length === 0) return;
  const names = listed(differing.map((k) => k.variable));
  const files = listed(differing.map((k) => `DATA_DIR/${k.file}`));
  throw new KeyMismatchError(
    `${names} of this process ${differing.length > 1 ? 'differ' : 'differs'} from what the other processes on this database use ` +
      `(its fingerprint is in the table key_fingerprints): give this process the same ${names}, copied from your secret store ` +
      `or from ${files} of the process that started first.`,
  );
}
