import type { BenchCase } from '../lib.ts';

// Common and rare words, prefixes, Vietnamese typed without diacritics, Persian with and without ZWNJ,
// and words written together (the trigram fallback).
const QUERIES = ['کارگر', 'worker', 'cong nhan', 'bảo hiểm', 'insurance overtime', 'میرویم', 'می‌خواهیم', 'xin hoi', 'kar', 'حقوق ماه', 'tai nan lao dong', 'pension', 'کارفرمامشکلات', 'dormitory canteen', 'گیلان', 'Bắc Giang'];

/** An anonymous reader searching the forum (search page, rotating queries). */
export const benchCase: BenchCase = {
  name: 'search',
  order: 13,
  floor: 'floor_http_topic_page',
  run(ctx) {
    const langs = ['fa', 'vi', 'en'];
    return ctx.load(QUERIES.map((q, i) => ({ path: `/${langs[i % 3]}/forum/search?q=${encodeURIComponent(q)}` })));
  },
};
