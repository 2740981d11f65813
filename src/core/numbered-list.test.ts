import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNumberedList } from './numbered-list.ts';
import { defined } from '../../test/support/defined.ts';

// The Gilan Workers' Week resolutions, restated in our own words and formatted the way provincial news pages
// number them: "۱ ـ" markers with items run together on a few long lines, after a heading sentence.
const gilanActivities = [
  'در این نشست مقرر شد برنامه‌های هفته کارگر در سراسر استان به این شرح اجرا شود:',
  '۱ ـ همایش استانی روز کارگر با حضور کارگران، کارفرمایان و مسئولان و قدردانی از کارگران و کارفرمایان نمونه، ایثارگران و خانواده شهدای کارگر ' +
    '۲ ـ سرکشی به خانواده شهدا، کارگران از کار افتاده و کارگران گرفتار ۳ ـ غبارروبی و گل‌افشانی مزار شهدا',
  '۴ ـ یادواره ۴۱۸ شهید کارگر استان در مرکز استان و در همه شهرستان‌ها ۵ ـ حضور کارگران، کارفرمایان و مدیران واحدهای صنعتی در نماز جمعه ' +
    '۶ ـ مسابقات فرهنگی و ورزشی میان کارگران ۷ ـ بازدید از واحدهای صنعتی و تولیدی موفق و واحدهای دچار مشکل',
  '۸ ـ نشست‌هایی درباره رفع موانع تولید، رابطه کارگر و کارفرما و بصیرت سیاسی ۹ ـ دیدار کارگران با فرماندهان نظامی، ائمه جمعه و مدیران ادارات استان و شهرستان‌ها ' +
    '۱۰ ـ میزهای خدمت اداری ۱۱ ـ کمک معیشتی به کارگران گرفتار و کارگران آسیب‌دیده از مشکلات اقتصادی',
  '۱۲ ـ اردوهای جهادی کار داوطلبانه در واحدهای صنعتی و تولیدی ۱۳ ـ گشایش پایگاه‌های تازه بسیج کارگری و ' +
    '۱۴ ـ دیدار کارگران، کارفرمایان، مدیران صنایع و شورای مشورتی با استاندار.',
].join('\n');

// The Bắc Giang coordination program's areas, restated in our own words, one "1." item a line.
const bacGiangAreas = [
  'Chương trình phối hợp giai đoạn 2018 - 2022 tập trung vào 7 nội dung:',
  '1. Tổ chức đối thoại định kỳ với công nhân lao động;',
  '2. Chăm lo, hỗ trợ công nhân lao động;',
  '3. Phát động các phong trào thi đua;',
  '4. Biểu dương, tôn vinh công nhân lao động;',
  '5. Đào tạo cán bộ công đoàn, cán bộ đoàn và thanh niên công nhân nòng cốt trong doanh nghiệp;',
  '6. Tuyên truyền tới đoàn viên, thanh niên công nhân bằng nhiều hình thức phù hợp;',
  '7. Nâng cấp trang thông tin điện tử của hai tổ chức, lập tài khoản Facebook của Liên đoàn Lao động tỉnh và Tỉnh đoàn',
  'làm diễn đàn cho công nhân lao động, nhất là thanh niên công nhân.',
].join('\n');

describe('parseNumberedList', () => {
  it('splits the Gilan resolutions (Persian "۱ ـ" items run together) into 14 activities', () => {
    const items = parseNumberedList(gilanActivities);
    expect(items).toHaveLength(14);
    expect(items[0]).toMatch(/^همایش استانی روز کارگر/);
    expect(items[1]).toMatch(/^سرکشی به خانواده شهدا/);
    expect(items[2]).toBe('غبارروبی و گل‌افشانی مزار شهدا');
    // "۴۱۸" inside the item is not a number marker.
    expect(items[3]).toBe('یادواره ۴۱۸ شهید کارگر استان در مرکز استان و در همه شهرستان‌ها');
    expect(items[9]).toBe('میزهای خدمت اداری');
    // A dangling "و" before the next number is dropped; the ZWNJ in "پایگاه‌های" is kept.
    expect(items[12]).toBe('گشایش پایگاه‌های تازه بسیج کارگری');
    expect(items[12]).toContain('\u200c');
    expect(items[13]).toBe('دیدار کارگران، کارفرمایان، مدیران صنایع و شورای مشورتی با استاندار');
  });

  it('splits the Bắc Giang areas (Vietnamese "1." lines after a heading with "2018 - 2022") into 7 areas', () => {
    const items = parseNumberedList(bacGiangAreas);
    expect(items).toHaveLength(7);
    expect(items[0]).toBe('Tổ chức đối thoại định kỳ với công nhân lao động');
    expect(items[1]).toBe('Chăm lo, hỗ trợ công nhân lao động');
    expect(items[4]).toMatch(/^Đào tạo cán bộ công đoàn/);
    // The stray line break inside item 7 continues it.
    expect(items[6]).toBe(
      'Nâng cấp trang thông tin điện tử của hai tổ chức, lập tài khoản Facebook của Liên đoàn Lao động tỉnh và Tỉnh đoàn ' +
        'làm diễn đàn cho công nhân lao động, nhất là thanh niên công nhân',
    );
  });

  it('accepts the Persian separators "-", ".", "(n)", "n)" and Arabic-Indic digits', () => {
    expect(parseNumberedList('۱- دیدار\n۲-همایش\n۳. مسابقه\n(۴) میز خدمت\n۵) کمک معیشتی')).toEqual([
      'دیدار',
      'همایش',
      'مسابقه',
      'میز خدمت',
      'کمک معیشتی',
    ]);
    expect(parseNumberedList('١ ـ زيارة ٢ ـ مسابقة ٣ ـ ندوة')).toEqual(['زيارة', 'مسابقة', 'ندوة']);
    expect(parseNumberedList('1 ـ اول 2 ـ دوم')).toEqual(['اول', 'دوم']);
  });

  it('accepts English numbering with "." and ")" and items run together after a colon', () => {
    expect(parseNumberedList('1. Dialogue\n2) Care\n3. Contests')).toEqual(['Dialogue', 'Care', 'Contests']);
    expect(parseNumberedList('Approved: 1. Dialogue with workers; 2. Care for workers; 3. Training.')).toEqual([
      'Dialogue with workers',
      'Care for workers',
      'Training',
    ]);
  });

  it('accepts lettered and bulleted lists', () => {
    expect(parseNumberedList('a) first\nb) second\nc. third')).toEqual(['first', 'second', 'third']);
    expect(parseNumberedList('Areas:\n- dialogue\n• care\n+ emulation\n* training')).toEqual(['dialogue', 'care', 'emulation', 'training']);
    expect(parseNumberedList('- đối thoại\n  tiếp tục dòng\n- chăm lo')).toEqual(['đối thoại tiếp tục dòng', 'chăm lo']);
  });

  it('does not split on numbers inside items that are not the next number', () => {
    expect(parseNumberedList('1. Commemorate the 418 fallen workers\n2. Program 2018–2022 review\n3. Plan for 1401. Done')).toEqual([
      'Commemorate the 418 fallen workers',
      'Program 2018–2022 review',
      'Plan for 1401. Done',
    ]);
    // The number of the next item, but glued to a word ("2-day"), is not a marker in the middle of a line.
    expect(parseNumberedList('1. A 2-day training 2. Visits')).toEqual(['A 2-day training', 'Visits']);
    // A decimal or a time is not a marker.
    expect(parseNumberedList('1. Budget 2.5 million at 10:30 2. Visits')).toEqual(['Budget 2.5 million at 10:30', 'Visits']);
    // A line starting with a range continues the previous item.
    expect(parseNumberedList('1. Review of the years\n2 - 3 counties\n2. Visits')).toEqual([
      'Review of the years 2 - 3 counties',
      'Visits',
    ]);
  });

  it('continues an item across stray line breaks and skips blank lines', () => {
    const text = '\n\n۱ ـ همایش استانی\nروز کارگر\n\n\n۲ ـ دیدار با\n   خانواده‌ها\n\n';
    expect(parseNumberedList(text)).toEqual(['همایش استانی روز کارگر', 'دیدار با خانواده‌ها']);
    expect(parseNumberedList('1. one\r\n\r\n2. two\r\n')).toEqual(['one', 'two']);
  });

  it('drops a heading line and trailing punctuation and whitespace', () => {
    expect(parseNumberedList('مصوبات جلسه:\n۱. اول؛  \n۲. دوم،\t\n۳. سوم...  ')).toEqual(['اول', 'دوم', 'سوم']);
    expect(parseNumberedList('Workers’ Week 1401 program:\n1) one,\n2) two;')).toEqual(['one', 'two']);
  });

  it('starts at a "1" opening a line rather than at a "1 -" inside the heading', () => {
    expect(parseNumberedList("Agenda item 1 - Workers' Week:\n1. Conference\n2. Visits")).toEqual(['Conference', 'Visits']);
    expect(parseNumberedList('دستور ۱ ـ هفتهٔ کارگر:\n۱. همایش\n۲. دیدار')).toEqual(['همایش', 'دیدار']);
  });

  it('gives one item per line when there are no markers, and nothing for empty text', () => {
    expect(parseNumberedList('dialogue\n\ncare\n  training  ')).toEqual(['dialogue', 'care', 'training']);
    expect(parseNumberedList('')).toEqual([]);
    expect(parseNumberedList('  \n\t\n')).toEqual([]);
  });

  it('accepts a list that starts at a number other than one at the start of a line', () => {
    expect(parseNumberedList('5. five\n6. six\n7. seven')).toEqual(['five', 'six', 'seven']);
  });

  it('drops empty items left by a doubled marker', () => {
    expect(parseNumberedList('1.\n2. two\n3. three')).toEqual(['two', 'three']);
  });

  it('returns exactly the items of any generated numbered list, in any of the numbering styles', () => {
    const word = fc.stringMatching(/^[a-zđươ\u0627-\u063a\u0641-\u064a]{1,8}$/);
    // An item ending in a bare conjunction would lose it (documented heuristic), so generated items do not.
    const itemText = fc
      .array(word, { minLength: 1, maxLength: 5 })
      .filter((words) => !['و', 'and', 'và'].includes(words[words.length - 1] ?? ''))
      .map((words) => words.join(' '));
    const persian = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const styles = [
      (n: number) => `${n}. `,
      (n: number) => `${n}) `,
      (n: number) => `${persian(n)} ـ `,
      (n: number) => `${persian(n)}- `,
      (n: number) => `(${persian(n)}) `,
    ];
    fc.assert(
      fc.property(
        fc.array(itemText, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: styles.length - 1 }),
        fc.constantFrom('\n', ' ', '\n\n'),
        (items, style, joiner) => {
          const text = items.map((item, i) => defined(styles[style])(i + 1) + item).join(joiner);
          expect(parseNumberedList(text)).toEqual(items);
        },
      ),
    );
  });
});
