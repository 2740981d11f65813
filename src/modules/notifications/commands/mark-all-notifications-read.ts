import type { CommandDeps } from '../../../core/commands.ts';
import { markAllRead } from '../queries.ts';

/** Marks every unread notification of the signed-in person as read. */
export async function markAllNotificationsRead(
  deps: CommandDeps,
  _input: Record<string, never> = {},
): Promise<{ ok: true; marked: number }> {
  return { ok: true, marked: await markAllRead(deps.db, deps.actor.userId) };
}
