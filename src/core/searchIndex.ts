import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { foldAccents, STOP_WORDS } from './text';

/** What the index holds of a paper; `id` is the paper's position in the library. */
export interface IndexedPaper {
  readonly id: number;
  readonly title: string;
  readonly abstract: string;
  readonly key: string;
  readonly theme: string;
}

export interface IndexHit {
  /** Position of the paper in the library. */
  readonly id: number;
  readonly score: number;
  /** Words of the paper that matched (lower case), for highlighting. */
  readonly terms: readonly string[];
  /** Words of the query, as the index understood them. */
  readonly queryTerms: readonly string[];
}

/**
 * Stop words are neither indexed nor searched: they match nearly every abstract, so they
 * only add work and noise (and make the index larger to store and load).
 */
function processTerm(term: string): string | null {
  const folded = foldAccents(term.toLowerCase());
  return STOP_WORDS.has(folded) ? null : folded;
}

/**
 * Prefix matching for every word of three letters or more, so a title cut short (or any
 * word typed in part) still finds the paper; typo tolerance from four letters on, where one
 * wrong letter is still recognisably the same word.
 */
const SEARCH_OPTIONS: SearchOptions = {
  boost: { title: 3, key: 2, theme: 1, abstract: 1 },
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
  combineWith: 'OR',
};

const INDEX_OPTIONS: Options<IndexedPaper> = {
  idField: 'id',
  fields: ['title', 'abstract', 'key', 'theme'],
  storeFields: [],
  processTerm,
  searchOptions: SEARCH_OPTIONS,
  // The word being typed is a prefix however short it is.
  autoSuggestOptions: { ...SEARCH_OPTIONS, prefix: (term, i, terms) => i === terms.length - 1 || term.length >= 3, combineWith: 'AND' },
};

/** Full-text search over the library with MiniSearch: title boosted, prefix and typo tolerant. */
export class PaperIndex {
  private constructor(private readonly miniSearch: MiniSearch<IndexedPaper>) {}

  static build(papers: readonly IndexedPaper[]): PaperIndex {
    const miniSearch = new MiniSearch<IndexedPaper>(INDEX_OPTIONS);
    miniSearch.addAll(papers);
    return new PaperIndex(miniSearch);
  }

  /** Restores an index saved with `toJSON`, without re-indexing. */
  static fromJSON(json: string): PaperIndex {
    return new PaperIndex(MiniSearch.loadJSON<IndexedPaper>(json, INDEX_OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.miniSearch);
  }

  get size(): number {
    return this.miniSearch.documentCount;
  }

  /** Best first; at most `limit` hits. */
  search(query: string, limit = 20): IndexHit[] {
    return this.miniSearch
      .search(query)
      .slice(0, limit)
      .map((r) => ({ id: r.id as number, score: r.score, terms: r.terms, queryTerms: r.queryTerms }));
  }

  /** Completions of what the user is typing, as whole queries, best first. */
  suggest(query: string, limit = 10): string[] {
    return this.miniSearch
      .autoSuggest(query)
      .slice(0, limit)
      .map((s) => s.suggestion);
  }
}
