import type { Pool } from '../../db/database.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import { REMINDER_CRON, sendDueReminders, type DueItem, type ReminderSources } from '../../core/reminders.ts';
import { notifyMany } from '../notifications/index.ts';
import { listCoordinatorsOfOrganizations, organizationsPastLocalTime } from '../organizations/index.ts';
import { listDueActivities, type DueActivityRow } from './queries/index.ts';

/** Queue (and cron schedule) of the activity deadline reminders. */
export const ACTIVITY_REMINDERS_QUEUE = 'programs-activity-reminders';

const sources: ReminderSources = { organizationsPastLocalTime, listCoordinatorsOfOrganizations, notifyMany };

/** An activity's reminder: "due soon" up to its due date, "overdue" after it; only its title and program's, which its people see. */
function activityReminder(row: DueActivityRow): DueItem {
  const overdue = row.daysLeft < 0;
  return {
    kind: overdue ? 'programs.activity_overdue' : 'programs.activity_due_soon',
    subjectId: row.activityId,
    dueOn: row.dueOn,
    organizationId: row.organizationId,
    responsibleUserId: row.responsibleUserId,
    messageId: overdue ? 'programs.notify.activityOverdue' : 'programs.notify.activityDueSoon',
    values: {
      number: row.number,
      activity: row.title.slice(0, 200),
      program: row.programTitle.slice(0, 200),
      days: Math.abs(row.daysLeft),
    },
    link: `/programs/${row.programId}/activities/${row.number}`,
  };
}

/**
 * Reminds the responsible person and the leading organization's coordinators of activities due in 3 days or fewer
 * and of overdue ones, once per activity, due date and person, from 08:00 in the organization's time zone.
 * `now` is passed in by tests. Returns how many notifications were sent.
 */
export function sendActivityReminders(db: Pool, options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  return sendDueReminders(
    db,
    sources,
    async (query) => (await listDueActivities(db, query.days, query.window, query.limits)).map(activityReminder),
    options,
  );
}

/** The module's background jobs: the activity reminders, every 15 minutes. */
export const programJobs: JobDefinition[] = [
  {
    name: ACTIVITY_REMINDERS_QUEUE,
    cron: REMINDER_CRON,
    retryLimit: 2,
    handler: async (_data, deps) => {
      await sendActivityReminders(deps.db);
    },
  },
];
