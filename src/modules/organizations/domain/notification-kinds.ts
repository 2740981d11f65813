import { notificationKind } from '../../notifications/index.ts';

/** Someone I invited joined. */
export const INVITATION_ACCEPTED = notificationKind(
  'organizations.invitation_accepted',
  'organizations.notificationKinds.invitationAccepted',
  'immediate',
);

/** The kinds organizations sends, for the notification settings page. */
export const organizationNotificationKinds = [INVITATION_ACCEPTED];
