import { insertFlag, openFlagCount } from '../queries/moderation.ts';
import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { notifyModerators } from '../domain/notify-moderators.ts';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * Puts a post in the organization's moderation queue with a reason (once per person while open). The first open
 * flag on a post tells the forum's moderators; further flags on a post already waiting add no notification.
 */
export async function flagPost(
  deps: CommandDeps,
  input: { postId: number; reason: FlagReason; note: string; organization: { id: number; slug: string; ancestorIds: number[] } },
): Promise<{ ok: true }> {
  await transaction(deps.db, async (tx) => {
    const inserted = await insertFlag(tx, input.postId, deps.actor.userId, input.reason, input.note);
    if (inserted && (await openFlagCount(tx, input.postId)) === 1) await notifyModerators(tx, input.organization, deps.actor.userId);
  });
  return { ok: true };
}
