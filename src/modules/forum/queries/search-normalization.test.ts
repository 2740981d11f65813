import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { one } from '../../../../test/support/sql.ts';
import { defined } from '../../../../test/support/defined.ts';

// The search normalization lives in SQL (public.uh_normalize and the uh_search_* helpers) so the index
// and the query go through the very same code. These tests run it in the real database.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function normalize(input: string): Promise<string> {
  return defined(await one<{ v: string }>(database.pool, 'SELECT public.uh_normalize($1) AS v', [input]), 'the row').v;
}

/** True when the query typed by a reader matches the document as the index stores it. */
async function matches(document: string, query: string): Promise<boolean> {
  const row = await one<{ v: boolean }>(database.pool, 'SELECT public.uh_search_vector($1) @@ public.uh_search_query($2) AS v', [
    document,
    query,
  ]);
  return defined(row, 'row').v;
}

describe('uh_normalize: Persian letter variants, digits and marks', () => {
  it('maps Arabic yeh, alef maksura and kaf to the Persian letters', async () => {
    expect(await normalize('كارگري')).toBe('کارگری');
    expect(await normalize('على')).toBe('علی');
  });
  it('maps teh marbuta and heh with yeh above to heh', async () => {
    expect(await normalize('مدرسة')).toBe('مدرسه');
    expect(await normalize('خانۀ')).toBe('خانه');
  });
  it('removes tatweel and Arabic diacritics (harakat, hamza above)', async () => {
    expect(await normalize('کـــارگر')).toBe('کارگر');
    expect(await normalize('کارگرانِ مُحترم')).toBe('کارگران محترم');
    expect(await normalize('کارخانهٔ')).toBe('کارخانه');
  });
  it('turns Persian and Arabic-Indic digits into ASCII digits', async () => {
    expect(await normalize('۱۴۰۱/۰۱/۲۲')).toBe('1401/01/22');
    expect(await normalize('٤١٨')).toBe('418');
  });
});

describe('uh_normalize: Vietnamese and case', () => {
  it('removes Vietnamese diacritics, including đ, ư and ơ, and folds case', async () => {
    expect(await normalize('Công Nhân')).toBe('cong nhan');
    expect(await normalize('ĐẠI HỘI Người Lao Động ươ')).toBe('dai hoi nguoi lao dong uo');
  });
  it('gives the same result for decomposed (NFD) and composed (NFC) input', async () => {
    const decomposed = 'công nhân trẻ'.normalize('NFD');
    expect(decomposed).not.toBe('công nhân trẻ');
    expect(await normalize(decomposed)).toBe('cong nhan tre');
  });
});

describe('uh_search_query against uh_search_vector', () => {
  it('"cong nhan" finds "công nhân", and the other way round', async () => {
    expect(await matches('Diễn đàn của công nhân trẻ Bắc Giang', 'cong nhan')).toBe(true);
    expect(await matches('Dien dan cua cong nhan tre', 'công nhân')).toBe(true);
  });
  it('finds decomposed Vietnamese text with a composed query', async () => {
    expect(await matches('Đối thoại với công nhân'.normalize('NFD'), 'đối thoại')).toBe(true);
  });
  it('treats each query word as a prefix', async () => {
    expect(await matches('Workers organizing the conference', 'work conf')).toBe(true);
    expect(await matches('کارگران استان گیلان', 'کارگ گیل')).toBe(true);
  });
  it('requires every word', async () => {
    expect(await matches('Workers organizing the conference', 'workers holiday')).toBe(false);
  });
  it('matches Arabic letter variants typed in the query', async () => {
    expect(await matches('همایش روز کارگر در استان', 'كارگر')).toBe(true);
    expect(await matches('كارگري در مدرسة', 'کارگری مدرسه')).toBe(true);
  });
  it('matches Persian digits typed for ASCII digits and the other way round', async () => {
    expect(await matches('یادبود ۴۱۸ کارگر', '418')).toBe(true);
    expect(await matches('Meeting on 1401/01/22', '۱۴۰۱')).toBe(true);
  });
  it('matches a ZWNJ compound whether the reader types the ZWNJ, a space or nothing', async () => {
    const document = 'ما به کارخانه می‌رویم';
    expect(await matches(document, 'می‌رویم')).toBe(true);
    expect(await matches(document, 'میرویم')).toBe(true);
    expect(await matches(document, 'می رویم')).toBe(true);
  });
  it('matches a document written without ZWNJ or with a space when the query has one', async () => {
    expect(await matches('ما به کارخانه میرویم', 'می‌رویم')).toBe(true);
    expect(await matches('ما به کارخانه می رویم', 'می رویم')).toBe(true);
  });
  it('never fails on query syntax characters and gives no query for punctuation only', async () => {
    expect(await matches("don't stop", "don't :*( & | ! \\")).toBe(true);
    const empty = await one<{ v: string | null }>(database.pool, `SELECT public.uh_search_query('!? ... ''"') AS v`);
    expect(defined(empty, 'empty').v).toBeNull();
  });
});
