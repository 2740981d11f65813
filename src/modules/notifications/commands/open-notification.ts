import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { isLocalPath, markOneRead } from '../queries.ts';

/**
 * Opens one of the signed-in person's notifications: marks it read and returns where it leads.
 * Another person's notification, or one that does not exist, is 'notFound' (one answer for both).
 * A stored link that is not a local path (it cannot be, by the table's check) leads to the list instead.
 */
export async function openNotification(
  deps: CommandDeps,
  input: { notificationId: number },
): Promise<CommandResult<{ link: string }, 'notFound'>> {
  const opened = await markOneRead(deps.db, deps.actor.userId, input.notificationId);
  if (!opened) return { ok: false, reason: 'notFound' };
  return { ok: true, link: isLocalPath(opened.link) ? opened.link : '/notifications' };
}
