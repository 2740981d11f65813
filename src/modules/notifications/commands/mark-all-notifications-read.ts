import type { Queryable } from '../../../db/database.ts';
import { markAllRead } from '../queries.ts';

/** Marks every unread notification of the signed-in person as read. */
export async function markAllNotificationsRead(deps: { db: Queryable; userId: number }): Promise<{ ok: true; marked: number }> {
  return { ok: true, marked: await markAllRead(deps.db, deps.userId) };
}
