import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadCatalogs, negotiateLanguage, pickLocalized, translator, formatNumber } from './i18n.ts';
import { IntlMessageFormat } from 'intl-messageformat';

describe('message catalogs', () => {
  const catalogs = loadCatalogs();

  it('have every message in fa, vi and en', () => {
    const all = new Set(LANGUAGES.flatMap((lang) => [...catalogs[lang].keys()]));
    const missing: string[] = [];
    for (const id of all) for (const lang of LANGUAGES) if (!catalogs[lang].has(id)) missing.push(`${lang}: ${id}`);
    expect(missing).toEqual([]);
  });

  it('compile as ICU messages in their language', () => {
    for (const lang of LANGUAGES) {
      for (const [id, message] of catalogs[lang]) {
        expect(() => new IntlMessageFormat(message, lang), `${lang}: ${id}`).not.toThrow();
      }
    }
  });

  it('use the same arguments in every language', () => {
    const args = (m: string) =>
      [...m.matchAll(/\{\s*(\w+)\s*[,}]/g)]
        .map((x) => x[1])
        .filter((a, i, all) => all.indexOf(a) === i)
        .sort();
    for (const [id, message] of catalogs.en) {
      for (const lang of LANGUAGES) expect(args(catalogs[lang].get(id) ?? ''), `${lang}: ${id}`).toEqual(args(message));
    }
  });
});

describe('translator', () => {
  it('formats ICU plurals per language', () => {
    expect(translator('en')('forms.tooLong', { max: 1 })).toBe('Enter at most 1 character.');
    expect(translator('en')('forms.tooLong', { max: 80 })).toBe('Enter at most 80 characters.');
    expect(translator('fa')('forms.tooLong', { max: 80 })).toContain('۸۰');
  });

  it('returns the id for an unknown message so it is easy to spot', () => {
    expect(translator('vi')('nope.missing')).toBe('nope.missing');
  });
});

describe('negotiateLanguage', () => {
  it('picks the best supported language by quality', () => {
    expect(negotiateLanguage('de-DE,vi;q=0.8,fa;q=0.9', 'en')).toBe('fa');
    expect(negotiateLanguage('vi-VN', 'en')).toBe('vi');
  });
  it('falls back when nothing matches', () => {
    expect(negotiateLanguage('de, fr;q=0.5', 'en')).toBe('en');
    expect(negotiateLanguage(undefined, 'vi')).toBe('vi');
  });
});

describe('pickLocalized and formatNumber', () => {
  it('falls back to another language when the wanted one is missing', () => {
    expect(pickLocalized({ vi: 'Công đoàn' }, 'fa')).toBe('Công đoàn');
    expect(pickLocalized({ fa: 'اتحادیه', en: 'Union' }, 'fa')).toBe('اتحادیه');
  });
  it('writes numbers in the language’s digits', () => {
    expect(formatNumber(418, 'fa')).toBe('۴۱۸');
    expect(formatNumber(12345, 'vi')).toBe('12.345');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});
