import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { notify } from '../../notifications/index.ts';
import { REPORT_REVIEWED } from '../domain/notification-kinds.ts';
import { setReportReview } from '../queries/index.ts';

export type ReviewResult = { ok: true } | { ok: false; reason: 'already_reviewed' };

/** Approves a submitted report or returns it with a comment, and tells the reporter. */
export async function reviewReport(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: {
    programId: number;
    organizationId: number;
    reportId: number;
    decision: 'approve' | 'return';
    comment: string;
    activityNumber: number;
    activityTitle: string;
  },
): Promise<ReviewResult> {
  return transaction(deps.db, async (tx) => {
    // Only a submitted report can be reviewed; the condition in the UPDATE makes two reviewers at once safe.
    const row = await setReportReview(
      tx,
      input.reportId,
      input.decision === 'approve' ? 'approved' : 'returned',
      deps.actor.userId,
      input.comment,
    );
    if (!row) return { ok: false, reason: 'already_reviewed' } as const;
    if (row.reporterId !== null) {
      await notify(tx, {
        userId: row.reporterId,
        kind: REPORT_REVIEWED,
        messageId: input.decision === 'approve' ? 'programs.notify.approved' : 'programs.notify.returned',
        values: { number: input.activityNumber, activity: input.activityTitle },
        link: `/programs/${input.programId}/reports/${input.reportId}`,
      });
    }
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: input.decision === 'approve' ? 'programs.report.approved' : 'programs.report.returned',
      subjectType: 'activity_report',
      subjectId: input.reportId,
      details: { comment: input.comment },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
