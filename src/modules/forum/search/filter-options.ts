import type { Actor } from '../../../core/authorization.ts';
import type { LiveEvents } from '../../../core/live.ts';
import type { Queryable } from '../../../db/database.ts';
import { viewerScope } from '../index.ts';
import { FORUM_CHANGED } from '../live/index.ts';
import { searchFilterOptions, type FilterOption } from './queries.ts';

/** How long a viewer scope's filter choices are kept (an organization moved in the tree shows this late at most). */
const TTL_MS = 60_000;
/** Viewer scopes kept (each a set of organizations a viewer holds roles in). */
const MAX_SCOPES = 1_000;

/**
 * The search form's organization and category choices, kept per viewer scope (the organizations a
 * viewer holds roles in: every visitor shares one, and so do members of the same organizations), so
 * a search makes one database round trip fewer. A forum change other than a new post (a category
 * created, renamed or made private), in any process, drops them all.
 */
export function createFilterOptionsCache(db: Queryable, live: LiveEvents): { get(actor: Actor | null): Promise<FilterOption[]>; close(): void } {
  const kept = new Map<string, { at: number; options: Promise<FilterOption[]> }>();
  const unsubscribe = live.subscribe(FORUM_CHANGED, (payload) => {
    if (payload.added !== true) kept.clear();
  });
  return {
    get(actor) {
      const key = JSON.stringify(viewerScope(actor));
      const entry = kept.get(key);
      if (entry && entry.at > Date.now() - TTL_MS) return entry.options;
      const options = searchFilterOptions(db, actor);
      options.catch(() => kept.delete(key));
      if (kept.size >= MAX_SCOPES) kept.delete(kept.keys().next().value!);
      kept.set(key, { at: Date.now(), options });
      return options;
    },
    close: unsubscribe,
  };
}
