import type { Queryable } from '../../../db/database.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { findUserContactsByIds } from '../../accounts/index.ts';
import { notifyMany } from '../../notifications/index.ts';
import { findOrganizationById } from '../queries/organizations.ts';
import { INVITATION_ACCEPTED } from './notification-kinds.ts';

/**
 * Tells the person who sent an invitation that it was accepted. Values: the address they invited (which they typed
 * themselves, not the name the new member chose) and the organization's name in the inviter's language.
 */
export async function notifyInviter(
  tx: Queryable,
  invitation: { organizationId: number; email: string },
  inviterId: number,
): Promise<void> {
  const organization = await findOrganizationById(tx, invitation.organizationId);
  const [inviter] = await findUserContactsByIds(tx, [inviterId]);
  if (!organization || !inviter) return;
  await notifyMany(tx, [
    {
      userId: inviterId,
      kind: INVITATION_ACCEPTED,
      messageId: 'organizations.notifications.invitationAccepted',
      values: { name: invitation.email, organization: pickLocalized(organization.name, inviter.locale) },
      link: `/organizations/${organization.slug}/members`,
    },
  ]);
}
