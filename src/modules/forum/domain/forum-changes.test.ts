import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents, type LiveEvents } from '../../../core/live.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { forumChanges } from './forum-changes.ts';

// Two LiveEvents on one database stand for two app processes.
let database: TestDatabase;
let here: LiveEvents;
let there: LiveEvents;

beforeAll(async () => {
  database = await createTestDatabase();
  here = await createLiveEvents(database.url, database.pool);
  there = await createLiveEvents(database.url, database.pool);
});
afterAll(async () => {
  await here?.close();
  await there?.close();
  await database?.drop();
});

describe('forum changes', () => {
  it('tell this process at once, other processes through LISTEN/NOTIFY, and nobody twice', async () => {
    const heardHere: boolean[] = [];
    const heardThere: boolean[] = [];
    forumChanges(here).subscribe(({ added }) => heardHere.push(added));
    const arrived = new Promise<void>((resolve) =>
      forumChanges(there).subscribe(({ added }) => {
        heardThere.push(added);
        if (heardThere.length === 2) resolve();
      }),
    );
    const first = forumChanges(here).announce(true);
    // Told here before anything is awaited: the next request in this process sees the change.
    expect(heardHere).toEqual([true]);
    await first;
    await forumChanges(here).announce(false);
    await arrived;
    expect(heardThere).toEqual([true, false]);
    // Give this process's own echo time to arrive: it is ignored.
    await new Promise((r) => setTimeout(r, 200));
    expect(heardHere).toEqual([true, false]);
    expect(forumChanges(here)).toBe(forumChanges(here));
  });
});
