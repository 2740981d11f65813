import type { Queryable } from '../../../db/database.ts';
import type { Lang } from '../../../core/i18n.ts';
import { updateProfile } from '../queries.ts';

export type UpdateProfileResult = { ok: true; locale: Lang };

/** Saves a person's name and preferred language (used for "/", for mail, and after login). */
export async function updateOwnProfile(deps: { db: Queryable; userId: number }, input: { name: string; locale: Lang }): Promise<UpdateProfileResult> {
  await updateProfile(deps.db, deps.userId, input);
  return { ok: true, locale: input.locale };
}
