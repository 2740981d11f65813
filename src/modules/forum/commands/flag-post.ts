import { insertFlag } from '../queries/moderation.ts';
import type { CommandDeps } from '../../../core/commands.ts';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Puts a post in the organization's moderation queue with a reason (once per person while open). */
export async function flagPost(deps: CommandDeps, input: { postId: number; reason: FlagReason; note: string }): Promise<{ ok: true }> {
  await insertFlag(deps.db, input.postId, deps.actor.userId, input.reason, input.note);
  return { ok: true };
}
