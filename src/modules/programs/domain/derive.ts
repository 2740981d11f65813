import { LRUCache } from 'lru-cache';
import type { Queryable } from '../../../db/database.ts';
import {
  activityProgress,
  programProgress,
  type ActivityProgress,
  type ApprovedTotals,
  type Measure,
  type TargetScope,
} from './progress.ts';
import { progressInputsForPrograms, reportTotalsForPrograms } from '../queries/index.ts';

export interface ProgramProgress {
  /** 0–100 */
  overall: number;
  activities: Map<number, ActivityProgress>;
  /** Reports waiting for review, per activity and region (callers keep those the viewer may see). */
  pending: Array<{ activityId: number; regionId: number; count: number }>;
}

/** What progress needs of an activity (a page that loaded the activities passes them, saving a query). */
export interface ProgressActivityInput {
  id: number;
  programId: number;
  status: string;
  regionIds: number[];
  targets: Array<{ measure: Measure; scope: TargetScope; amount: number }>;
}

/** Derives the progress of these programs and of each of their activities in a fixed number of queries. */
export async function deriveProgress(
  db: Queryable,
  programIds: number[],
  activities?: ProgressActivityInput[],
): Promise<Map<number, ProgramProgress>> {
  const [inputs, allTotals] = await Promise.all([
    activities ?? progressInputsForPrograms(db, programIds),
    reportTotalsForPrograms(db, programIds),
  ]);
  const programOf = new Map(inputs.map((a) => [a.id, a.programId]));
  const byActivity = new Map<number, Map<number, ApprovedTotals>>();
  const totals = allTotals.filter((t) => t.status === 'approved');
  for (const row of totals) {
    let regions = byActivity.get(row.activityId);
    if (!regions) byActivity.set(row.activityId, (regions = new Map<number, ApprovedTotals>()));
    regions.set(row.regionId, row);
  }
  const result = new Map<number, ProgramProgress>(programIds.map((id) => [id, { overall: 0, activities: new Map(), pending: [] }]));
  for (const t of allTotals) {
    const programId = programOf.get(t.activityId);
    if (t.status === 'submitted' && programId !== undefined)
      result.get(programId)?.pending.push({ activityId: t.activityId, regionId: t.regionId, count: t.reports });
  }
  const statuses = new Map<number, Array<{ status: string; progress: number }>>();
  for (const a of inputs) {
    const progress = activityProgress({
      regionIds: a.regionIds,
      targets: a.targets,
      approvedByRegion: byActivity.get(a.id) ?? new Map<number, ApprovedTotals>(),
    });
    result.get(a.programId)?.activities.set(a.id, progress);
    const list = statuses.get(a.programId) ?? [];
    list.push({ status: a.status, progress: progress.overall });
    statuses.set(a.programId, list);
  }
  for (const [programId, list] of statuses) {
    const progress = result.get(programId);
    if (progress) progress.overall = programProgress(list);
  }
  return result;
}

/** One program's entry of deriveProgress's result (every program asked for is in it; none yet reads as 0 %). */
export function progressOf(all: Map<number, ProgramProgress>, programId: number): ProgramProgress {
  return all.get(programId) ?? { overall: 0, activities: new Map(), pending: [] };
}

// Derived progress of recently viewed programs, per process. A program's progress_version moves (by trigger) with
// every change to its reports, activities, regions or targets, so an entry is either current or never read again.
const cache = new LRUCache<number, { version: number; progress: ProgramProgress }>({ max: 200 });

/** One program's progress, from the cache when its version has not moved. */
export async function cachedProgramProgress(
  db: Queryable,
  program: { id: number; progressVersion: number },
  activities: ProgressActivityInput[],
): Promise<ProgramProgress> {
  const hit = cache.get(program.id);
  if (hit && hit.version === program.progressVersion) return hit.progress;
  const progress = progressOf(await deriveProgress(db, [program.id], activities), program.id);
  cache.set(program.id, { version: program.progressVersion, progress });
  return progress;
}
