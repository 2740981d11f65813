import { describe, expect, it } from 'vitest';
import {
  dateInputValue,
  formatDate,
  formatDateTime,
  formatLongDate,
  gregorianYearOf,
  isJalaliYear,
  parseDateInput,
  parseTimeInput,
  toAsciiDigits,
  wholeYearsOf,
  yearBound,
} from './dates.ts';

describe('formatDate', () => {
  it('shows Jalali dates with Persian digits in Persian', () => {
    expect(formatDate('2022-04-11', 'fa')).toBe('۱۴۰۱/۰۱/۲۲');
  });
  it('shows Gregorian dates in Vietnamese and English', () => {
    expect(formatDate('2022-04-11', 'vi')).toBe('11/04/2022');
    expect(formatDate('2022-04-11', 'en')).toBe('11/04/2022');
  });
  it('builds long Persian dates in natural order', () => {
    expect(formatLongDate('2022-04-11', 'fa')).toBe('دوشنبه ۲۲ فروردین ۱۴۰۱');
    expect(formatLongDate('2018-08-14', 'vi')).toContain('14');
  });
});

describe('formatDateTime', () => {
  it('joins date and time with the Arabic comma in Persian', () => {
    expect(formatDateTime('2022-04-11T05:30:00Z', 'fa')).toBe('۱۴۰۱/۰۱/۲۲، ۱۰:۰۰');
    expect(formatDateTime('2022-04-11T05:30:00Z', 'vi')).toContain('11/04/2022');
  });
});

describe('isJalaliYear, gregorianYearOf (the Jalali-year rule)', () => {
  it('reads a year before 1700 as Jalali on Persian pages only', () => {
    expect([
      isJalaliYear(1398, 'fa'),
      isJalaliYear(1699, 'fa'),
      isJalaliYear(1700, 'fa'),
      isJalaliYear(1398, 'vi'),
      isJalaliYear(1398, 'en'),
    ]).toEqual([true, true, false, false, false]);
    expect([gregorianYearOf(1398, 'fa'), gregorianYearOf(1401, 'fa'), gregorianYearOf(2019, 'fa'), gregorianYearOf(2019, 'en')]).toEqual([
      2019, 2022, 2019, 2019,
    ]);
  });
});

describe('parseDateInput', () => {
  it('accepts Jalali dates with Persian or ASCII digits on Persian pages', () => {
    expect(parseDateInput('۱۴۰۱/۰۱/۲۲', 'fa')).toEqual({ ok: true, iso: '2022-04-11' });
    expect(parseDateInput('1401/1/22', 'fa')).toEqual({ ok: true, iso: '2022-04-11' });
    expect(parseDateInput('١٤٠١-٠١-٢٢', 'fa')).toEqual({ ok: true, iso: '2022-04-11' });
  });
  it('rejects impossible Jalali dates', () => {
    expect(parseDateInput('1401/13/40', 'fa')).toEqual({ ok: false, error: 'dates.impossible' });
    expect(parseDateInput('1401/12/30', 'fa')).toEqual({ ok: false, error: 'dates.impossible' }); // 1401 is not leap
  });
  it('accepts ISO and day/month/year elsewhere, and rejects impossible days', () => {
    expect(parseDateInput('2018-08-14', 'vi')).toEqual({ ok: true, iso: '2018-08-14' });
    expect(parseDateInput('14/8/2018', 'vi')).toEqual({ ok: true, iso: '2018-08-14' });
    expect(parseDateInput('2023-02-29', 'en')).toEqual({ ok: false, error: 'dates.impossible' });
  });
  it('rejects text that is not a date', () => {
    expect(parseDateInput('tomorrow', 'en')).toEqual({ ok: false, error: 'dates.invalid' });
    expect(parseDateInput('<script>', 'fa')).toEqual({ ok: false, error: 'dates.invalid' });
  });
});

describe('dateInputValue, toAsciiDigits, parseTimeInput', () => {
  it('round-trips a day through the Persian field', () => {
    const shown = dateInputValue('2022-04-11', 'fa');
    expect(shown).toBe('۱۴۰۱/۰۱/۲۲');
    expect(parseDateInput(shown, 'fa')).toEqual({ ok: true, iso: '2022-04-11' });
  });
  it('converts digits and times', () => {
    expect(toAsciiDigits('۰۹:۳۰ ٤')).toBe('09:30 4');
    expect(parseTimeInput('۹:۳۰')).toBe('09:30');
    expect(parseTimeInput('25:00')).toBeNull();
  });
});

describe('the Jalali-year rule for whole years', () => {
  it('gives the first and last day of a year typed in the page calendar', () => {
    expect(yearBound(1397, 'fa', 'start')).toBe('2018-03-21');
    expect(yearBound(1401, 'fa', 'end')).toBe('2023-03-20');
    expect(yearBound(2018, 'fa', 'start')).toBe('2018-01-01');
    expect(yearBound(2022, 'vi', 'end')).toBe('2022-12-31');
    expect(yearBound(1397, 'en', 'start')).toBeNull();
    expect(yearBound(1299, 'fa', 'start')).toBeNull();
  });

  it('names the whole years a period covers, Jalali ones on Persian pages', () => {
    expect(wholeYearsOf('2018-01-01', '2022-12-31', 'vi')).toEqual([2018, 2022]);
    expect(wholeYearsOf('2018-03-21', '2023-03-20', 'fa')).toEqual([1397, 1401]);
    expect(wholeYearsOf('2018-03-21', '2023-03-20', 'en')).toBeNull();
    expect(wholeYearsOf('2018-02-01', '2022-12-31', 'fa')).toBeNull();
  });
});
