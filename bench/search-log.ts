import { ENGLISH, PERSIAN, VIETNAMESE } from './seed.ts';

/**
 * A search log for the benchmark: what a forum's readers type, as a list of requests to replay.
 *
 * The distinct queries are built from the seed's words in the three languages, as people type them:
 * one word, two or three neighbouring words (phrases such as "bảo hiểm xã hội"), Vietnamese without its
 * diacritics, Persian with Arabic letters (ي ك) or without the zero-width non-joiner, English in capitals,
 * the first letters of a word, two Persian words written together (found by the fallback) and words with a
 * letter missing (usually nothing found). How often each is asked follows Zipf's law, as query logs do:
 * the query of rank r is asked in proportion to 1 / r^s. Everything is drawn from a fixed seed, so every
 * run replays the same log.
 */
export interface SearchLogOptions {
  /** Distinct queries (default 2,000). */
  distinct?: number;
  /** Requests in the log (default 10,000). */
  length?: number;
  /** Zipf exponent s (default 0.9; query logs measure about 0.6 to 1). */
  skew?: number;
  seed?: number;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const withoutDiacritics = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd').replaceAll('Đ', 'D');
const arabicLetters = (s: string) => s.replaceAll('ی', 'ي').replaceAll('ک', 'ك');

/** Every distinct query the generator can make, in a fixed order. */
function allQueries(next: () => number): SearchLogEntry[] {
  const queries = new Map<string, SearchLogEntry['lang']>();
  const langs = [PERSIAN, VIETNAMESE, ENGLISH] as const;
  const pick = <T>(items: readonly T[]): T => itemAt(items, Math.floor(next() * items.length));
  const phrase = (words: string[], n: number) => {
    const start = Math.floor(next() * (words.length - n + 1));
    return words.slice(start, start + n).join(' ');
  };
  for (let guard = 0; queries.size < 20_000 && guard < 200_000; guard++) {
    const lang = Math.floor(next() * 3);
    const words = itemAt(langs, lang);
    const kind = next();
    let q: string;
    if (kind < 0.35) q = pick(words);
    else if (kind < 0.65) q = phrase(words, 2);
    else if (kind < 0.75) q = phrase(words, 3);
    else if (kind < 0.82) q = pick(words).slice(0, 3 + Math.floor(next() * 2));
    else if (kind < 0.9) {
      const word = pick(words);
      const cut = 1 + Math.floor(next() * (word.length - 1));
      q = word.slice(0, cut) + word.slice(cut + 1);
    } else q = `${pick(words)} ${pick(words)}`;
    if (lang === 1 && next() < 0.5) q = withoutDiacritics(q);
    if (lang === 0 && next() < 0.3) q = next() < 0.5 ? arabicLetters(q) : q.replaceAll('\u200C', '');
    if (lang === 0 && kind >= 0.9 && next() < 0.3) q = q.replace(' ', '');
    if (lang === 2 && next() < 0.2) q = q.toUpperCase();
    if (q.trim() && !queries.has(q.trim())) queries.set(q.trim(), itemAt(LANGS, lang));
  }
  return [...queries].map(([q, lang]) => ({ q, lang }));
}

const LANGS = ['fa', 'vi', 'en'] as const;

/** The item at an index known to be in range (throws rather than let `undefined` into the log). */
function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item at ${index} of ${items.length}`);
  return item;
}

/** A search as a reader makes it: the words, and the language of the page they search from (the words' own). */
export interface SearchLogEntry {
  q: string;
  lang: (typeof LANGS)[number];
}

/** `count` different queries (the words allow about 15,000), each once: a log no cache can answer. */
export function distinctQueries(count: number, seed = 20261123): SearchLogEntry[] {
  return allQueries(random(seed)).slice(0, count);
}

/** The log: `length` queries drawn by Zipf's law from `distinct` distinct ones. */
export function searchLog(options: SearchLogOptions = {}): SearchLogEntry[] {
  const { distinct = 2_000, length = 10_000, skew = 0.9, seed = 20261123 } = options;
  const next = random(seed);
  const queries = allQueries(next).slice(0, distinct);
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= queries.length; rank++) cumulative.push((total += 1 / rank ** skew));
  const log: SearchLogEntry[] = [];
  for (let i = 0; i < length; i++) {
    const x = next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemAt(cumulative, mid) < x) lo = mid + 1;
      else hi = mid;
    }
    log.push(itemAt(queries, lo));
  }
  return log;
}
