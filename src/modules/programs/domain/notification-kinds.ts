import type { NotificationKind } from '../../notifications/index.ts';

/** A report was filed or filed again: its reviewers are told. */
export const REPORT_FILED: NotificationKind = {
  name: 'programs.report_filed',
  labelId: 'programs.notificationKinds.reportFiled',
  defaultEmail: 'immediate',
};
/** A report of mine was approved or returned. */
export const REPORT_REVIEWED: NotificationKind = {
  name: 'programs.report_reviewed',
  labelId: 'programs.notificationKinds.reportReviewed',
  defaultEmail: 'immediate',
};
/** I was made responsible for an activity. */
export const ACTIVITY_ASSIGNED: NotificationKind = {
  name: 'programs.activity_assigned',
  labelId: 'programs.notificationKinds.activityAssigned',
  defaultEmail: 'immediate',
};

/** The kinds programs sends, for the notification settings page. */
export const programNotificationKinds = [REPORT_FILED, REPORT_REVIEWED, ACTIVITY_ASSIGNED];
