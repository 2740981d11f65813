import type { NotificationKind } from '../../notifications/index.ts';

/** Someone I invited joined. */
export const INVITATION_ACCEPTED: NotificationKind = {
  name: 'organizations.invitation_accepted',
  labelId: 'organizations.notificationKinds.invitationAccepted',
  defaultEmail: 'immediate',
};

/** The kinds organizations sends, for the notification settings page. */
export const organizationNotificationKinds = [INVITATION_ACCEPTED];
