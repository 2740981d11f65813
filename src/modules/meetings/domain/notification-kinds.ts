import { notificationKind } from '../../notifications/index.ts';

/** A meeting task was given to me. */
export const TASK_ASSIGNED = notificationKind('meetings.task', 'meetings.notificationKinds.taskAssigned', 'immediate');
/** Draft minutes wait for my approval. */
export const MINUTES_AWAITING_APPROVAL = notificationKind(
  'meetings.minutes_awaiting_approval',
  'meetings.notificationKinds.minutesAwaitingApproval',
  'immediate',
);

/** The kinds meetings sends, for the notification settings page. */
export const meetingNotificationKinds = [TASK_ASSIGNED, MINUTES_AWAITING_APPROVAL];
