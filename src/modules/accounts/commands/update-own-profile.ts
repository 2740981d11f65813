import type { CommandDeps } from '../../../core/commands.ts';
import type { Lang } from '../../../core/i18n.ts';
import { updateProfile } from '../queries.ts';

export type UpdateOwnProfileResult = { ok: true; locale: Lang };

/** Saves a person's name and preferred language (used for "/", for mail, and after login). */
export async function updateOwnProfile(deps: CommandDeps, input: { name: string; locale: Lang }): Promise<UpdateOwnProfileResult> {
  await updateProfile(deps.db, deps.actor.userId, input);
  return { ok: true, locale: input.locale };
}
