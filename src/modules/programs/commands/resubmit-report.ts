import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { insertReportFile, lockOwnOpenReport, updateReport } from '../queries/index.ts';
import type { ReportInput } from '../schemas.ts';
import { MAX_FILES_PER_REPORT, type PreparedFile } from '../domain/report-files.ts';
import { notifyReviewers } from '../domain/notify-reviewers.ts';

export type ResubmitResult = { ok: true } | { ok: false; reason: 'already_approved' | 'too_many_files' };

/** The reporter corrects a returned (or unreviewed) report, may add files, and files it again for review (its reviewers are told). */
export async function resubmitReport(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: { reportId: number; organizationId: number; data: ReportInput; files: PreparedFile[] },
): Promise<ResubmitResult> {
  return transaction(deps.db, async (tx) => {
    // Only the reporter's own report that is not approved; locked so a review cannot slip in between.
    const current = await lockOwnOpenReport(tx, input.reportId, deps.actor.userId);
    if (!current) return { ok: false, reason: 'already_approved' } as const;
    if (current.files + input.files.length > MAX_FILES_PER_REPORT) return { ok: false, reason: 'too_many_files' } as const;
    await updateReport(tx, input.reportId, { ...input.data, notes: input.data.notes ?? '' });
    for (const file of input.files) await insertReportFile(tx, input.reportId, file);
    await notifyReviewers(tx, input.reportId, true);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'programs.report.resubmitted',
      subjectType: 'activity_report',
      subjectId: input.reportId,
      details: { files: input.files.length },
      ip: deps.ip,
    });
    return { ok: true } as const;
  });
}
