import { isValidJalaaliDate, toGregorian, toJalaali } from 'jalaali-js';
import type { Lang } from './i18n.ts';

const LOCALE: Record<Lang, string> = { fa: 'fa-IR', vi: 'vi-VN', en: 'en-GB' };
// Tehran for Persian pages, Hanoi for Vietnamese; English uses UTC unless a page says otherwise.
export const TIME_ZONE: Record<Lang, string> = { fa: 'Asia/Tehran', vi: 'Asia/Ho_Chi_Minh', en: 'UTC' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const cacheKey = `${lang}:${key}`;
  let f = formatters.get(cacheKey);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: TIME_ZONE[lang], ...options });
    formatters.set(cacheKey, f);
  }
  return f;
}

function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare calendar day is noon UTC, so no time zone moves it to another day.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** Today's calendar day (ISO) in the page's time zone (Tehran for Persian), for "overdue". */
export function todayIn(lang: Lang): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE[lang], year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** A short date: ۱۴۰۱/۰۱/۲۲ in Persian (Jalali), 11/04/2022 in Vietnamese and English. */
export function formatDate(value: Date | string, lang: Lang): string {
  return formatter(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'date').format(toDate(value));
}

/** A long date with the weekday, built from parts so Persian reads in its natural order. */
export function formatLongDate(value: Date | string, lang: Lang): string {
  const parts = formatter(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, 'long').formatToParts(toDate(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  if (lang === 'fa') return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
  if (lang === 'vi') return `${get('weekday')}, ngày ${get('day')} ${get('month')} năm ${get('year')}`;
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

/** Date and time, e.g. ۱۴۰۱/۰۱/۲۲، ۰۹:۳۰ (Persian takes the Arabic comma, not the ASCII one ICU gives). */
export function formatDateTime(value: Date | string, lang: Lang): string {
  const text = formatter(
    lang,
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    'datetime',
  ).format(toDate(value));
  return lang === 'fa' ? text.replace(', ', '، ') : text;
}

/** A machine-readable timestamp for <time datetime>. */
export function isoDateTime(value: Date | string): string {
  return toDate(value).toISOString();
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Turns Persian and Arabic-Indic digits into ASCII digits. */
export function toAsciiDigits(input: string): string {
  return input.replace(/[۰-۹٠-٩]/g, (d) => String(PERSIAN_DIGITS.indexOf(d) >= 0 ? PERSIAN_DIGITS.indexOf(d) : ARABIC_DIGITS.indexOf(d)));
}

/** Turns ASCII digits into Persian digits. */
export function toPersianDigits(input: string): string {
  return input.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Jalali-year rule: on Persian pages a year before 1700 is a Jalali year (1401 = 2022); later years, and every year elsewhere, are Gregorian. */
export function isJalaliYear(year: number, lang: Lang): boolean {
  return lang === 'fa' && year < 1700;
}

/** The Gregorian year a year typed on a page starts in (on Persian pages 1398 → 2019; 2019 stays 2019). */
export function gregorianYearOf(year: number, lang: Lang): number {
  return isJalaliYear(year, lang) ? toGregorian(year, 1, 1).gy : year;
}

/**
 * The first or last day (ISO) of a year typed on a page, in the page's calendar (1397 on a Persian page runs from
 * 2018-03-21 to 2019-03-20); null for a year no one means (a Jalali year before 1300, a Gregorian one outside 1900–2200).
 */
export function yearBound(year: number, lang: Lang, bound: 'start' | 'end'): string | null {
  if (isJalaliYear(year, lang)) {
    if (year < 1300) return null;
    const g = toGregorian(bound === 'start' ? year : year + 1, 1, 1);
    const day = new Date(Date.UTC(g.gy, g.gm - 1, g.gd - (bound === 'end' ? 1 : 0)));
    return day.toISOString().slice(0, 10);
  }
  if (year < 1900 || year > 2200) return null;
  return bound === 'start' ? `${year}-01-01` : `${year}-12-31`;
}

/**
 * The years a period of ISO days covers when it runs over whole years: Gregorian ones everywhere, and on Persian
 * pages whole Jalali years too ([1397, 1401]); null when it starts or ends inside a year.
 */
export function wholeYearsOf(start: string, end: string, lang: Lang): [number, number] | null {
  const [sy = NaN, sm = NaN, sd = NaN] = start.split('-').map(Number);
  const [ey = NaN, em = NaN, ed = NaN] = end.split('-').map(Number);
  if (sm === 1 && sd === 1 && em === 12 && ed === 31) return [sy, ey];
  if (lang !== 'fa') return null;
  const js = toJalaali(sy, sm, sd);
  const next = new Date(Date.UTC(ey, em - 1, ed + 1));
  const je = toJalaali(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  return js.jm === 1 && js.jd === 1 && je.jm === 1 && je.jd === 1 ? [js.jy, je.jy - 1] : null;
}

export type DateParse = { ok: true; iso: string } | { ok: false; error: 'dates.invalid' | 'dates.impossible' };

/**
 * Parses a date typed on a page: Jalali (1401/01/22, Persian or ASCII digits) on Persian pages,
 * ISO (2022-04-11, what <input type=date> sends) or day/month/year elsewhere. Returns an ISO day.
 */
export function parseDateInput(raw: string, lang: Lang): DateParse {
  const input = toAsciiDigits(raw.trim());
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(input);
  if (ymd && isJalaliYear(Number(ymd[1]), lang)) {
    const [jy, jm, jd] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    if (!isValidJalaaliDate(jy, jm, jd)) return { ok: false, error: 'dates.impossible' };
    const g = toGregorian(jy, jm, jd);
    return { ok: true, iso: `${g.gy}-${pad(g.gm)}-${pad(g.gd)}` };
  }
  if (ymd) return gregorian(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input);
  if (dmy && lang !== 'fa') return gregorian(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return { ok: false, error: 'dates.invalid' };
}

function gregorian(y: number, m: number, d: number): DateParse {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: 'dates.impossible' };
  }
  return { ok: true, iso: `${y}-${pad(m)}-${pad(d)}` };
}

/** The value to put back in a date field: Jalali with Persian digits in Persian, ISO elsewhere. */
export function dateInputValue(isoDay: string | null | undefined, lang: Lang): string {
  if (!isoDay) return '';
  if (lang !== 'fa') return isoDay;
  // A malformed day gives NaN parts (as Number(undefined) always did), never a made-up date.
  const [y = NaN, m = NaN, d = NaN] = isoDay.split('-').map(Number);
  const j = toJalaali(y, m, d);
  return toPersianDigits(`${j.jy}/${pad(j.jm)}/${pad(j.jd)}`);
}

/** The kind of input a date field uses: browsers' date pickers are Gregorian, so Persian gets text. */
export function dateInputType(lang: Lang): 'text' | 'date' {
  return lang === 'fa' ? 'text' : 'date';
}

/** Parses a time of day typed as HH:MM (any digits); returns "HH:MM" or null. */
export function parseTimeInput(raw: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(toAsciiDigits(raw.trim()));
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${pad(Number(m[1]))}:${m[2]}`;
}
