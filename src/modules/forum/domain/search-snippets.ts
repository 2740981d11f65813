// Snippets: the words around a result's first match, each marked when it matches.

/** A word of a snippet, and whether it matched the query. */
export interface SnippetWord {
  word: string;
  hit: boolean;
}

const ZWNJ = '\u200C';
const EDGE_MARKS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * A result's snippet: up to 32 words around the first matching word, each word marked when it matches a
 * query word. The words and their normalized forms (public.uh_normalize, the index's normalization) are
 * stored with the post's search row when it is written (migration 20261123T2113), so a search
 * normalizes nothing per row; the lexemes come from public.uh_search_query; here they are only compared.
 * Markdown marks are dropped; the words are plain text for the view to escape.
 */
export function snippetOf(snippetWords: string | null, snippetNorms: string | null, lexemes: string[]): SnippetWord[] {
  if (snippetWords === null || snippetNorms === null) return [];
  const words = snippetWords.split(' ');
  const norms = snippetNorms.split(' ');
  // unaccent can, rarely, turn one character into several words; then the words are shown unmarked.
  const aligned = norms.length === words.length;
  const hit = (i: number) => {
    if (!aligned) return false;
    // Quick test first: a matching word holds a lexeme once its ZWNJs are removed.
    const word = norms[i];
    if (word === undefined) return false;
    const plain = word.includes(ZWNJ) ? word.replaceAll(ZWNJ, '') : word;
    if (!lexemes.some((l) => plain.includes(l))) return false;
    const norm = word.replace(EDGE_MARKS, '');
    if (norm === '') return false;
    const joined = norm.replaceAll(ZWNJ, '');
    return lexemes.some((l) => joined.startsWith(l) || norm.includes(ZWNJ + l));
  };
  // Only the words up to the first match and the 32 shown are compared (a post may hold hundreds).
  let first = 0;
  while (first < words.length && !hit(first)) first++;
  if (first === words.length) first = 0;
  const start = Math.max(0, first - 8);
  const shown: SnippetWord[] = [];
  for (let i = start; i < Math.min(words.length, start + 32); i++) shown.push({ word: words[i] ?? '', hit: hit(i) });
  return shown.filter((w) => w.word !== '');
}
