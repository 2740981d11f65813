import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { countPushSubscriptions, deletePushSubscription } from '../queries/push.ts';

/** Stops pushing to one of the signed-in person's browsers, named by its endpoint. */
export async function removePushSubscription(
  deps: CommandDeps,
  input: { endpoint: string },
): Promise<CommandResult<{ devices: number }, 'notFound'>> {
  const removed = await deletePushSubscription(deps.db, deps.actor.userId, input.endpoint);
  if (!removed) return { ok: false, reason: 'notFound' };
  return { ok: true, devices: await countPushSubscriptions(deps.db, deps.actor.userId) };
}
