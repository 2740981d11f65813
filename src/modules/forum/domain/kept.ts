import { LRUCache } from 'lru-cache';
import type { LiveEvents } from '../../../core/live.ts';
import { forumChanges } from './forum-changes.ts';

/** Values kept in memory per key for a while (see keptUntilForumChanges). */
export interface Kept<T> {
  /** The value kept for `key`, or the one `load` gives (kept if it succeeds; callers asking meanwhile share it). */
  get(key: string, load: () => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * Values derived from the forum, kept per key for `ttlMs` at most and `max` keys at most (the least
 * recently used dropped first). A forum change other than a new post or topic (an edit, a deletion,
 * hiding, moving, a category's name or visibility), in any process, drops them all at once, so nothing
 * taken away is served; a new post shows once its key is read again (within `ttlMs`).
 */
export function keptUntilForumChanges<T>(live: LiveEvents, options: { ttlMs: number; max: number }): Kept<T> {
  const kept = new LRUCache<string, Promise<T>>({ max: options.max, ttl: options.ttlMs });
  const unsubscribe = forumChanges(live).subscribe(({ added }) => {
    if (!added) kept.clear();
  });
  return {
    get(key, load) {
      const known = kept.get(key);
      if (known) return known;
      const value = load();
      kept.set(key, value);
      value.catch(() => {
        if (kept.peek(key) === value) kept.delete(key);
      });
      return value;
    },
    close: unsubscribe,
  };
}
