/**
 * Turns a pasted list (numbered, lettered or bulleted) into one string per item.
 *
 * Officials paste lists from news pages, minutes and agreements: Persian lists numbered "۱ ـ", "۲-", "۳.",
 * "(۴)" or "۵)", often run together on one line; Vietnamese and English lists numbered "1.", "2)", "a)" or
 * bulleted "-", "•", "+"; with stray line breaks inside items and a heading line before the list.
 *
 * Rules, chosen so that numbers inside an item ("418 fallen workers", "2018–2022", "1401") never split it:
 * - A numbered list starts at a "1" at the start of a line; failing that, at a number (1–99) at the start of a
 *   line or a "1" with a separator in the middle of a line ("Approved: 1 ـ ..."). After item n, only the number n+1 followed by a numbering separator starts
 *   a new item; in the middle of a line the separator must also be followed by a space (or be the Persian
 *   kashida "ـ"), so "2-day training" stays inside item 1.
 * - Lettered lists (a), b.) and bulleted lists (-, •, +, *) start items only at the start of a line.
 * - A line that starts no new item continues the previous item. Text before the first item is a heading and
 *   is dropped. Text with no markers at all gives one item per non-empty line.
 * - Whitespace is collapsed, trailing punctuation and a dangling "و"/"and"/"và" before the next number are
 *   dropped; the zero-width non-joiner (نیم‌فاصله) is kept.
 */
export function parseNumberedList(text: string): string[] {
  const source = text.replace(/\r\n?|\u2028|\u2029/g, '\n');
  // Same length as source (one UTF-16 unit per digit), so indices found in `scan` slice `source` directly.
  const scan = toAsciiDigits(source);
  const markers = findListMarkers(scan);
  if (markers.length === 0) {
    return source
      .split('\n')
      .map((line) => cleanItem(line, false))
      .filter((item) => item !== '');
  }
  const items: string[] = [];
  markers.forEach((marker, i) => {
    const next = markers[i + 1];
    const item = cleanItem(source.slice(marker.end, next ? next.start : source.length), next !== undefined);
    if (item !== '') items.push(item);
  });
  return items;
}

interface Marker {
  start: number;
  end: number;
}

interface NumberCandidate extends Marker {
  value: number;
  atLineStart: boolean;
  /** Followed by whitespace, or uses the kashida separator ("۱ ـ"), so safe in the middle of a line. */
  strong: boolean;
}

const SEPARATOR = String.raw`(?:[.)\-\u2010\u2011\u2012\u2013\u2014:\u0640]+)`;
const DASHES = /[-\u2010\u2011\u2012\u2013\u2014]/;
// A number not glued to a preceding letter or digit: "(4)" or "4" + separator. Scanned on ASCII digits.
const NUMBER_MARKER = new RegExp(
  String.raw`(?<![\p{L}\p{N}\p{M}])(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})[ \t\u00a0]*(${SEPARATOR}))(?!\p{N})`,
  'gu',
);
const BULLET_LINE = /^[ \t\u00a0\u200e\u200f]*([-•+*·▪●○◦‣\u2013\u2014])[ \t\u00a0]+/gmu;
const LETTER_LINE = /^[ \t\u00a0\u200e\u200f]*\(?([a-zA-Z])[.)][ \t\u00a0]+/gmu;

function findListMarkers(scan: string): Marker[] {
  const numbers = numberCandidates(scan);
  const bullets = lineMarkers(scan, BULLET_LINE);
  const letters = lineMarkers(scan, LETTER_LINE).filter((m) => m.value !== undefined);

  // A "1" at the start of a line wins over one in the middle of a heading ("Item 1 - Workers' Week:\n1. ...");
  // otherwise the list starts at the first line-start number (1–99) or mid-line "1" with a separator.
  const firstNumber =
    numbers.find((c) => c.atLineStart && c.value === 1) ??
    numbers.find((c) => (c.atLineStart && c.value >= 1 && c.value <= 99) || (c.value === 1 && c.strong));
  const firstBullet = bullets[0];
  const firstLetter = letters.find((m) => m.letter === 'a' || m.letter === 'A');
  const starts = [
    firstNumber ? { kind: 'number' as const, at: firstNumber.start, number: firstNumber } : undefined,
    firstBullet ? { kind: 'bullet' as const, at: firstBullet.start } : undefined,
    firstLetter ? { kind: 'letter' as const, at: firstLetter.start, letter: firstLetter } : undefined,
  ].filter((s) => s !== undefined);
  starts.sort((a, b) => a.at - b.at);
  const first = starts[0];
  if (!first) return [];

  if (first.kind === 'bullet') return bullets;
  if (first.kind === 'letter') {
    const chosen: Marker[] = [first.letter];
    let expected = first.letter.letter.charCodeAt(0) + 1;
    for (const m of letters) {
      if (m.start <= first.letter.start) continue;
      if (m.letter.charCodeAt(0) === expected) {
        chosen.push(m);
        expected++;
      }
    }
    return chosen;
  }
  const chosen: Marker[] = [first.number];
  let expected = first.number.value + 1;
  for (const c of numbers) {
    if (c.start <= first.number.start) continue;
    if (c.value === expected && (c.atLineStart || c.strong)) {
      chosen.push(c);
      expected++;
    }
  }
  return chosen;
}

function numberCandidates(scan: string): NumberCandidate[] {
  const found: NumberCandidate[] = [];
  for (const match of scan.matchAll(NUMBER_MARKER)) {
    const start = match.index;
    const end = start + match[0].length;
    const separator = match[3] ?? ')';
    const after = scan.slice(end);
    // "2018 – 2022", "3 - 5 days": a dash followed by a number is a range, not numbering.
    if (DASHES.test(separator) && !separator.includes('\u0640') && /^\s*\p{N}/u.test(after)) continue;
    found.push({
      start,
      end,
      value: Number(match[1] ?? match[2]),
      atLineStart: isLineStart(scan, start),
      strong: separator.includes('\u0640') || /^[ \t\u00a0]/.test(after),
    });
  }
  return found;
}

function lineMarkers(scan: string, pattern: RegExp): Array<Marker & { letter: string; value?: number }> {
  const found: Array<Marker & { letter: string; value?: number }> = [];
  for (const match of scan.matchAll(pattern)) {
    found.push({ start: match.index, end: match.index + match[0].length, letter: match[1] ?? '', value: 0 });
  }
  return found;
}

function isLineStart(scan: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const ch = scan.charAt(i);
    if (ch === '\n') return true;
    if (!/[ \t\u00a0\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(ch)) return false;
  }
  return true;
}

function toAsciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

function cleanItem(raw: string, followedByAnother: boolean): string {
  let item = raw
    .replace(/[\s\u200e\u200f]+/gu, ' ')
    .trim()
    // A separator left over from a doubled marker such as "۱ ـ ـ".
    .replace(/^[\u0640\-\u2013\u2014:.)]+\s*/u, '');
  for (let previous = ''; previous !== item;) {
    previous = item;
    item = item.replace(/[\s,;:.،؛。…]+$/u, '');
    if (followedByAnother) item = item.replace(/[\s,;،؛](?:و|and|và)$/iu, '');
  }
  return item.trim();
}
