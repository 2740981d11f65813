import { describe, expect, it } from 'vitest';
import { activityDetailView, activitySummaryView, agendaByMonth, overdueAndUpcoming } from './presenters.ts';
import type { ActivityRow } from './queries/index.ts';

const item = (number: number, startsOn: string | null, endsOn: string | null, status = 'planned', progress = 0) => ({
  number,
  title: `A${number}`,
  startsOn,
  endsOn,
  status,
  progress,
});

describe('overdueAndUpcoming', () => {
  it('finds open activities past their end below 100 %, and those starting within 30 days', () => {
    const { overdue, upcoming } = overdueAndUpcoming(
      [
        item(1, '2026-10-01', '2026-11-01'),
        item(2, '2026-10-01', '2026-11-01', 'done'),
        item(3, '2026-10-01', '2026-11-01', 'in_progress', 100),
        item(4, '2026-12-10', '2026-12-20'),
        item(5, '2027-02-01', '2027-02-02'),
        item(6, '2026-11-30', null, 'cancelled'),
        item(7, '2026-11-24', null),
      ],
      '2026-11-23',
    );
    expect(overdue.map((a) => a.number)).toEqual([1]);
    expect(upcoming.map((a) => a.number)).toEqual([7, 4]);
  });
});

describe('agendaByMonth', () => {
  it('groups by Jalali month on Persian pages (month then year) and by Gregorian month elsewhere', () => {
    const rows = [
      { startsOn: '2022-04-20', endsOn: null },
      { startsOn: '2022-04-22', endsOn: null },
      { startsOn: '2022-04-10', endsOn: null },
      { startsOn: null, endsOn: null },
    ];
    // 2022-04-10 is 1401/01/21 (Farvardin); 2022-04-22 is 1401/02/02 (Ordibehesht).
    const fa = agendaByMonth(rows, 'fa', '2022-04-11');
    expect(fa.map((g) => [g.label, g.items.length])).toEqual([
      ['فروردین ۱۴۰۱', 3],
      ['اردیبهشت ۱۴۰۱', 1],
    ]);
    const en = agendaByMonth(rows, 'en', '2022-04-11');
    expect(en.map((g) => [g.label, g.items.length])).toEqual([['April 2022', 4]]);
  });
});

describe('activity view-models', () => {
  const org = { id: 1, slug: 'lead', name: { en: 'Lead' }, ancestorIds: [] };
  const row: ActivityRow = {
    id: 7,
    programId: 3,
    number: 2,
    title: 'Visit',
    description: 'd',
    type: 'family_visit',
    lead: org,
    ownLead: false,
    partners: [],
    regions: [],
    startsOn: '2022-04-20',
    endsOn: null,
    responsibleUserId: 9,
    responsibleName: 'Hossein',
    budget: 1000,
    budgetCurrency: 'IRR',
    status: 'planned',
    resolutionId: 4,
    publicNotes: 'open',
    internalNotes: 'SECRET',
    targets: [],
  };

  it('gives the dashboard, agenda and print page no notes, budget, responsible person or resolution', () => {
    const view = activitySummaryView(row);
    expect(Object.keys(view).sort()).toEqual(['endsOn', 'id', 'number', 'regions', 'startsOn', 'status', 'targets', 'title']);
    expect(JSON.stringify(view)).not.toContain('SECRET');
  });

  it('gives the staff-only activity page the internal notes, but not the ids behind the names', () => {
    const view = activityDetailView(row);
    expect(view.internalNotes).toBe('SECRET');
    expect(view).not.toHaveProperty('responsibleUserId');
    expect(view).not.toHaveProperty('resolutionId');
  });
});
