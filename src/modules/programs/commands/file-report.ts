import type { CommandDeps } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { insertReport, insertReportFile } from '../queries/index.ts';
import type { ReportInput } from '../schemas.ts';
import type { PreparedFile } from '../domain/report-files.ts';
import { notifyReviewers } from '../domain/notify-reviewers.ts';

/** Files an execution report with its (already checked) files, and tells its reviewers; everything is stored together or nothing. */
export async function fileReport(
  deps: Pick<CommandDeps, 'db' | 'actor' | 'ip'>,
  input: { activityId: number; organizationId: number; data: ReportInput; files: PreparedFile[] },
): Promise<{ ok: true; id: number }> {
  const { data } = input;
  return transaction(deps.db, async (tx) => {
    const id = await insertReport(tx, input.activityId, deps.actor.userId, { ...data, notes: data.notes ?? '' });
    // At most ten files, each inserted with its bytes: one statement per file keeps memory bounded.
    for (const file of input.files) await insertReportFile(tx, id, file);
    await notifyReviewers(tx, id, false);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: 'programs.report.filed',
      subjectType: 'activity_report',
      subjectId: id,
      details: { activityId: input.activityId, regionId: data.regionId, files: input.files.length },
      ip: deps.ip,
    });
    return { ok: true, id } as const;
  });
}
