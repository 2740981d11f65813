import type { Queryable } from '../../../db/database.ts';
import { notifyMany } from '../../notifications/index.ts';
import { listRoleHoldersAsActors } from '../../organizations/index.ts';
import { MODERATING_ROLES, canModerate } from '../policy.ts';
import { POST_FLAGGED } from './notification-kinds.ts';

/**
 * Tells the moderators of an organization's forum (canModerate: its moderators and admins, and those of a parent)
 * that a post waits in the moderation queue; never the person who flagged it. The message carries no values: not
 * the topic's title (a moderator may not read every category), not the flagger, not the reason or the note, not the
 * post's author (who may be anonymous). The queue, which each moderator opens with their own rights, says the rest.
 */
export async function notifyModerators(
  tx: Queryable,
  organization: { id: number; slug: string; ancestorIds: number[] },
  flaggerId: number,
): Promise<void> {
  const candidates = await listRoleHoldersAsActors(tx, [organization.id], MODERATING_ROLES);
  await notifyMany(
    tx,
    candidates
      .filter((actor) => actor.userId !== flaggerId && canModerate(actor, organization))
      .map((moderator) => ({
        userId: moderator.userId,
        kind: POST_FLAGGED,
        messageId: 'forum.notifications.flagged',
        link: `/organizations/${organization.slug}/forum/moderation`,
      })),
  );
}
