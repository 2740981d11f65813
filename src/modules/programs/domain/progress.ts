/**
 * Progress is derived, never typed. The rules (documented in docs/modules/programs.md):
 *
 * - A target counts one figure of the activity's APPROVED reports (`measure`): beneficiaries, participants (all
 *   groups), one participant group, money spent, or the number of reports.
 * - scope 'total': the amount is for the whole activity. Overall = sum over all regions / amount. A region's share
 *   is an equal part of the amount (amount / number of regions).
 * - scope 'each_region': the amount must be reached in every region. A region = its sum / amount; overall = the
 *   average over the activity's regions.
 * - Every ratio is capped at 100 %. An activity with several targets averages them.
 * - An activity without targets counts the regions where at least one report was approved.
 * - A program's progress is the plain average of its activities that are not cancelled; an agreement area's is
 *   the average of its programs. Progress is a percentage between 0 and 100.
 */

export type Measure =
  'beneficiaries' | 'participants' | 'workers' | 'employers' | 'families' | 'other_participants' | 'reports' | 'money_spent';
export const MEASURES: readonly Measure[] = [
  'beneficiaries',
  'participants',
  'workers',
  'employers',
  'families',
  'other_participants',
  'reports',
  'money_spent',
];
export type TargetScope = 'total' | 'each_region';
export const TARGET_SCOPES: readonly TargetScope[] = ['total', 'each_region'];

/** Sums of one activity's approved reports in one region. */
export interface ApprovedTotals {
  reports: number;
  workers: number;
  employers: number;
  families: number;
  otherParticipants: number;
  beneficiaries: number;
  moneySpent: number;
}

export const emptyTotals = (): ApprovedTotals => ({
  reports: 0,
  workers: 0,
  employers: 0,
  families: 0,
  otherParticipants: 0,
  beneficiaries: 0,
  moneySpent: 0,
});

export interface TargetInput {
  measure: Measure;
  scope: TargetScope;
  amount: number;
}

export interface ActivityProgressInput {
  regionIds: number[];
  targets: TargetInput[];
  /** Approved totals by region id (regions not listed had no approved report). */
  approvedByRegion: Map<number, ApprovedTotals>;
}

export interface ActivityProgress {
  /** 0–100 */
  overall: number;
  /** 0–100 for each of the activity's regions. */
  byRegion: Map<number, number>;
}

/** The figure a measure reads from a region's approved totals. */
export function measureValue(measure: Measure, totals: ApprovedTotals): number {
  switch (measure) {
    case 'beneficiaries':
      return totals.beneficiaries;
    case 'participants':
      return totals.workers + totals.employers + totals.families + totals.otherParticipants;
    case 'workers':
      return totals.workers;
    case 'employers':
      return totals.employers;
    case 'families':
      return totals.families;
    case 'other_participants':
      return totals.otherParticipants;
    case 'reports':
      return totals.reports;
    case 'money_spent':
      return totals.moneySpent;
  }
}

const ratio = (value: number, amount: number): number => (amount <= 0 ? 0 : Math.min(1, Math.max(0, value / amount)));
const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
/** Rounds a 0–1 fraction to a percentage with one decimal. */
export const toPercent = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;

/** An activity's progress overall and in each of its regions, from its approved reports. */
export function activityProgress(input: ActivityProgressInput): ActivityProgress {
  // An activity with no listed region is measured over everything reported for it, as one place.
  const regions = input.regionIds.length > 0 ? input.regionIds : [...input.approvedByRegion.keys()];
  const totalsOf = (regionId: number) => input.approvedByRegion.get(regionId) ?? emptyTotals();
  const sumAll = (measure: Measure) =>
    input.regionIds.length > 0
      ? input.regionIds.reduce((sum, r) => sum + measureValue(measure, totalsOf(r)), 0)
      : [...input.approvedByRegion.values()].reduce((sum, t) => sum + measureValue(measure, t), 0);

  const byRegion = new Map<number, number>();
  if (input.targets.length === 0) {
    for (const r of regions) byRegion.set(r, totalsOf(r).reports > 0 ? 100 : 0);
    const overall = regions.length === 0 ? 0 : regions.filter((r) => totalsOf(r).reports > 0).length / regions.length;
    return { overall: toPercent(overall), byRegion };
  }

  const regionFractions = new Map<number, number[]>(regions.map((r) => [r, []]));
  const fractionsOf = (region: number) => {
    let list = regionFractions.get(region);
    if (!list) regionFractions.set(region, (list = []));
    return list;
  };
  const overallFractions: number[] = [];
  for (const target of input.targets) {
    if (target.scope === 'each_region') {
      const parts = regions.map((r) => {
        const f = ratio(measureValue(target.measure, totalsOf(r)), target.amount);
        fractionsOf(r).push(f);
        return f;
      });
      overallFractions.push(regions.length === 0 ? 0 : mean(parts));
    } else {
      const share = regions.length === 0 ? target.amount : target.amount / regions.length;
      for (const r of regions) fractionsOf(r).push(ratio(measureValue(target.measure, totalsOf(r)), share));
      overallFractions.push(ratio(sumAll(target.measure), target.amount));
    }
  }
  for (const [r, fractions] of regionFractions) byRegion.set(r, toPercent(mean(fractions)));
  return { overall: toPercent(mean(overallFractions)), byRegion };
}

/** A program's progress: the average of its activities' (cancelled ones left out), 0–100. */
export function programProgress(activities: Array<{ status: string; progress: number }>): number {
  const counted = activities.filter((a) => a.status !== 'cancelled');
  return Math.round(mean(counted.map((a) => a.progress)) * 10) / 10;
}

/**
 * An agreement area's progress: the plain average of the programs serving it that are not cancelled (the same rule
 * as a program over its activities), 0–100.
 */
export function agreementAreaProgress(programs: Array<{ status: string; progress: number }>): number {
  return programProgress(programs);
}

/** Whether a period (ISO days, both ends included) overlaps a Gregorian calendar year. */
export function periodOverlapsYear(period: { periodStart: string; periodEnd: string }, year: number): boolean {
  const y = String(year).padStart(4, '0');
  return period.periodStart <= `${y}-12-31` && period.periodEnd >= `${y}-01-01`;
}
