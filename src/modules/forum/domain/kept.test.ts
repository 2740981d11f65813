import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents, type LiveEvents } from '../../../core/live.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { keptUntilForumChanges } from './kept.ts';
import { forumChangeFromElsewhere } from '../factories.ts';
import { waitFor } from '../../../../test/support/wait.ts';

let database: TestDatabase;
let live: LiveEvents;

beforeAll(async () => {
  database = await createTestDatabase();
  live = await createLiveEvents(database.url, database.pool);
});
afterAll(async () => {
  await live?.close();
  await database?.drop();
});

/** A loader that counts its calls and answers `value-<n>`. */
function counter() {
  let calls = 0;
  return {
    load: async () => `value-${++calls}`,
    get calls() {
      return calls;
    },
  };
}

const heard = (payload: { added: boolean }) => forumChangeFromElsewhere(live, payload);

describe('keptUntilForumChanges', () => {
  it('keeps a value for its key, and one load serves callers arriving together', async () => {
    const kept = keptUntilForumChanges<string>(live, { ttlMs: 60_000, max: 10 });
    const c = counter();
    try {
      expect(await Promise.all([kept.get('a', c.load), kept.get('a', c.load), kept.get('a', c.load)])).toEqual([
        'value-1',
        'value-1',
        'value-1',
      ]);
      expect(await kept.get('b', c.load)).toBe('value-2');
      expect(c.calls).toBe(2);
    } finally {
      kept.close();
    }
  });

  it('loads again once the value is older than its lifetime', async () => {
    const kept = keptUntilForumChanges<string>(live, { ttlMs: 30, max: 10 });
    const c = counter();
    try {
      expect(await kept.get('a', c.load)).toBe('value-1');
      // Asked again until the 30 ms lifetime is over: kept until then, loaded again after.
      let value = 'value-1';
      await waitFor(async () => (value = await kept.get('a', c.load)) !== 'value-1', 'the value to expire', {
        timeoutMs: 2_000,
        everyMs: 5,
      });
      expect(value).toBe('value-2');
    } finally {
      kept.close();
    }
  });

  it('drops the least recently used key when full', async () => {
    const kept = keptUntilForumChanges<string>(live, { ttlMs: 60_000, max: 2 });
    const c = counter();
    try {
      await kept.get('a', c.load);
      await kept.get('b', c.load);
      await kept.get('a', c.load); // a used again: b is now the oldest
      await kept.get('c', c.load); // b goes
      expect(await kept.get('a', c.load)).toBe('value-1');
      expect(await kept.get('b', c.load)).toBe('value-4');
    } finally {
      kept.close();
    }
  });

  it('does not keep a failure', async () => {
    const kept = keptUntilForumChanges<string>(live, { ttlMs: 60_000, max: 10 });
    try {
      await expect(kept.get('a', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
      expect(await kept.get('a', async () => 'back')).toBe('back');
    } finally {
      kept.close();
    }
  });

  it('keeps values through a new post, and drops them all on any other forum change', async () => {
    const kept = keptUntilForumChanges<string>(live, { ttlMs: 60_000, max: 10 });
    const c = counter();
    try {
      await kept.get('a', c.load);
      await heard({ added: true });
      expect(await kept.get('a', c.load)).toBe('value-1');
      await heard({ added: false });
      expect(await kept.get('a', c.load)).toBe('value-2');
    } finally {
      kept.close();
    }
  });
});
