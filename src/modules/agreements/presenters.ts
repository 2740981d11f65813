import type { Lang } from '../../core/i18n.ts';
import { formatNumber, pickLocalized } from '../../core/i18n.ts';
import { formatDate, wholeYearsOf } from '../../core/dates.ts';
import { agreementAreaProgressInYear, type agreementAreaProgressFor } from '../programs/index.ts';
import type { AgreementRef } from './policy.ts';
import type { Agreement, AgreementDetail } from './queries.ts';

/** What the policy needs from a loaded agreement. */
export function agreementRef(agreement: Agreement): AgreementRef {
  return { parties: agreement.parties, status: agreement.status };
}

const year = (value: number, lang: Lang) => formatNumber(value, lang, { useGrouping: false });

/**
 * The period as people say it: "2018–2022" when it runs over whole years (whole Jalali years on Persian pages
 * show as "۱۳۹۷–۱۴۰۱"), otherwise both days in the page's calendar.
 */
export function formatPeriod(start: string, end: string, lang: Lang): string {
  const years = wholeYearsOf(start, end, lang);
  if (years) return `${year(years[0], lang)}–${year(years[1], lang)}`;
  return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
}

/** An agreement as lists and the API show it. */
export function presentAgreement(agreement: Agreement, lang: Lang) {
  return {
    id: agreement.id,
    title: agreement.title,
    status: agreement.status,
    signedOn: agreement.signedOn,
    signedOnText: agreement.signedOn ? formatDate(agreement.signedOn, lang) : '',
    periodStart: agreement.periodStart,
    periodEnd: agreement.periodEnd,
    periodText: formatPeriod(agreement.periodStart, agreement.periodEnd, lang),
    goals: agreement.goals,
    parties: agreement.parties.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: pickLocalized(p.name, lang),
      signatoryName: p.signatoryName,
      signatoryRole: p.signatoryRole,
    })),
  };
}
export type AgreementView = ReturnType<typeof presentAgreement>;

/** The programs serving each area that the viewer may see, as the programs module gives them. */
export type AreaProgress = ReturnType<typeof agreementAreaProgressFor>;
type VisibleProgram = AreaProgress extends Map<number, { programs: Array<infer P> }> ? P : never;

/** A program under an area, with its activities; links go to the internal pages for staff, to the public page otherwise. */
function presentAreaProgram(p: VisibleProgram) {
  const programPath = p.access === 'staff' ? `/programs/${p.id}` : `/programs/${p.id}/public`;
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    progress: p.progress,
    path: programPath,
    activities: p.activities.map((a) => ({
      number: a.number,
      title: a.title,
      status: a.status,
      progress: a.progress,
      path: p.access === 'staff' ? `/programs/${p.id}/activities/${a.number}` : programPath,
    })),
  };
}

/**
 * The agreement's page: areas with their programs and activities (those the viewer may see) and the progress the
 * programs module derives for them; each yearly target beside the area's progress in that year (the programs
 * shown whose period overlaps the year; null when none does).
 */
export function presentAgreementDetail(agreement: AgreementDetail, lang: Lang, progress: AreaProgress, showDocuments: boolean) {
  return {
    ...presentAgreement(agreement, lang),
    areas: agreement.areas.map((area) => {
      const programs = progress.get(area.id)?.programs ?? [];
      return {
        id: area.id,
        number: area.number,
        description: area.description,
        targets: area.targets.map((t) => ({
          year: t.year,
          yearText: year(t.year, lang),
          target: t.target,
          amount: t.amount,
          amountText: t.amount === null ? '' : formatNumber(t.amount, lang),
          unit: t.unit,
          yearProgress: agreementAreaProgressInYear(programs, t.year),
        })),
        progress: progress.get(area.id)?.progress ?? null,
        programs: programs.map(presentAreaProgram),
      };
    }),
    documents: showDocuments
      ? agreement.documents.map((d) => ({
          id: d.id,
          filename: d.filename,
          contentType: d.contentType,
          sizeText: formatNumber(Math.max(1, Math.round(d.byteSize / 1024)), lang),
        }))
      : [],
  };
}
export type AgreementDetailView = ReturnType<typeof presentAgreementDetail>;
