import type { Queryable } from '../../db/database.ts';
import { activityProgress, programProgress, type ActivityProgress, type ApprovedTotals } from './progress.ts';
import { approvedTotalsForPrograms, progressInputsForPrograms } from './queries.ts';

export interface ProgramProgress {
  /** 0–100 */
  overall: number;
  activities: Map<number, ActivityProgress>;
}

/** Derives the progress of these programs and of each of their activities in a fixed number of queries. */
export async function deriveProgress(db: Queryable, programIds: number[]): Promise<Map<number, ProgramProgress>> {
  const [inputs, totals] = await Promise.all([progressInputsForPrograms(db, programIds), approvedTotalsForPrograms(db, programIds)]);
  const byActivity = new Map<number, Map<number, ApprovedTotals>>();
  for (const row of totals) {
    let regions = byActivity.get(row.activityId);
    if (!regions) byActivity.set(row.activityId, (regions = new Map()));
    regions.set(row.regionId, row);
  }
  const result = new Map<number, ProgramProgress>(programIds.map((id) => [id, { overall: 0, activities: new Map() }]));
  const statuses = new Map<number, Array<{ status: string; progress: number }>>();
  for (const a of inputs) {
    const progress = activityProgress({ regionIds: a.regionIds.map(Number), targets: a.targets, approvedByRegion: byActivity.get(a.id) ?? new Map() });
    result.get(a.programId)?.activities.set(a.id, progress);
    const list = statuses.get(a.programId) ?? [];
    list.push({ status: a.status, progress: progress.overall });
    statuses.set(a.programId, list);
  }
  for (const [programId, list] of statuses) result.get(programId)!.overall = programProgress(list);
  return result;
}
