// Filters typed in a search (`author:hinton`, `year:2005..2010`, `theme:robot`), read out of the query and applied to the papers.
import type { SearchResult } from '../model/libraryView';
import type { Paper } from '../model/paper';
import type { IndexHit } from './searchIndex';
import { words } from './text';

export interface SearchFilters {
  /** Each filter's words must start words of one author's name. */
  readonly authors: readonly (readonly string[])[];
  /** Inclusive; a paper without a year never passes a year filter. */
  readonly years: readonly { readonly from: number; readonly to: number }[];
  /** Each filter's words must start words of the paper's theme. */
  readonly themes: readonly (readonly string[])[];
}

export interface ParsedSearch {
  /** The query without its filters. */
  readonly text: string;
  /** Undefined when the query has none. */
  readonly filters?: SearchFilters;
}

/** `name:value` or `name:"several words"`; only the names below are filters, so a key like `DBLP:journals/…` stays a word. */
const FILTER = /(^|\s)(author|year|theme):(?:"([^"]*)"?|(\S*))/gi;
const YEARS = /^(\d{4})?(?:\.\.(\d{4})?)?$/;

/** Says how filters are typed, for the search box. */
export const FILTER_HELP = 'author:hinton, year:2009, year:2005..2010, theme:robot';

export function parseSearchQuery(query: string): ParsedSearch {
  const authors: string[][] = [];
  const years: { from: number; to: number }[] = [];
  const themes: string[][] = [];
  const text = query.replace(FILTER, (whole, before: string, name: string, quoted: string | undefined, plain: string | undefined) => {
    const value = quoted ?? plain ?? '';
    const kind = name.toLowerCase();
    if (kind === 'year') {
      const range = YEARS.exec(value);
      if (!range || (!range[1] && !range[2])) return whole; // not a year: searched as words
      const from = range[1] ? Number(range[1]) : -Infinity;
      const to = range[2] ? Number(range[2]) : value.includes('..') ? Infinity : from;
      years.push({ from: Math.min(from, to), to: Math.max(from, to) });
      return before;
    }
    const valueWords = words(value);
    if (valueWords.length === 0) return whole; // `author:` still being typed
    (kind === 'author' ? authors : themes).push(valueWords);
    return before;
  });
  if (authors.length + years.length + themes.length === 0) return { text: query };
  return { text: text.trim(), filters: { authors, years, themes } };
}

/** Whether each of `wanted` starts one of `have`. */
const startsWords = (have: readonly string[], wanted: readonly string[]) => wanted.every((w) => have.some((h) => h.startsWith(w)));

/** What filters read of each paper, in words: made once per library, not again at each keystroke. */
interface FilterFields {
  /** By paper position: each author's name as words. */
  readonly authorWords: readonly (readonly (readonly string[])[])[];
  /** By theme name: its words (a library has few themes); filled as themes are met. */
  readonly themeWords: Map<string, readonly string[]>;
}

const filterFieldsOf = new WeakMap<readonly Paper[], FilterFields>();

function filterFields(papers: readonly Paper[]): FilterFields {
  let fields = filterFieldsOf.get(papers);
  if (!fields) {
    fields = { authorWords: papers.map((paper) => (paper.authors ?? []).map((name) => words(name))), themeWords: new Map() };
    filterFieldsOf.set(papers, fields);
  }
  return fields;
}

/** By paper position, 1 for each paper that passes; what it reads of the papers is made once per array of papers (a library's). */
export function papersPassing(papers: readonly Paper[], { authors, years, themes }: SearchFilters): Uint8Array {
  const { authorWords, themeWords } = filterFields(papers);
  return Uint8Array.from(papers, (paper, at) => {
    if (years.some(({ from, to }) => paper.year === undefined || paper.year < from || paper.year > to)) return 0;
    if (!authors.every((wanted) => authorWords[at].some((name) => startsWords(name, wanted)))) return 0;
    if (themes.length === 0) return 1;
    let theme = themeWords.get(paper.theme);
    if (!theme) themeWords.set(paper.theme, (theme = words(paper.theme)));
    return themes.every((wanted) => startsWords(theme, wanted)) ? 1 : 0;
  });
}

/**
 * A search with its filters applied: the words searched among the papers that pass, or, with
 * filters alone, the papers that pass, newest first.
 */
export async function searchFiltered(
  papers: readonly Paper[],
  query: string,
  limit: number,
  search: (text: string, limit: number, within?: Uint8Array) => Promise<readonly IndexHit[]>,
): Promise<SearchResult[]> {
  const { text, filters } = parseSearchQuery(query);
  const within = filters && papersPassing(papers, filters);
  if (within && !words(text).length) {
    const passing = papers.filter((_, id) => within[id]);
    return passing
      .map((paper, at) => ({ paper, at }))
      .sort((a, b) => (b.paper.year ?? 0) - (a.paper.year ?? 0) || a.at - b.at)
      .slice(0, limit)
      .map(({ paper }) => ({ paper, score: 1, terms: [], queryTerms: [] }));
  }
  return (await search(text, limit, within)).map((hit) => ({ ...hit, paper: papers[hit.id] }));
}
