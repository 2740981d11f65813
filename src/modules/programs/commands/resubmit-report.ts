import type { Pool } from '../../../db/database.ts';
import { one, transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { ReportInput } from '../schemas.ts';
import type { PreparedFile } from '../report-files.ts';
import { MAX_FILES_PER_REPORT } from '../report-files.ts';

export type ResubmitResult = { ok: true } | { ok: false; reason: 'already_approved' | 'too_many_files' };

/** The reporter corrects a returned (or unreviewed) report, may add files, and files it again for review. */
export async function resubmitReport(
  deps: { db: Pool; actorId: number; ip: string },
  input: { reportId: number; organizationId: number; data: ReportInput; files: PreparedFile[] },
): Promise<ResubmitResult> {
  const { data } = input;
  return transaction(deps.db, async (tx) => {
    // Only the reporter's own report that is not approved; locked so a review cannot slip in between.
    const current = await one<{ files: number }>(
      tx,
      `SELECT (SELECT count(*)::int FROM activity_report_files f WHERE f.report_id = r.id) AS files
       FROM activity_reports r WHERE r.id = $1 AND r.reporter_id = $2 AND r.status <> 'approved' FOR UPDATE`,
      [input.reportId, deps.actorId],
    );
    if (!current) return { ok: false, reason: 'already_approved' } as const;
    if (current.files + input.files.length > MAX_FILES_PER_REPORT) return { ok: false, reason: 'too_many_files' } as const;
    await tx.query(
      `UPDATE activity_reports SET region_id = $2, held_on = $3, place = $4, workers = $5, employers = $6, families = $7, other_participants = $8,
              beneficiaries = $9, money_spent = $10, notes = $11, status = 'submitted', updated_at = now()
       WHERE id = $1`,
      [input.reportId, data.regionId, data.heldOn, data.place, data.workers, data.employers, data.families, data.otherParticipants, data.beneficiaries, data.moneySpent, data.notes ?? ''],
    );
    for (const file of input.files) {
      await tx.query(
        `INSERT INTO activity_report_files (report_id, filename, content_type, byte_size, width, height, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [input.reportId, file.filename, file.contentType, file.data.length, file.width, file.height, file.data],
      );
    }
    await recordAudit(tx, {
      actorId: deps.actorId,
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
