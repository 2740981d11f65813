import type { Actor } from '../../core/authorization.ts';
import { pickLocalized, type Lang } from '../../core/i18n.ts';
import { canSeeReport, type ActivitySubject, type ProgramSubject } from './policy.ts';
import type { ActivityProgress } from './progress.ts';
import type { ActivityRow, ProgramRow, RegionBrief, ReportRow } from './queries.ts';

/** The policy's view of a program. */
export const programSubject = (p: ProgramRow): ProgramSubject => ({ status: p.status, isPublic: p.isPublic, lead: p.lead, partners: p.partners });
/** The policy's view of an activity. */
export const activitySubject = (a: ActivityRow): ActivitySubject => ({ lead: a.lead, partners: a.partners, responsibleUserId: a.responsibleUserId });
/** The policy's view of a report's region. */
export const reportSubject = (r: ReportRow) => ({ status: r.status, reporterId: r.reporterId, region: { id: r.regionId, ancestorIds: r.regionAncestorIds.map(Number) } });

/** Keeps the reports this actor may see (approved ones for everyone who may view; others for their reporter and region staff). */
export function visibleReports(actor: Actor | null, program: ProgramRow, activities: ActivityRow[], reports: ReportRow[]): ReportRow[] {
  const byId = new Map(activities.map((a) => [a.id, a]));
  return reports.filter((r) => {
    const activity = byId.get(r.activityId);
    return !!activity && canSeeReport(actor, programSubject(program), activitySubject(activity), reportSubject(r));
  });
}

/** How many reports wait for review among those the viewer may see by region (their own are not counted). */
export function visiblePendingCount(
  actor: Actor | null,
  program: ProgramRow,
  activities: ActivityRow[],
  counts: Array<{ activityId: number; regionId: number; count: number }>,
): number {
  const byId = new Map(activities.map((a) => [a.id, a]));
  return counts
    .filter((c) => {
      const activity = byId.get(c.activityId);
      // A report's region is one of its activity's regions (checked when filed), so its ancestors are known here.
      const region = activity?.regions.find((r) => r.id === c.regionId);
      const report = { status: 'submitted', reporterId: null, region: { id: c.regionId, ancestorIds: region?.ancestorIds.map(Number) ?? [] } };
      return !!activity && !!region && canSeeReport(actor, programSubject(program), activitySubject(activity), report);
    })
    .reduce((sum, c) => sum + c.count, 0);
}

export interface ActivityTimingView {
  number: number;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  status: string;
  progress: number;
}

/** Activities past their end that are not done (nor cancelled) and below 100 %, and those starting in the next 30 days. */
export function overdueAndUpcoming(activities: ActivityTimingView[], today: string): { overdue: ActivityTimingView[]; upcoming: ActivityTimingView[] } {
  const in30 = new Date(`${today}T12:00:00Z`);
  in30.setUTCDate(in30.getUTCDate() + 30);
  const horizon = in30.toISOString().slice(0, 10);
  const open = (a: ActivityTimingView) => a.status !== 'done' && a.status !== 'cancelled';
  return {
    overdue: activities
      .filter((a) => open(a) && a.endsOn !== null && a.endsOn < today && a.progress < 100)
      .sort((a, b) => (a.endsOn! < b.endsOn! ? -1 : a.endsOn! > b.endsOn! ? 1 : a.number - b.number)),
    upcoming: activities
      .filter((a) => open(a) && a.startsOn !== null && a.startsOn >= today && a.startsOn <= horizon)
      .sort((a, b) => (a.startsOn! < b.startsOn! ? -1 : 1)),
  };
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();
const monthFormat = (lang: Lang) => {
  let f = monthFormats.get(lang);
  if (!f) monthFormats.set(lang, (f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : lang === 'vi' ? 'vi-VN' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f;
};

/** Groups activities by the month they start in (as "YYYY-MM-01" keys in the calendar the page shows). */
export function agendaByMonth<T extends { startsOn: string | null; endsOn: string | null }>(
  activities: T[],
  lang: Lang,
  fallbackDay: string,
): Array<{ label: string; items: T[] }> {
  const fmt = monthFormat(lang);
  // Key by the month in the page's calendar (Jalali months on Persian pages), keeping chronological order.
  const groups = new Map<string, { label: string; first: string; items: T[] }>();
  const labels = new Map<string, string>();
  for (const a of [...activities].sort((x, y) => ((x.startsOn ?? fallbackDay) < (y.startsOn ?? fallbackDay) ? -1 : 1))) {
    const day = a.startsOn ?? fallbackDay;
    let label = labels.get(day);
    if (label === undefined) {
      const parts = fmt.formatToParts(new Date(`${day}T12:00:00Z`));
      // Persian reads "month year" (فروردین ۱۴۰۱); Intl gives the year first.
      label = lang === 'fa' ? `${parts.find((p) => p.type === 'month')?.value} ${parts.find((p) => p.type === 'year')?.value}` : fmt.format(new Date(`${day}T12:00:00Z`));
      labels.set(day, label);
    }
    let group = groups.get(label);
    if (!group) groups.set(label, (group = { label, first: day, items: [] }));
    group.items.push(a);
  }
  return [...groups.values()].map(({ label, items }) => ({ label, items }));
}

export interface ProgressMatrix {
  regions: Array<{ id: number; name: string }>;
  rows: Array<{ number: number; title: string; status: string; overall: number; cells: Array<number | null> }>;
  /** Average progress per region over the activities that must happen there. */
  regionTotals: Array<number | null>;
}

/** The activity × region table of the dashboard; a cell is null where the activity does not happen. */
export function progressMatrix(program: ProgramRow, activities: ActivityRow[], progress: Map<number, ActivityProgress>, lang: Lang): ProgressMatrix {
  const regionMap = new Map<number, RegionBrief>();
  for (const r of program.regions) regionMap.set(r.id, r);
  for (const a of activities) for (const r of a.regions) regionMap.set(r.id, r);
  const regions = [...regionMap.values()].sort((a, b) => a.ancestorIds.length - b.ancestorIds.length || a.code.localeCompare(b.code));
  const rows = activities.map((a) => {
    const p = progress.get(a.id);
    const own = new Set(a.regions.map((r) => r.id));
    return {
      number: a.number,
      title: a.title,
      status: a.status,
      overall: p?.overall ?? 0,
      cells: regions.map((r) => (own.has(r.id) ? (p?.byRegion.get(r.id) ?? 0) : null)),
    };
  });
  const regionTotals = regions.map((_, i) => {
    const values = rows.filter((row) => row.status !== 'cancelled').map((row) => row.cells[i]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
  });
  return { regions: regions.map((r) => ({ id: r.id, name: pickLocalized(r.name, lang) })), rows, regionTotals };
}
