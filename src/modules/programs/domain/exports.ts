import ExcelJS from 'exceljs';
import { pickLocalized, type Lang, type Translate } from '../../../core/i18n.ts';
import type { ActivityRow, ProgramRow, ReportRow } from '../queries/index.ts';
import type { ProgramProgress } from './derive.ts';

export interface ExportData {
  program: ProgramRow;
  activities: ActivityRow[];
  /** Only the reports the viewer may see. */
  reports: ReportRow[];
  progress: ProgramProgress;
}

const CSV_COLUMNS = [
  'activityNumber',
  'activityTitle',
  'activityType',
  'activityStatus',
  'activityProgress',
  'region',
  'regionProgress',
  'reportId',
  'reportStatus',
  'heldOn',
  'place',
  'workers',
  'employers',
  'families',
  'otherParticipants',
  'beneficiaries',
  'moneySpent',
] as const;

/** The flat table both exports share: one line per report, and one per activity region without reports. */
export function exportRows(data: ExportData, lang: Lang, t: Translate): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  const reportsByActivity = new Map<number, ReportRow[]>();
  for (const r of data.reports) reportsByActivity.set(r.activityId, [...(reportsByActivity.get(r.activityId) ?? []), r]);
  for (const a of data.activities) {
    const p = data.progress.activities.get(a.id);
    const head = [a.number, a.title, t(`programs.activityType.${a.type}`), t(`programs.activityStatus.${a.status}`), p?.overall ?? 0];
    const reports = reportsByActivity.get(a.id) ?? [];
    const regionsWithReports = new Set(reports.map((r) => r.regionId));
    for (const r of reports) {
      rows.push([
        ...head,
        pickLocalized(r.regionName, lang),
        p?.byRegion.get(r.regionId) ?? 0,
        r.id,
        t(`programs.reportStatus.${r.status}`),
        r.heldOn,
        r.place,
        r.workers,
        r.employers,
        r.families,
        r.otherParticipants,
        r.beneficiaries,
        r.moneySpent,
      ]);
    }
    for (const region of a.regions.filter((rg) => !regionsWithReports.has(rg.id))) {
      rows.push([...head, pickLocalized(region.name, lang), p?.byRegion.get(region.id) ?? 0, '', '', '', '', '', '', '', '', '', '']);
    }
    if (a.regions.length === 0 && reports.length === 0) rows.push([...head, '', '', '', '', '', '', '', '', '', '', '', '']);
  }
  return rows;
}

/** Column headings in the viewer's language. */
export const exportHeadings = (t: Translate): string[] => CSV_COLUMNS.map((c) => t(`programs.export.column.${c}`));

// A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet: quote it.
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const csvCell = (value: string | number) => {
  const text = typeof value === 'number' ? String(value) : neutralize(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV with a UTF-8 byte order mark, so Excel reads Persian and Vietnamese text. */
export function programCsv(data: ExportData, lang: Lang, t: Translate): string {
  const lines = [exportHeadings(t), ...exportRows(data, lang, t)].map((row) => row.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** An XLSX workbook: the program, its activities (with progress by region) and the reports. */
export async function programXlsx(data: ExportData, lang: Lang, t: Translate): Promise<Buffer> {
  const { program, activities, progress } = data;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Unionhall';
  const rtl = lang === 'fa';

  const summary = workbook.addWorksheet(t('programs.export.sheet.program'), { views: [{ rightToLeft: rtl }] });
  summary.columns = [{ width: 28 }, { width: 60 }];
  summary.addRows([
    [t('programs.program.title'), program.title],
    [t('programs.program.lead'), pickLocalized(program.lead.name, lang)],
    [t('programs.program.partners'), program.partners.map((p) => pickLocalized(p.name, lang)).join(', ')],
    [t('programs.program.periodStart'), program.periodStart],
    [t('programs.program.periodEnd'), program.periodEnd],
    [t('programs.program.regions'), program.regions.map((r) => pickLocalized(r.name, lang)).join(', ')],
    [t('common.status'), t(`programs.programStatus.${program.status}`)],
    [t('programs.progress.overall'), progress.overall],
  ]);
  summary.getColumn(1).font = { bold: true };

  const regionIds = [...new Map(activities.flatMap((a) => a.regions).map((r) => [r.id, r])).values()];
  const sheet = workbook.addWorksheet(t('programs.export.sheet.activities'), { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
  sheet.addRow([
    t('programs.activity.number'),
    t('programs.activity.title'),
    t('programs.activity.type'),
    t('common.status'),
    t('programs.activity.lead'),
    t('programs.activity.startsOn'),
    t('programs.activity.endsOn'),
    t('programs.activity.responsible'),
    t('programs.activity.budget'),
    t('programs.target.heading'),
    t('programs.progress.overall'),
    ...regionIds.map((r) => pickLocalized(r.name, lang)),
  ]).font = { bold: true };
  for (const a of activities) {
    const p = progress.activities.get(a.id);
    const own = new Set(a.regions.map((r) => r.id));
    sheet.addRow([
      a.number,
      a.title,
      t(`programs.activityType.${a.type}`),
      t(`programs.activityStatus.${a.status}`),
      pickLocalized(a.lead.name, lang),
      a.startsOn ?? '',
      a.endsOn ?? '',
      a.responsibleName ?? '',
      a.budget ?? '',
      a.targets.map((target) => `${target.amount} ${target.unitLabel}`).join('; '),
      p?.overall ?? 0,
      ...regionIds.map((r) => (own.has(r.id) ? (p?.byRegion.get(r.id) ?? 0) : '')),
    ]);
  }
  sheet.getColumn(2).width = 50;

  const reports = workbook.addWorksheet(t('programs.export.sheet.reports'), { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 1 }] });
  reports.addRow(exportHeadings(t)).font = { bold: true };
  for (const row of exportRows(data, lang, t)) reports.addRow(row.map((v) => (typeof v === 'string' ? neutralize(v) : v)));
  reports.getColumn(2).width = 40;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
