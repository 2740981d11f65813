import { notificationKind } from '../../notifications/index.ts';

/** A meeting task was given to me. */
export const TASK_ASSIGNED = notificationKind('meetings.task', 'meetings.notificationKinds.taskAssigned', 'immediate');
/** Draft minutes wait for my approval. */
export const MINUTES_AWAITING_APPROVAL = notificationKind(
  'meetings.minutes_awaiting_approval',
  'meetings.notificationKinds.minutesAwaitingApproval',
  'immediate',
);

/** A meeting task of mine (or of the meetings I coordinate) is due in 3 days or fewer. */
export const TASK_DUE_SOON = notificationKind('meetings.task_due_soon', 'meetings.notificationKinds.taskDueSoon', 'immediate');
/** A meeting task of mine (or of the meetings I coordinate) is overdue. */
export const TASK_OVERDUE = notificationKind('meetings.task_overdue', 'meetings.notificationKinds.taskOverdue', 'immediate');

/** The kinds meetings sends, for the notification settings page. */
export const meetingNotificationKinds = [TASK_ASSIGNED, MINUTES_AWAITING_APPROVAL, TASK_DUE_SOON, TASK_OVERDUE];
