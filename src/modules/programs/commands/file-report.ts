import type { Pool } from '../../../db/database.ts';
import { one, transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { ReportInput } from '../schemas.ts';
import type { PreparedFile } from '../report-files.ts';

/** Files an execution report with its (already checked) files; everything is stored together or nothing. */
export async function fileReport(
  deps: { db: Pool; actorId: number; ip: string },
  input: { activityId: number; organizationId: number; data: ReportInput; files: PreparedFile[] },
): Promise<{ ok: true; id: number }> {
  const { data } = input;
  return transaction(deps.db, async (tx) => {
    const row = await one<{ id: number }>(
      tx,
      `INSERT INTO activity_reports (activity_id, region_id, reporter_id, held_on, place, workers, employers, families, other_participants,
              beneficiaries, money_spent, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        input.activityId, data.regionId, deps.actorId, data.heldOn, data.place, data.workers, data.employers, data.families,
        data.otherParticipants, data.beneficiaries, data.moneySpent, data.notes ?? '',
      ],
    );
    const id = row!.id;
    for (const file of input.files) {
      // At most ten files, each inserted with its bytes: one statement per file keeps memory bounded.
      await tx.query(
        `INSERT INTO activity_report_files (report_id, filename, content_type, byte_size, width, height, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, file.filename, file.contentType, file.data.length, file.width, file.height, file.data],
      );
    }
    await recordAudit(tx, {
      actorId: deps.actorId,
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
