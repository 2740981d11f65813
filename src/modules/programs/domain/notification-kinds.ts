import { notificationKind } from '../../notifications/index.ts';

/** A report was filed or filed again: its reviewers are told. */
export const REPORT_FILED = notificationKind('programs.report_filed', 'programs.notificationKinds.reportFiled', 'immediate');
/** A report of mine was approved or returned. */
export const REPORT_REVIEWED = notificationKind('programs.report_reviewed', 'programs.notificationKinds.reportReviewed', 'immediate');
/** I was made responsible for an activity. */
export const ACTIVITY_ASSIGNED = notificationKind('programs.activity_assigned', 'programs.notificationKinds.activityAssigned', 'immediate');

/** An activity I am responsible for (or coordinate) is due in 3 days or fewer. */
export const ACTIVITY_DUE_SOON = notificationKind('programs.activity_due_soon', 'programs.notificationKinds.activityDueSoon', 'immediate');
/** An activity I am responsible for (or coordinate) is overdue. */
export const ACTIVITY_OVERDUE = notificationKind('programs.activity_overdue', 'programs.notificationKinds.activityOverdue', 'immediate');

/** The kinds programs sends, for the notification settings page. */
export const programNotificationKinds = [REPORT_FILED, REPORT_REVIEWED, ACTIVITY_ASSIGNED, ACTIVITY_DUE_SOON, ACTIVITY_OVERDUE];
