import type { Pool } from '../../db/database.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { dueItem, reminderJob, sendDueReminders, type DueItem, type ReminderSources } from '../../core/reminders.ts';
import { notifyMany } from '../notifications/index.ts';
import { listCoordinatorsOfOrganizations, organizationsPastLocalTime } from '../organizations/index.ts';
import { listDueTasks, type DueTaskRow } from './queries.ts';

/** Queue (and cron schedule) of the task deadline reminders. */
export const TASK_REMINDERS_QUEUE = 'meetings-task-reminders';

const sources: ReminderSources = { organizationsPastLocalTime, listCoordinatorsOfOrganizations, notifyMany };

const TASK_KINDS = {
  dueSoon: ['meetings.task_due_soon', 'meetings.notification.taskDueSoon'],
  overdue: ['meetings.task_overdue', 'meetings.notification.taskOverdue'],
} satisfies Parameters<typeof dueItem>[1];

/** A task's reminder, with the task's and the meeting's titles only. */
const taskReminder = (row: DueTaskRow): DueItem =>
  dueItem(row, TASK_KINDS, { task: row.title.slice(0, 200), meeting: row.meetingTitle.slice(0, 200) }, `/meetings/${row.meetingId}`);

/**
 * Reminds a task's owner and the organizer's coordinators of open tasks due in 3 days or fewer and of overdue ones,
 * once per task, due date and person, from 08:00 in the organizer's time zone. Returns how many notifications were sent.
 */
export function sendTaskReminders(db: Pool, options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  return sendDueReminders(db, sources, async (query) => (await listDueTasks(db, query)).map(taskReminder), options);
}

/** The module's background jobs: the task reminders, every 15 minutes. */
export const meetingJobs: JobDefinition[] = [reminderJob(TASK_REMINDERS_QUEUE, (db) => sendTaskReminders(db))];
