import { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { many, one } from '../../../db/database.ts';
import { IdRow, oneOrThrow } from '../../../core/rows.ts';
import { reportParams } from './reports.ts';
import type { ActivityType, ReportStatus, ReportValues } from './rows.ts';

/**
 * Statements only the demo seed needs: it writes history (activities already done, reports already reviewed on a
 * given day) that no command writes, since a command acts now.
 */

/** The id of a program of this lead with this exact title (the demo finds the program it seeded). */
export async function findProgramIdByTitle(db: Queryable, leadOrganizationId: number, title: string): Promise<number | undefined> {
  return (await one(db, IdRow, `SELECT id FROM programs WHERE lead_organization_id = $1 AND title = $2`, [leadOrganizationId, title]))?.id;
}

/** A program's activities by number (id and number only). */
export function activityNumbersOfProgram(db: Queryable, programId: number): Promise<Array<{ id: number; number: number }>> {
  return many(
    db,
    z.object({ id: z.number(), number: z.number() }),
    `SELECT id, number FROM program_activities WHERE program_id = $1 ORDER BY number`,
    [programId],
  );
}

/** Fills in a drafted activity's plan: type, status, dates, responsible person, budget (in rials) and notes. */
export async function completeDemoActivity(
  tx: Queryable,
  activityId: number,
  v: {
    type: ActivityType;
    status: string;
    from: string;
    to: string;
    responsibleUserId: number;
    budget: number | null;
    publicNotes: string;
    internalNotes: string;
  },
): Promise<void> {
  await tx.query(
    `UPDATE program_activities SET type = $2, status = $3, starts_on = $4, ends_on = $5, responsible_user_id = $6, budget = $7,
            budget_currency = CASE WHEN $7::numeric IS NULL THEN NULL ELSE 'IRR' END,
            public_notes = $8, internal_notes = $9 WHERE id = $1`,
    [activityId, v.type, v.status, v.from, v.to, v.responsibleUserId, v.budget, v.publicNotes, v.internalNotes],
  );
}

/** Inserts an activity that is already done, with a given number; returns its id. */
export async function insertDoneActivity(
  tx: Queryable,
  v: { programId: number; number: number; title: string; type: ActivityType; from: string; to: string; userId: number },
): Promise<number> {
  const rows = await many(
    tx,
    IdRow,
    `INSERT INTO program_activities (program_id, number, title, type, status, starts_on, ends_on, responsible_user_id, created_by)
     VALUES ($1, $2, $3, $4, 'done', $5, $6, $7, $7) RETURNING id`,
    [v.programId, v.number, v.title, v.type, v.from, v.to, v.userId],
  );
  return oneOrThrow(rows, 'activity').id;
}

/** A report as it stood after its review (or while waiting for one). */
export interface DemoReport extends ReportValues {
  activityId: number;
  reporterId: number;
  status: ReportStatus;
  reviewerId: number | null;
  reviewerComment: string;
  /** Days after heldOn the review happened. */
  reviewedAfterDays: number;
  /** Days after heldOn the report was filed; null: now. */
  filedAfterDays: number | null;
}

/** Inserts a report with its review as it happened. */
export async function insertDemoReport(tx: Queryable, r: DemoReport): Promise<void> {
  await tx.query(
    `INSERT INTO activity_reports (region_id, held_on, place, workers, employers, families, other_participants, beneficiaries, money_spent, notes,
            activity_id, reporter_id, status, reviewer_id, reviewer_comment, reviewed_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
             CASE WHEN $13 = 'submitted' THEN NULL ELSE $2::date + $16::int END,
             CASE WHEN $17::int IS NULL THEN now() ELSE $2::date + $17::int END)`,
    [...reportParams(r), r.activityId, r.reporterId, r.status, r.reviewerId, r.reviewerComment, r.reviewedAfterDays, r.filedAfterDays],
  );
}
