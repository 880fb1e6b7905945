// What the features read of a library (`LibraryView`), and the shapes its answers take.
import type { IndexedPaper, IndexHit } from '../search/searchIndex';
import type { ThemeDefinition } from '../search/themes';
import type { LibraryDiagnostic, Paper } from './paper';

/**
 * A loaded library as the features see it: its papers, keys, themes, search and related
 * papers. How it is made, cached and updated is `PaperLibrary`'s, and the host's.
 */
export interface LibraryView {
  readonly papers: readonly Paper[];
  readonly diagnostics: readonly LibraryDiagnostic[];
  /** The themes that have papers, in definition order. */
  readonly themes: readonly ThemeDefinition[];
  /** The first paper with the key, in file order. */
  paperByKey(key: string): Paper | undefined;
  /** Every paper with the key: more than one when library files share it. */
  papersByKey(key: string): Paper[];
  /** Papers grouped by theme, themes in definition order, empty themes left out. */
  themeGroups(): readonly ThemeGroup[];
  /** Whether the search index is made yet; searching before makes it at once. */
  readonly hasIndex: boolean;
  /** Best first. */
  search(query: string, limit?: number): Promise<SearchResult[]>;
  /** The papers a reader of `paper` should look at next, most related first. */
  relatedTo(paper: Paper, limit?: number): RelatedPaper[];
}

/** How a library was made from an earlier one (`LibraryOptions.earlier`): how many entries it added, and removed. */
export interface LibraryUpdate {
  readonly added: number;
  readonly removed: number;
}

/** What an update hands the search index: where each earlier paper is now and each paper was (see `EntryChanges`), and the papers added. */
export interface IndexUpdate {
  readonly from: IndexSearcher;
  readonly laterOf: Int32Array;
  readonly earlierOf: Int32Array;
  readonly added: readonly IndexedPaper[];
}

export interface SearchResult {
  readonly paper: Paper;
  readonly score: number;
  /** Words of the paper that matched the query (lower case), for highlighting. */
  readonly terms: readonly string[];
  readonly queryTerms: readonly string[];
}

/**
 * A library's search index kept elsewhere (in the extension host, a worker thread, so that
 * restoring, building and searching it never hold the host's thread): it answers by position.
 */
export interface IndexSearcher {
  /** `within`: by position, 1 for each paper that may be found. */
  search(query: string, limit: number, within?: Uint8Array): Promise<readonly IndexHit[]>;
}

export interface RelatedPaper {
  readonly paper: Paper;
  readonly score: number;
}

export interface ThemeGroup {
  readonly theme: ThemeDefinition;
  /** Sorted by title. */
  readonly papers: readonly Paper[];
}

