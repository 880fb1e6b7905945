// Reads pandoc's citation syntax at a place in a text: `[see @a, p. 3; -@b]`, `@a`, `@a [p. 3]`.
import { PANDOC_KEY } from '../model/citationKey';

/** One cited paper in a citation, with what pandoc reads around its key. */
export interface CitedItem {
  readonly key: string;
  /** Text before the key (`see`), trimmed; may be empty. */
  readonly prefix: string;
  /** Text after the key and its locator (`and elsewhere`), as written after them; may be empty. */
  readonly suffix: string;
  /** `33-35` in `pp. 33-35`; with `label`, the CSL locator. */
  readonly locator?: string;
  /** The CSL locator label (`page`, `chapter`, …): what `p.`, `ch.` and their kin stand for. */
  readonly label?: string;
  /** `-@key`: the author is left out, as it is named in the prose. */
  readonly suppressAuthor: boolean;
}

/** A citation as written: one or more cited items, in brackets or in the text. */
/** A plain `[@key]`: what a bibliography or a hover formats one paper as. */
export function keyCitation(key: string): CitationCluster {
  return { items: [{ key, prefix: '', suffix: '', suppressAuthor: false }], inText: false };
}

export interface CitationCluster {
  readonly items: readonly CitedItem[];
  /** `@key` or `@key [p. 3]`: written in the prose, the author outside any brackets. */
  readonly inText: boolean;
}

export interface ParsedCitation {
  readonly cluster: CitationCluster;
  /** Offset just past the citation in the text it was read from. */
  readonly end: number;
}

/** `@key` or `@{key}` at a place (sticky): the same key grammar as the note scanner's. */
const KEY_AT = new RegExp(`@(?:\\{([^{}\\n\\r]+)\\}|(${PANDOC_KEY.source.slice(1, -1)}))`, 'uy');

/** `@` after one of these is an e-mail address or a handle inside a word, not a citation. */
const WORD_BEFORE = /[\p{L}\p{N}_.+\\]/u;

/** A bracketed citation longer than this is not one: the scan of a bracket stays bounded. */
const MAX_BRACKET = 4000;

/** The locator labels pandoc understands in English, singular and plural, long and short, by CSL label. */
const LOCATOR_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    book: ['bk.', 'bks.', 'book', 'books'],
    chapter: ['ch.', 'chs.', 'chap.', 'chaps.', 'chapter', 'chapters'],
    column: ['col.', 'cols.', 'column', 'columns'],
    figure: ['fig.', 'figs.', 'figure', 'figures'],
    folio: ['fol.', 'fols.', 'folio', 'folios'],
    issue: ['no.', 'nos.', 'number', 'numbers'],
    line: ['l.', 'll.', 'line', 'lines'],
    note: ['n.', 'nn.', 'note', 'notes'],
    opus: ['op.', 'opp.', 'opus', 'opera'],
    page: ['p.', 'pp.', 'page', 'pages'],
    paragraph: ['para.', 'paras.', 'paragraph', 'paragraphs', '¶', '¶¶'],
    part: ['pt.', 'pts.', 'part', 'parts'],
    section: ['sec.', 'secs.', 'section', 'sections', '§', '§§'],
    'sub-verbo': ['s.v.', 's.vv.', 'sub verbo', 'sub verbis'],
    verse: ['v.', 'vv.', 'verse', 'verses'],
    volume: ['vol.', 'vols.', 'volume', 'volumes'],
  }).flatMap(([label, terms]) => terms.map((term) => [term, label])),
);

/** Longest first, so that `pp.` wins over `p.` and `chapter` over `ch.`. */
const LABEL_TERMS = Object.keys(LOCATOR_LABELS).sort((a, b) => b.length - a.length);

/** A locator value: numbers, roman numerals or words joined by ranges and lists (`33-35`, `iv`, `3, 5-7`). */
const LOCATOR_VALUE = /^(?:\{([^{}]*)\}|([\p{N}ivxlcdmIVXLCDM]+[a-z]?(?:(?:\s*[-–—&]\s*|,\s*(?=[\p{N}]))[\p{N}ivxlcdmIVXLCDM]+[a-z]?)*))/u;

/** Whether `@` at `at` may start a citation: not inside a word (`me@host`) nor escaped (`\@`). */
export function citationMayStartAt(text: string, at: number): boolean {
  const before = text[at - 1] ?? ' ';
  if (before === '-') return !WORD_BEFORE.test(text[at - 2] ?? ' ') && text[at - 2] !== '-';
  return !WORD_BEFORE.test(before);
}

/**
 * The bracketed citation that starts at `text[start] === '['`, when it is one: every
 * `;`-separated part cites one key, and it is not a link (`[@a](url)`, `[@a][ref]`). Never throws.
 */
export function bracketCitationAt(text: string, start: number): ParsedCitation | undefined {
  if (text[start] !== '[') return undefined;
  const close = matchingBracket(text, start);
  if (close < 0) return undefined;
  if (text[close + 1] === '(' || text[close + 1] === '[') return undefined;
  const inner = text.slice(start + 1, close);
  if (!inner.includes('@')) return undefined;
  const items: CitedItem[] = [];
  for (const part of splitParts(inner)) {
    const item = itemOf(part);
    if (!item) return undefined;
    items.push(item);
  }
  return { cluster: { items, inText: false }, end: close + 1 };
}

/**
 * The in-text citation that starts at `text[start] === '@'`: the key, and a following
 * bracket with no key in it (`@a [p. 3]`) as its locator and suffix. The caller checks
 * what comes before the `@` (see `citationMayStartAt`). Never throws.
 */
export function inTextCitationAt(text: string, start: number): ParsedCitation | undefined {
  KEY_AT.lastIndex = start;
  const match = KEY_AT.exec(text);
  if (!match) return undefined;
  const key = match[1] ?? match[2];
  let end = start + match[0].length;
  let after = '';
  const bracket = text[end] === '[' ? end : text[end] === ' ' && text[end + 1] === '[' ? end + 1 : -1;
  if (bracket >= 0) {
    const close = matchingBracket(text, bracket);
    const inner = close < 0 ? '' : text.slice(bracket + 1, close);
    if (close >= 0 && !inner.includes('@') && text[close + 1] !== '(' && text[close + 1] !== '[') {
      after = inner;
      end = close + 1;
    }
  }
  return { cluster: { items: [{ key, prefix: '', suppressAuthor: false, ...locatorAndSuffix(after) }], inText: true }, end };
}

/** The `]` that closes the bracket at `start`, nested brackets and escapes respected; -1 when none near. */
function matchingBracket(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + MAX_BRACKET);
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** The parts of a bracket's text between top-level `;`s. */
function splitParts(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ';' && depth === 0) {
      parts.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(inner.slice(from));
  return parts;
}

/** One part of a bracketed citation: prefix, `@key` or `-@key`, then locator and suffix. */
function itemOf(part: string): CitedItem | undefined {
  for (let at = part.indexOf('@'); at >= 0; at = part.indexOf('@', at + 1)) {
    const suppressAuthor = part[at - 1] === '-';
    const keyStart = suppressAuthor ? at - 1 : at;
    // In a bracket, the key starts the part or follows a space: `[see @a]`, `[@a]`, `[-@a]`.
    if (keyStart > 0 && !/\s/.test(part[keyStart - 1])) continue;
    KEY_AT.lastIndex = at;
    const match = KEY_AT.exec(part);
    if (!match) continue;
    const key = match[1] ?? match[2];
    return { key, prefix: part.slice(0, keyStart).trim(), suppressAuthor, ...locatorAndSuffix(part.slice(at + match[0].length)) };
  }
  return undefined;
}

/** What follows a key: `, pp. 33-35 and elsewhere` → locator `33-35` (page), suffix ` and elsewhere`. */
export function locatorAndSuffix(after: string): Pick<CitedItem, 'locator' | 'label' | 'suffix'> {
  const rest = after.replace(/^,?\s*/, '');
  const lower = rest.toLowerCase();
  // A term that ends in a letter must end a word there: `pages 3` reads `pages`, `pagination` none.
  const term = LABEL_TERMS.find((t) => lower.startsWith(t) && !(/\p{L}$/u.test(t) && /^\p{L}/u.test(rest.slice(t.length))));
  const afterTerm = term ? rest.slice(term.length).replace(/^\s*/, '') : rest;
  const value = LOCATOR_VALUE.exec(afterTerm);
  // A locator needs a value; without a label it must start with a digit (`, 33` is a page).
  if (value && (term || /^[\p{N}{]/u.test(afterTerm))) {
    const locator = (value[1] ?? value[2]).trim();
    const suffix = afterTerm.slice(value[0].length);
    // A value must end at a word's end: `p. 3rd edition` reads `3rd`, not `3r`.
    if (!/^[\p{L}\p{N}]/u.test(suffix)) return { locator, label: term ? LOCATOR_LABELS[term] : 'page', suffix: suffix.trimEnd() };
  }
  return { suffix: after.trim() ? after.trimEnd() : '' };
}
