import { transaction } from '../../../db/database.ts';
import { toggleReaction } from '../queries/posts.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** The fixed set of reactions, in display order. */
export const REACTIONS = ['like', 'thanks', 'agree', 'support'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Adds the reaction, or takes it back when already given. */
export async function reactToPost(deps: CommandDeps, input: { postId: number; reaction: Reaction }): Promise<{ ok: true }> {
  await transaction(deps.db, (tx) => toggleReaction(tx, input.postId, deps.actor.userId, input.reaction));
  return { ok: true };
}
