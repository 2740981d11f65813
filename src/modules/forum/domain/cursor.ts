import type { TopicCursor } from '../queries/topics.ts';

/** Keyset cursors travel in the URL as base64url JSON; anything unreadable starts from the top. */
export function encodeCursor(cursor: TopicCursor): string {
  return Buffer.from(JSON.stringify([cursor.pinned ? 1 : 0, cursor.at, cursor.id])).toString('base64url');
}

/** The cursor a list URL carries, or null (start from the top) for anything unreadable. */
export function decodeCursor(raw: unknown): TopicCursor | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [number, string, number];
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || !Number.isSafeInteger(id) || id < 1) return null;
    return { pinned: pinned === 1, at, id };
  } catch {
    return null;
  }
}
