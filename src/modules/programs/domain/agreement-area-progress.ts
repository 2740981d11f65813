import type { Actor } from '../../../core/authorization.ts';
import type { Queryable } from '../../../db/database.ts';
import { deriveProgress } from './derive.ts';
import { canViewProgram, canViewPublicPage, type ProgramSubject } from '../policy.ts';
import { agreementAreaProgress, periodOverlapsYear } from './progress.ts';
import { programsWithActivitiesOfAreas, type AreaProgramRow } from '../queries/index.ts';

/**
 * The progress of agreement areas, for the agreements module (through programs' index.ts): each area's programs
 * with their activities and derived progress, and the part of it one viewer may see.
 */

/** One activity of a program serving an agreement area, with its derived progress (0–100). */
export interface AgreementAreaActivity {
  number: number;
  title: string;
  status: string;
  progress: number;
}

/** A program serving an agreement area: its derived progress (0–100), what the policy needs, and its activities by number. */
export interface AgreementAreaProgram extends Omit<AreaProgramRow, 'agreementAreaId' | 'activities'> {
  progress: number;
  activities: AgreementAreaActivity[];
}

/** An area's derived progress and its programs. */
export interface AgreementAreaProgress {
  progress: number;
  programs: AgreementAreaProgram[];
}

/**
 * How far each agreement area's programs are, derived from approved execution reports by the dashboard's rules
 * (progress.ts): each program with its activities and their progress. `progress` values are percentages from 0 to
 * 100; an area's is the average of its programs' that are not cancelled. Areas without any program are absent from
 * the map. Three queries for any number of areas (programs, their organizations, report sums). Everything is returned: pass the result through
 * `agreementAreaProgressFor` before showing it to anyone.
 */
export async function progressByAgreementArea(db: Queryable, areaIds: number[]): Promise<Map<number, AgreementAreaProgress>> {
  const programs = await programsWithActivitiesOfAreas(db, areaIds);
  const progress = await deriveProgress(
    db,
    programs.map((p) => p.id),
    programs.flatMap((p) => p.activities),
  );
  const result = new Map<number, AgreementAreaProgress>();
  for (const { agreementAreaId, activities, ...p } of programs) {
    let area = result.get(agreementAreaId);
    if (!area) result.set(agreementAreaId, (area = { progress: 0, programs: [] }));
    const derived = progress.get(p.id);
    area.programs.push({
      ...p,
      progress: derived?.overall ?? 0,
      activities: activities.map((a) => ({
        number: a.number,
        title: a.title,
        status: a.status,
        progress: derived?.activities.get(a.id)?.overall ?? 0,
      })),
    });
  }
  for (const area of result.values()) area.progress = agreementAreaProgress(area.programs);
  return result;
}

/** How a viewer may see a program: its internal pages (`staff`), only its public page (`public`), or not at all. */
export function programAccess(actor: Actor | null, program: ProgramSubject): 'staff' | 'public' | 'none' {
  if (canViewProgram(actor, program)) return 'staff';
  return canViewPublicPage(program) ? 'public' : 'none';
}

/** A program serving an agreement area as one viewer may see it (no policy fields). */
export interface VisibleAreaProgram {
  id: number;
  title: string;
  progress: number;
  status: string;
  periodStart: string;
  periodEnd: string;
  /** `staff`: link to the dashboard and activity pages; `public`: to the public page. */
  access: 'staff' | 'public';
  activities: AgreementAreaActivity[];
}

/**
 * The part of `progressByAgreementArea`'s result a viewer may see: the programs they may view (staff of the lead
 * or a partner see all of them and every activity; anyone else sees published programs that are not drafts,
 * without their draft activities, as the public page does). Each area's progress is the average over the programs
 * shown, so a figure never rests on programs the viewer cannot open; areas with none shown are absent.
 */
export function agreementAreaProgressFor(
  actor: Actor | null,
  areas: Map<number, AgreementAreaProgress>,
): Map<number, { progress: number; programs: VisibleAreaProgram[] }> {
  const result = new Map<number, { progress: number; programs: VisibleAreaProgram[] }>();
  for (const [areaId, area] of areas) {
    const programs: VisibleAreaProgram[] = [];
    for (const p of area.programs) {
      const access = programAccess(actor, p);
      if (access === 'none') continue;
      programs.push({
        id: p.id,
        title: p.title,
        progress: p.progress,
        status: p.status,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        access,
        activities: access === 'staff' ? p.activities : p.activities.filter((a) => a.status !== 'draft'),
      });
    }
    if (programs.length > 0) result.set(areaId, { progress: agreementAreaProgress(programs), programs });
  }
  return result;
}

/**
 * An area's progress in one (Gregorian) year: the average, by the area rule, of the given programs whose period
 * overlaps that year; null when none does (the year's targets have no program yet).
 */
export function agreementAreaProgressInYear(
  programs: Array<{ status: string; progress: number; periodStart: string; periodEnd: string }>,
  year: number,
): number | null {
  const inYear = programs.filter((p) => periodOverlapsYear(p, year));
  return inYear.length === 0 ? null : agreementAreaProgress(inYear);
}
