// The fallback's word splitter: a query word written together, cut into indexed words.

/** Shortest query word the fallback respells or splits (shorter ones are prefixes of too many words). */
export const FUZZY_MIN_LENGTH = 4;

/** Longest query word the fallback splits into indexed words (longer ones are only respelt). */
export const SPLIT_MAX_LENGTH = 32;
/** Longest piece of such a split. */
const SPLIT_PIECE_MAX_LENGTH = 24;
/** Most pieces in a split ("کاروکارگری": three). */
const SPLIT_MAX_PIECES = 4;

/** A word's characters (code points, not UTF-16 units). */
export const chars = (s: string) => Array.from(s);
/** Every piece of a word up to SPLIT_PIECE_MAX_LENGTH characters (candidates for indexed words). */
export const substrings = (word: string) => {
  const c = chars(word);
  const all = new Set<string>();
  for (let i = 0; i < c.length; i++)
    for (let j = i + 1; j <= Math.min(c.length, i + SPLIT_PIECE_MAX_LENGTH); j++) all.add(c.slice(i, j).join(''));
  return all;
};
/** Every ending of a word (candidates for the start of an indexed word). */
export const suffixes = (word: string) => chars(word).map((_, i, c) => c.slice(i).join(''));
/** A word as a tsquery prefix term, quoted. */
export const prefixTerm = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}':*`;

/**
 * Splits a word written together into indexed words, fewest pieces first: every piece an indexed word,
 * the last one the start of an indexed word (each query word is a prefix). Null when there is no split.
 */
export function splitIntoWords(word: string, isWord: (piece: string) => boolean, isWordStart: (piece: string) => boolean): string[] | null {
  const c = chars(word);
  if (c.length < FUZZY_MIN_LENGTH || c.length > SPLIT_MAX_LENGTH) return null;
  const best: Array<string[] | undefined> = [[]];
  for (let end = 1; end <= c.length; end++) {
    for (let start = Math.max(0, end - SPLIT_PIECE_MAX_LENGTH); start < end; start++) {
      const before = best[start];
      if (!before || before.length >= SPLIT_MAX_PIECES) continue;
      const piece = c.slice(start, end).join('');
      if (!(end === c.length ? isWord(piece) || isWordStart(piece) : isWord(piece))) continue;
      const current = best[end];
      if (!current || before.length + 1 < current.length) best[end] = [...before, piece];
    }
  }
  const split = best[c.length];
  return split && split.length > 1 ? split : null;
}
