import type { Queryable } from '../../../db/database.ts';
import { notifyMany } from '../../notifications/index.ts';
import { listRoleHoldersAsActors } from '../../organizations/index.ts';
import { canReviewReport } from '../policy.ts';
import { activitySubject, programSubject, reportSubject } from '../presenters.ts';
import { findActivity, findProgram, findReport, reportPlace } from '../queries/index.ts';
import { REPORT_FILED } from './notification-kinds.ts';

/**
 * Tells everyone who may review a report (programs' own rule, canReviewReport: managers of the program's or the
 * activity's lead whose grant reaches the report's region, never its reporter) that it waits for them. Platform
 * administrators may review any report but are not told about every one. Values: the activity's number and title,
 * which every reviewer may see.
 */
export async function notifyReviewers(tx: Queryable, reportId: number, resubmitted: boolean): Promise<void> {
  const place = await reportPlace(tx, reportId);
  const program = place && (await findProgram(tx, place.programId));
  const activity = place && program && (await findActivity(tx, program.id, place.activityNumber));
  const report = program && (await findReport(tx, program.id, reportId));
  if (!program || !activity || !report) return;
  const candidates = await listRoleHoldersAsActors(tx, [program.lead.id, activity.lead.id], ['coordinator', 'admin']);
  const subject = reportSubject(report);
  const reviewers = candidates.filter((actor) => canReviewReport(actor, programSubject(program), activitySubject(activity), subject));
  await notifyMany(
    tx,
    reviewers.map((reviewer) => ({
      userId: reviewer.userId,
      kind: REPORT_FILED,
      messageId: resubmitted ? 'programs.notify.reportResubmitted' : 'programs.notify.reportFiled',
      values: { number: activity.number, activity: activity.title },
      link: `/programs/${program.id}/reports/${reportId}`,
    })),
  );
}
