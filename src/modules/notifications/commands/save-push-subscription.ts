import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { countPushSubscriptions, savePushSubscription, type PushSubscriptionInput } from '../queries/push.ts';

/** A person may get pushes on at most this many browsers (a phone, a laptop, a work computer… with room to spare). */
export const PUSH_DEVICE_CAP = 10;

/** Starts pushing the signed-in person's notifications to one browser (or takes that browser over from another account). */
export async function savePushSubscriptionFor(
  deps: CommandDeps,
  input: PushSubscriptionInput,
): Promise<CommandResult<{ devices: number }, 'tooMany' | 'pushOff'>> {
  if (!deps.config.vapid) return { ok: false, reason: 'pushOff' };
  const saved = await savePushSubscription(deps.db, deps.actor.userId, input, PUSH_DEVICE_CAP);
  if (!saved) return { ok: false, reason: 'tooMany' };
  return { ok: true, devices: await countPushSubscriptions(deps.db, deps.actor.userId) };
}
