import type { Pool } from '../../db/database.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { dueItem, reminderJob, sendDueReminders, type DueItem, type ReminderSources } from '../../core/reminders.ts';
import { notifyMany } from '../notifications/index.ts';
import { listCoordinatorsOfOrganizations, organizationsPastLocalTime } from '../organizations/index.ts';
import { listDueActivities, type DueActivityRow } from './queries/index.ts';

/** Queue (and cron schedule) of the activity deadline reminders. */
export const ACTIVITY_REMINDERS_QUEUE = 'programs-activity-reminders';

const sources: ReminderSources = { organizationsPastLocalTime, listCoordinatorsOfOrganizations, notifyMany };

const ACTIVITY_KINDS = {
  dueSoon: ['programs.activity_due_soon', 'programs.notify.activityDueSoon'],
  overdue: ['programs.activity_overdue', 'programs.notify.activityOverdue'],
} satisfies Parameters<typeof dueItem>[1];

/** An activity's reminder, with only its title and its program's, which its people see. */
const activityReminder = (row: DueActivityRow): DueItem =>
  dueItem(
    row,
    ACTIVITY_KINDS,
    { number: row.number, activity: row.title.slice(0, 200), program: row.programTitle.slice(0, 200) },
    `/programs/${row.programId}/activities/${row.number}`,
  );

/**
 * Reminds the responsible person and the leading organization's coordinators of activities due in 3 days or fewer
 * and of overdue ones, once per activity, due date and person, from 08:00 in the organization's time zone.
 * `now` is passed in by tests. Returns how many notifications were sent.
 */
export function sendActivityReminders(db: Pool, options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  return sendDueReminders(db, sources, async (query) => (await listDueActivities(db, query)).map(activityReminder), options);
}

/** The module's background jobs: the activity reminders, every 15 minutes. */
export const programJobs: JobDefinition[] = [reminderJob(ACTIVITY_REMINDERS_QUEUE, (db) => sendActivityReminders(db))];
