import type { NotificationKind } from '../../notifications/index.ts';

/** A meeting task was given to me. */
export const TASK_ASSIGNED: NotificationKind = {
  name: 'meetings.task',
  labelId: 'meetings.notificationKinds.taskAssigned',
  defaultEmail: 'immediate',
};
/** Draft minutes wait for my approval. */
export const MINUTES_AWAITING_APPROVAL: NotificationKind = {
  name: 'meetings.minutes_awaiting_approval',
  labelId: 'meetings.notificationKinds.minutesAwaitingApproval',
  defaultEmail: 'immediate',
};

/** The kinds meetings sends, for the notification settings page. */
export const meetingNotificationKinds = [TASK_ASSIGNED, MINUTES_AWAITING_APPROVAL];
