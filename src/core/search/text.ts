/** Small text helpers shared by keys, themes, related papers and the search index. */

/** English function words and paper boilerplate that carry no topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could do does did for from has have had how i if in into is it its ' +
    'may might more most no not of on or our over so such than that the their them then there these they this those ' +
    'through to toward towards under up upon us via was we were what when where which while who whose why will with ' +
    'within without would you your'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a text, in order, accents folded (`Müller` → `muller`). */
export function words(text: string): string[] {
  // Plain ASCII text (most of it) by the same rules in ASCII terms: Unicode classes are slower to match.
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    return (lower.includes("'") ? lower.replace(/([a-z])'([a-z])/g, '$1$2') : lower).match(ASCII_WORD) ?? [];
  }
  // `Giant's` is one word, not `giant` and `s`.
  return foldAccents(text).toLowerCase().replace(/(\p{L})['’](\p{L})/gu, '$1$2').match(WORD) ?? [];
}

/** `WORD` in ASCII text once in lower case. */
const ASCII_WORD = /[a-z0-9]+/g;

/** The words of `text` run together, as `words(text).join('')` but without making the words. */
export function wordsRunTogether(text: string): string {
  return foldAccents(text).toLowerCase().replace(NOT_WORD, '');
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

export function foldAccents(text: string): string {
  // Most text is plain ASCII: skipping normalisation for it makes indexing 100k papers much faster.
  return ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** Plain ASCII text: read by faster rules than Unicode classes, to the same result. */
// eslint-disable-next-line no-control-regex
export const ASCII = /^[\u0000-\u007f]*$/;

/**
 * A light plural-folding stemmer: enough for `robots`/`robot` and `abilities`/`ability`
 * to meet, without the surprises of a full Porter stemmer on technical words.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|ys)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words that say what a text is about: no stop words, no lone digits, plurals folded. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (isContentWord(w)) out.push(stem(w));
  return out;
}

/** Whether a word, as `words` gives it, says what a text is about: no stop word, lone letter or number. */
export function isContentWord(word: string): boolean {
  // The number test only for a word starting with a digit: it is asked of millions of words.
  const first = word.charCodeAt(0);
  return word.length >= 2 && !STOP_WORDS.has(word) && !(first >= 48 && first <= 57 && /^\d+$/.test(word));
}

/** FNV-1a 32-bit hash as 8 hex digits: stable across runs and platforms. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export interface WordSpan {
  /** As `words()` would give it: folded, lower case, apostrophes dropped. */
  readonly word: string;
  /** Offsets of the word in the text as written, end exclusive. */
  readonly start: number;
  readonly end: number;
}

const WORD_AS_WRITTEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

/** The words of a text with where they stand in it, for matching phrases in notes. */
export function wordSpans(text: string, from = 0, to = text.length): WordSpan[] {
  const part = text.slice(from, to);
  if (ASCII.test(part)) return asciiWordSpans(part, from);
  const spans: WordSpan[] = [];
  for (const m of part.matchAll(WORD_AS_WRITTEN)) {
    const word = foldAccents(m[0]).toLowerCase().replace(/['’]/g, '');
    spans.push({ word, start: from + m.index, end: from + m.index + m[0].length });
  }
  return spans;
}

/**
 * `wordSpans` of plain ASCII text, read character by character by the same rule (letters and
 * digits, and an apostrophe between two of them): theme naming reads hundreds of abstracts so.
 */
function asciiWordSpans(part: string, from: number): WordSpan[] {
  const spans: WordSpan[] = [];
  const n = part.length;
  for (let i = 0; i < n; ) {
    if (!isAsciiWordChar(part.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let apostrophe = false;
    for (;;) {
      while (i < n && isAsciiWordChar(part.charCodeAt(i))) i++;
      if (i + 1 >= n || part.charCodeAt(i) !== APOSTROPHE || !isAsciiWordChar(part.charCodeAt(i + 1))) break;
      apostrophe = true;
      i++;
    }
    const lower = part.slice(start, i).toLowerCase();
    spans.push({ word: apostrophe ? lower.replace(/'/g, '') : lower, start: from + start, end: from + i });
  }
  return spans;
}

const APOSTROPHE = 39;

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
