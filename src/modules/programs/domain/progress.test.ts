import { describe, expect, it } from 'vitest';
import {
  activityProgress,
  agreementAreaProgress,
  emptyTotals,
  periodOverlapsYear,
  programProgress,
  type ApprovedTotals,
} from './progress.ts';

const totals = (over: Partial<ApprovedTotals>): ApprovedTotals => ({ ...emptyTotals(), reports: 1, ...over });

describe('activityProgress', () => {
  it('measures a total target against the sum over regions, and gives each region an equal share', () => {
    const p = activityProgress({
      regionIds: [1, 2],
      targets: [{ measure: 'beneficiaries', scope: 'total', amount: 100 }],
      approvedByRegion: new Map([[1, totals({ beneficiaries: 30 })]]),
    });
    expect(p.overall).toBe(30);
    expect(p.byRegion.get(1)).toBe(60); // 30 of its share of 50
    expect(p.byRegion.get(2)).toBe(0);
  });

  it('measures an each-region target in every region and averages them', () => {
    const p = activityProgress({
      regionIds: [1, 2, 3, 4],
      targets: [{ measure: 'families', scope: 'each_region', amount: 10 }],
      approvedByRegion: new Map([
        [1, totals({ families: 10 })],
        [2, totals({ families: 5 })],
      ]),
    });
    expect(p.byRegion.get(1)).toBe(100);
    expect(p.byRegion.get(2)).toBe(50);
    expect(p.overall).toBe(37.5);
  });

  it('caps every ratio at 100 %', () => {
    const p = activityProgress({
      regionIds: [1],
      targets: [{ measure: 'workers', scope: 'total', amount: 10 }],
      approvedByRegion: new Map([[1, totals({ workers: 500 })]]),
    });
    expect(p.overall).toBe(100);
    expect(p.byRegion.get(1)).toBe(100);
  });

  it('counts all participant groups for "participants", money for money_spent, and reports for "reports"', () => {
    const approved = new Map([[1, totals({ workers: 5, employers: 2, families: 2, otherParticipants: 1, moneySpent: 250, reports: 2 })]]);
    const p = activityProgress({
      regionIds: [1],
      targets: [
        { measure: 'participants', scope: 'total', amount: 20 },
        { measure: 'money_spent', scope: 'total', amount: 1000 },
        { measure: 'reports', scope: 'each_region', amount: 4 },
      ],
      approvedByRegion: approved,
    });
    // (50 % + 25 % + 50 %) / 3
    expect(p.overall).toBe(41.7);
  });

  it('without targets, counts the regions that have an approved report', () => {
    const p = activityProgress({ regionIds: [1, 2, 3, 4], targets: [], approvedByRegion: new Map([[3, totals({})]]) });
    expect(p.overall).toBe(25);
    expect(p.byRegion.get(3)).toBe(100);
    expect(p.byRegion.get(1)).toBe(0);
  });

  it('is zero with nothing approved', () => {
    expect(
      activityProgress({ regionIds: [1], targets: [{ measure: 'beneficiaries', scope: 'total', amount: 5 }], approvedByRegion: new Map() })
        .overall,
    ).toBe(0);
    expect(activityProgress({ regionIds: [], targets: [], approvedByRegion: new Map() }).overall).toBe(0);
  });
});

describe('programProgress', () => {
  it('averages the activities, leaving cancelled ones out', () => {
    expect(
      programProgress([
        { status: 'done', progress: 100 },
        { status: 'planned', progress: 20 },
        { status: 'cancelled', progress: 0 },
      ]),
    ).toBe(60);
    expect(programProgress([])).toBe(0);
  });
});

describe('agreementAreaProgress and periodOverlapsYear', () => {
  it('averages an area’s programs, leaving cancelled ones out', () => {
    expect(
      agreementAreaProgress([
        { status: 'active', progress: 30 },
        { status: 'completed', progress: 90 },
        { status: 'cancelled', progress: 100 },
      ]),
    ).toBe(60);
    expect(agreementAreaProgress([])).toBe(0);
  });
  it('tells whether a period touches a calendar year, both ends included', () => {
    const period = { periodStart: '2019-12-31', periodEnd: '2021-01-01' };
    expect([2018, 2019, 2020, 2021, 2022].map((y) => periodOverlapsYear(period, y))).toEqual([false, true, true, true, false]);
  });
});
