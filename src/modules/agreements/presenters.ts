import { toJalaali } from 'jalaali-js';
import type { Lang } from '../../core/i18n.ts';
import { formatNumber, pickLocalized } from '../../core/i18n.ts';
import { formatDate } from '../../core/dates.ts';
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
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  if (sm === 1 && sd === 1 && em === 12 && ed === 31) return `${year(sy, lang)}–${year(ey, lang)}`;
  if (lang === 'fa') {
    const js = toJalaali(sy, sm, sd);
    const next = new Date(Date.UTC(ey, em - 1, ed + 1));
    const je = toJalaali(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
    if (js.jm === 1 && js.jd === 1 && je.jm === 1 && je.jd === 1) return `${year(js.jy, lang)}–${year(je.jy - 1, lang)}`;
  }
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
    parties: agreement.parties.map((p) => ({ id: p.id, slug: p.slug, name: pickLocalized(p.name, lang), signatoryName: p.signatoryName, signatoryRole: p.signatoryRole })),
  };
}
export type AgreementView = ReturnType<typeof presentAgreement>;

export type AreaProgress = Map<number, { progress: number; programs: Array<{ id: number; title: string; progress: number }> }>;

/** The agreement's page: areas with targets and the progress the programs module derives for them. */
export function presentAgreementDetail(agreement: AgreementDetail, lang: Lang, progress: AreaProgress, showDocuments: boolean) {
  return {
    ...presentAgreement(agreement, lang),
    areas: agreement.areas.map((area) => ({
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
      })),
      progress: progress.get(area.id)?.progress ?? null,
      programs: progress.get(area.id)?.programs ?? [],
    })),
    documents: showDocuments
      ? agreement.documents.map((d) => ({ id: d.id, filename: d.filename, contentType: d.contentType, sizeText: formatNumber(Math.max(1, Math.round(d.byteSize / 1024)), lang) }))
      : [],
  };
}
export type AgreementDetailView = ReturnType<typeof presentAgreementDetail>;
