import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents, type LiveEvents } from '../../../core/live.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { FORUM_CHANGED, forumChanges } from './forum-changes.ts';

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
    // This process's own echoes, heard on the raw channel after forumChanges' listener (subscribed first) has seen them.
    const echoes = new Promise<void>((resolve) => {
      let count = 0;
      here.subscribe(FORUM_CHANGED, () => {
        if (++count === 2) resolve();
      });
    });
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
    // Both echoes of this process's own announcements have arrived, and were ignored.
    await echoes;
    expect(heardHere).toEqual([true, false]);
    expect(forumChanges(here)).toBe(forumChanges(here));
  });
});
