import type { Actor } from '../../core/authorization.ts';
import { dateInputValue, formatDate, isoDateTime } from '../../core/dates.ts';
import type { NamedQueueRow } from './loaders.ts';
import { pickLocalized, type Lang, type Translate } from '../../core/i18n.ts';
import { canSeeReport, type ActivitySubject, type ProgramSubject } from './policy.ts';
import type { ProgramProgress } from './domain/derive.ts';
import type { ActivityProgress } from './domain/progress.ts';
import { TARGET_ROWS } from './schemas.ts';
import type { ActivityRow, OrganizationBrief, ProgramRow, RegionBrief, ReportRow, TargetRow } from './queries/index.ts';

/** The policy's view of a program. */
export const programSubject = (p: ProgramRow): ProgramSubject => ({
  status: p.status,
  isPublic: p.isPublic,
  lead: p.lead,
  partners: p.partners,
});
/** The policy's view of an activity. */
export const activitySubject = (a: ActivityRow): ActivitySubject => ({
  lead: a.lead,
  partners: a.partners,
  responsibleUserId: a.responsibleUserId,
});
/** The policy's view of a report's region. */
export const reportSubject = (r: ReportRow) => ({
  status: r.status,
  reporterId: r.reporterId,
  region: { id: r.regionId, ancestorIds: r.regionAncestorIds },
});

/** An activity as the dashboard, its agenda and the printable report show it: no notes, budget or responsible person. */
export interface ActivitySummaryView {
  id: number;
  number: number;
  title: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  regions: RegionBrief[];
  targets: TargetRow[];
}

/** Built field by field, so a column added to ActivityRow reaches no page unless it is named here. */
export const activitySummaryView = (a: ActivityRow): ActivitySummaryView => ({
  id: a.id,
  number: a.number,
  title: a.title,
  status: a.status,
  startsOn: a.startsOn,
  endsOn: a.endsOn,
  regions: a.regions,
  targets: a.targets,
});

/** An activity's own page, for the program's staff only (loadProgramForStaff): with its internal notes and budget. */
export interface ActivityDetailView extends ActivitySummaryView {
  type: string;
  description: string;
  lead: OrganizationBrief;
  partners: OrganizationBrief[];
  responsibleName: string | null;
  budget: number | null;
  budgetCurrency: string | null;
  publicNotes: string;
  internalNotes: string;
}

/** The activity page's view of an activity (staff only: it carries the internal notes). */
export const activityDetailView = (a: ActivityRow): ActivityDetailView => ({
  ...activitySummaryView(a),
  type: a.type,
  description: a.description,
  lead: a.lead,
  partners: a.partners,
  responsibleName: a.responsibleName,
  budget: a.budget,
  budgetCurrency: a.budgetCurrency,
  publicNotes: a.publicNotes,
  internalNotes: a.internalNotes,
});

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
      const report = { status: 'submitted', reporterId: null, region: { id: c.regionId, ancestorIds: region?.ancestorIds ?? [] } };
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
export function overdueAndUpcoming(
  activities: ActivityTimingView[],
  today: string,
): { overdue: ActivityTimingView[]; upcoming: ActivityTimingView[] } {
  const in30 = new Date(`${today}T12:00:00Z`);
  in30.setUTCDate(in30.getUTCDate() + 30);
  const horizon = in30.toISOString().slice(0, 10);
  const open = (a: ActivityTimingView) => a.status !== 'done' && a.status !== 'cancelled';
  return {
    overdue: activities
      .filter((a): a is ActivityTimingView & { endsOn: string } => open(a) && a.endsOn !== null && a.endsOn < today && a.progress < 100)
      .sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : a.number - b.number)),
    upcoming: activities
      .filter(
        (a): a is ActivityTimingView & { startsOn: string } =>
          open(a) && a.startsOn !== null && a.startsOn >= today && a.startsOn <= horizon,
      )
      .sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1)),
  };
}

const monthFormats = new Map<Lang, Intl.DateTimeFormat>();
const monthFormat = (lang: Lang) => {
  let f = monthFormats.get(lang);
  if (!f)
    monthFormats.set(
      lang,
      (f = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : lang === 'vi' ? 'vi-VN' : 'en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })),
    );
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
      label =
        lang === 'fa'
          ? `${parts.find((p) => p.type === 'month')?.value} ${parts.find((p) => p.type === 'year')?.value}`
          : fmt.format(new Date(`${day}T12:00:00Z`));
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
export function progressMatrix(
  program: ProgramRow,
  activities: ActivitySummaryView[],
  progress: Map<number, ActivityProgress>,
  lang: Lang,
): ProgressMatrix {
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
    const values = rows
      .filter((row) => row.status !== 'cancelled')
      .map((row) => row.cells[i])
      .filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
  });
  return { regions: regions.map((r) => ({ id: r.id, name: pickLocalized(r.name, lang) })), rows, regionTotals };
}

/** A program in a list, with its derived progress (0–100). */
export const withProgress = (list: ProgramRow[], progress: Map<number, ProgramProgress>) =>
  list.map((program) => ({ program, progress: progress.get(program.id)?.overall ?? 0 }));

/** What anyone may see of a published program, built field by field: no internal notes, budgets, responsible people or reports. */
export function publicProgramView(program: ProgramRow, activities: ActivityRow[], progress: ProgramProgress, lang: Lang) {
  return {
    program: {
      title: program.title,
      description: program.description,
      lead: pickLocalized(program.lead.name, lang),
      partners: program.partners.map((o) => pickLocalized(o.name, lang)),
      periodStart: program.periodStart,
      periodEnd: program.periodEnd,
      progress: progress.overall,
    },
    activities: activities
      .filter((a) => a.status !== 'draft')
      .map((a) => ({
        number: a.number,
        title: a.title,
        description: a.description,
        publicNotes: a.publicNotes,
        type: a.type,
        status: a.status,
        regions: a.regions.map((r) => pickLocalized(r.name, lang)),
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        progress: progress.activities.get(a.id)?.overall ?? 0,
      })),
  };
}

/** What progress needs of activities a page already loaded (saves a query). */
export const progressInputs = (activities: ActivityRow[]) =>
  activities.map((a) => ({
    id: a.id,
    programId: a.programId,
    status: a.status,
    regionIds: a.regions.map((r) => r.id),
    targets: a.targets,
  }));

/** The program form's values for an existing program. */
export const programFormValues = (p: ProgramRow, lang: Lang): Record<string, string> => ({
  title: p.title,
  description: p.description,
  lang: p.lang,
  periodStart: dateInputValue(p.periodStart, lang),
  periodEnd: dateInputValue(p.periodEnd, lang),
  status: p.status,
  isPublic: p.isPublic ? 'on' : '',
  partnerIds: p.partners.map((o) => String(o.id)).join('\n'),
  regionIds: p.regions.map((r) => String(r.id)).join('\n'),
  agreementAreaId: p.agreementAreaId === null ? '' : String(p.agreementAreaId),
});

/** The activity form's values for an existing activity (targets in the form's numbered rows). */
export function activityFormValues(a: ActivityRow, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {
    title: a.title,
    description: a.description,
    type: a.type,
    status: a.status,
    leadOrganizationId: a.ownLead ? String(a.lead.id) : '',
    partnerIds: a.partners.map((p) => String(p.id)).join('\n'),
    regionIds: a.regions.map((r) => String(r.id)).join('\n'),
    startsOn: dateInputValue(a.startsOn, lang),
    endsOn: dateInputValue(a.endsOn, lang),
    responsibleUserId: a.responsibleUserId === null ? '' : String(a.responsibleUserId),
    budget: a.budget === null ? '' : String(a.budget),
    budgetCurrency: a.budgetCurrency ?? '',
    publicNotes: a.publicNotes,
    internalNotes: a.internalNotes,
  };
  a.targets.slice(0, TARGET_ROWS).forEach((t, i) => {
    values[`target${i + 1}Amount`] = String(t.amount);
    values[`target${i + 1}Unit`] = t.unitLabel;
    values[`target${i + 1}Measure`] = t.measure;
    values[`target${i + 1}Scope`] = t.scope;
  });
  return values;
}

/** The report form's values for an existing report. */
export const reportFormValues = (report: ReportRow, lang: Lang): Record<string, string> => ({
  regionId: String(report.regionId),
  heldOn: dateInputValue(report.heldOn, lang),
  place: report.place,
  workers: String(report.workers),
  employers: String(report.employers),
  families: String(report.families),
  otherParticipants: String(report.otherParticipants),
  beneficiaries: String(report.beneficiaries),
  moneySpent: String(report.moneySpent),
  notes: report.notes,
});

/** A program as the API shows it, with its derived progress. */
export function programJson(p: ProgramRow, lang: Lang, progress: number) {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    lang: p.lang,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    status: p.status,
    isPublic: p.isPublic,
    agreementAreaId: p.agreementAreaId,
    leadOrganization: { id: p.lead.id, slug: p.lead.slug, name: pickLocalized(p.lead.name, lang) },
    partnerOrganizations: p.partners.map((o) => ({ id: o.id, slug: o.slug, name: pickLocalized(o.name, lang) })),
    regions: p.regions.map((r) => ({ id: r.id, code: r.code, name: pickLocalized(r.name, lang) })),
    progress,
  };
}

/** An activity as the API shows it; `staff` adds internal notes, budget, responsible person and resolution. */
export function activityJson(a: ActivityRow, progress: ActivityProgress | undefined, lang: Lang, staff: boolean) {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    description: a.description,
    type: a.type,
    status: a.status,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    leadOrganizationId: a.lead.id,
    partnerOrganizationIds: a.partners.map((o) => o.id),
    targets: a.targets.map((t) => ({ amount: t.amount, unitLabel: t.unitLabel, measure: t.measure, scope: t.scope })),
    publicNotes: a.publicNotes,
    progress: progress?.overall ?? 0,
    regions: a.regions.map((r) => ({
      id: r.id,
      code: r.code,
      name: pickLocalized(r.name, lang),
      progress: progress?.byRegion.get(r.id) ?? 0,
    })),
    ...(staff
      ? {
          internalNotes: a.internalNotes,
          budget: a.budget,
          budgetCurrency: a.budgetCurrency,
          responsibleUserId: a.responsibleUserId,
          resolutionId: a.resolutionId,
        }
      : {}),
  };
}

/** A waiting report as the review queue lists it (no figures or notes: those are on the report's own page). */
export const queueItemView = (row: NamedQueueRow, lang: Lang) => ({
  id: row.id,
  path: `/programs/${row.programId}/reports/${row.id}`,
  activityNumber: row.activityNumber,
  activityTitle: row.activityTitle,
  programTitle: row.programTitle,
  regionName: pickLocalized(row.regionName, lang),
  reporterName: row.reporterName,
  heldOn: formatDate(row.heldOn, lang),
  heldOnIso: row.heldOn,
  filedOn: formatDate(row.createdAt, lang),
  filedIso: isoDateTime(row.createdAt),
  resubmitted: row.resubmitted,
});
export type QueueItemView = ReturnType<typeof queueItemView>;

/** The reviewer's comment on a returned report, shown above its edit form (null when it was not returned with one). */
export const returnedNoteView = (report: ReportRow, lang: Lang) =>
  report.status === 'returned' && report.reviewerComment
    ? {
        comment: report.reviewerComment,
        reviewerName: report.reviewerName,
        reviewedOn: report.reviewedAt ? formatDate(report.reviewedAt, lang) : null,
      }
    : null;
export type ReturnedNoteView = ReturnType<typeof returnedNoteView>;

/**
 * "Activity 3: <title>" with the title isolated (FSI … PDI), so a Latin title on a Persian page (or the reverse) keeps
 * its own direction and the number stays beside the word "activity".
 */
export const activityLabel = (t: Translate, number: number, title: string): string =>
  t('programs.queue.item', { number, title: `\u2068${title}\u2069` });
