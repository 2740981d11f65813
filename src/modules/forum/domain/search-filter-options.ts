import type { Actor } from '../../../core/authorization.ts';
import type { LiveEvents } from '../../../core/live.ts';
import type { Queryable } from '../../../db/database.ts';
import { viewerScope } from '../queries/visibility.ts';
import { keptUntilForumChanges } from './kept.ts';
import { searchFilterOptions, type FilterOption } from '../queries/search.ts';

/**
 * The search form's organization and category choices, kept per viewer scope (the organizations a
 * viewer holds roles in: every visitor shares one, and so do members of the same organizations) for a
 * minute at most (an organization moved in the tree shows this late), so a search makes one database
 * round trip fewer. A forum change other than a new post (a category created, renamed or made private),
 * in any process, drops them all.
 */
export function createFilterOptionsCache(
  db: Queryable,
  live: LiveEvents,
): { get(actor: Actor | null): Promise<FilterOption[]>; close(): void } {
  const kept = keptUntilForumChanges<FilterOption[]>(live, { ttlMs: 60_000, max: 1_000 });
  return {
    get: (actor) => kept.get(JSON.stringify(viewerScope(actor)), () => searchFilterOptions(db, actor)),
    close: () => {
      kept.close();
    },
  };
}
