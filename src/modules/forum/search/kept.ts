import type { LiveEvents } from '../../../core/live.ts';
import { forumChanges } from '../live/index.ts';

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
  const kept = new Map<string, { at: number; value: Promise<T> }>();
  const unsubscribe = forumChanges(live).subscribe(({ added }) => {
    if (!added) kept.clear();
  });
  return {
    get(key, load) {
      const entry = kept.get(key);
      if (entry) {
        kept.delete(key);
        if (entry.at > Date.now() - options.ttlMs) {
          kept.set(key, entry);
          return entry.value;
        }
      }
      const value = load();
      const fresh = { at: Date.now(), value };
      value.catch(() => {
        if (kept.get(key) === fresh) kept.delete(key);
      });
      if (kept.size >= options.max) kept.delete(kept.keys().next().value!);
      kept.set(key, fresh);
      return value;
    },
    close: unsubscribe,
  };
}
