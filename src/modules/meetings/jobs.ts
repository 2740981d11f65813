import type { Pool } from '../../db/database.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { REMINDER_CRON, sendDueReminders, type DueItem, type ReminderSources } from '../../core/reminders.ts';
import { notifyMany } from '../notifications/index.ts';
import { listCoordinatorsOfOrganizations, organizationsPastLocalTime } from '../organizations/index.ts';
import { listDueTasks, type DueTaskRow } from './queries.ts';

/** Queue (and cron schedule) of the task deadline reminders. */
export const TASK_REMINDERS_QUEUE = 'meetings-task-reminders';

const sources: ReminderSources = { organizationsPastLocalTime, listCoordinatorsOfOrganizations, notifyMany };

/** A task's reminder: "due soon" up to its due date, "overdue" after it (the task's and the meeting's titles only). */
function taskReminder(row: DueTaskRow): DueItem {
  const overdue = row.daysLeft < 0;
  return {
    kind: overdue ? 'meetings.task_overdue' : 'meetings.task_due_soon',
    subjectId: row.taskId,
    dueOn: row.dueOn,
    organizationId: row.organizationId,
    responsibleUserId: row.ownerId,
    messageId: overdue ? 'meetings.notification.taskOverdue' : 'meetings.notification.taskDueSoon',
    values: { task: row.title.slice(0, 200), meeting: row.meetingTitle.slice(0, 200), days: Math.abs(row.daysLeft) },
    link: `/meetings/${row.meetingId}`,
  };
}

/**
 * Reminds a task's owner and the organizer's coordinators of open tasks due in 3 days or fewer and of overdue ones,
 * once per task, due date and person, from 08:00 in the organizer's time zone. Returns how many notifications were sent.
 */
export function sendTaskReminders(db: Pool, options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  return sendDueReminders(
    db,
    sources,
    async (query) => (await listDueTasks(db, query.days, query.window, query.limits)).map(taskReminder),
    options,
  );
}

/** The module's background jobs: the task reminders, every 15 minutes. */
export const meetingJobs: JobDefinition[] = [
  {
    name: TASK_REMINDERS_QUEUE,
    cron: REMINDER_CRON,
    retryLimit: 2,
    handler: async (_data, deps) => {
      await sendTaskReminders(deps.db);
    },
  },
];
