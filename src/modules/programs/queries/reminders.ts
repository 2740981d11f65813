import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many } from '../../../db/database.ts';
import type { DueQuery, DueRow } from '../../../core/reminders.ts';

/** An open activity near or past its due date, for a deadline reminder. */
const DueActivityRow = z.object({
  /** The activity's id. */
  subjectId: z.number(),
  programId: z.number(),
  number: z.number(),
  title: z.string(),
  programTitle: z.string(),
  /** Its end date, else its start date (YYYY-MM-DD). */
  dueOn: z.string(),
  /** Days from the leading organization's local today to the due date: negative when overdue. */
  daysLeft: z.number(),
  /** The organization leading it (the activity's own lead, else the program's): its coordinators are told. */
  organizationId: z.number(),
  responsibleUserId: z.number().nullable(),
});
export type DueActivityRow = z.infer<typeof DueActivityRow> & DueRow;

/**
 * Planned or in-progress activities of active programs whose due date is between `overdueDays` days ago and
 * `soonDays` days ahead of their leading organization's local day (`days`: organizations and their local dates).
 * `window` bounds the due dates for the index. One query for every organization.
 */
export function listDueActivities(db: Queryable, { days, window, limits }: DueQuery): Promise<DueActivityRow[]> {
  return many(
    db,
    DueActivityRow,
    `WITH days AS (SELECT * FROM unnest($1::bigint[], $2::date[]) AS d(organization_id, today))
     SELECT a.id AS "subjectId", a.program_id AS "programId", a.number, a.title, p.title AS "programTitle",
            to_char(COALESCE(a.ends_on, a.starts_on), 'YYYY-MM-DD') AS "dueOn",
            COALESCE(a.ends_on, a.starts_on) - d.today AS "daysLeft",
            d.organization_id AS "organizationId", a.responsible_user_id AS "responsibleUserId"
       FROM program_activities a
       JOIN programs p ON p.id = a.program_id
       JOIN days d ON d.organization_id = COALESCE(a.lead_organization_id, p.lead_organization_id)
      WHERE a.status IN ('planned', 'in_progress') AND p.status = 'active'
        AND COALESCE(a.ends_on, a.starts_on) BETWEEN $3::date AND $4::date
        AND COALESCE(a.ends_on, a.starts_on) - d.today BETWEEN -$5::int AND $6::int
      ORDER BY a.id`,
    [days.organizationIds, days.localDates, window.from, window.to, limits.overdueDays, limits.soonDays],
  );
}
