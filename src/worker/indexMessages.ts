// The messages between the host's thread and the index thread.
import type { IndexedPaper, IndexHit } from '../core/search/searchIndex';
import type { ThemeDefinition } from '../core/search/themes';
import type { NamedDocument } from '../core/themes/themeNaming';

/**
 * What the extension host asks of its index thread (see `IndexThread`). The thread keeps one
 * search index per library, by the number the host gives it; `add` and `drop` are not answered.
 * `add` sends the papers a `build` or an `update` indexes. The thread also themes a library
 * made afresh (`themeLibrary`), of the documents `addThemed` sends for a `theme`.
 */
export type IndexRequest =
  | { readonly kind: 'restore'; readonly id: number; readonly index: number; readonly file: string }
  | { readonly kind: 'add'; readonly index: number; readonly papers: readonly IndexedPaper[] }
  | { readonly kind: 'build'; readonly id: number; readonly index: number; readonly saveTo?: SavedIndex }
  | { readonly kind: 'update'; readonly id: number; readonly index: number; readonly from: number; readonly laterOf: Int32Array; readonly earlierOf: Int32Array; readonly saveTo?: SavedIndex }
  | { readonly kind: 'search'; readonly id: number; readonly index: number; readonly query: string; readonly limit: number; readonly within?: Uint8Array }
  | { readonly kind: 'drop'; readonly index: number }
  | { readonly kind: 'addThemed'; readonly batch: number; readonly docs: readonly NamedDocument[] }
  | { readonly kind: 'theme'; readonly id: number; readonly batch: number; readonly definitions: readonly ThemeDefinition[]; readonly named?: readonly boolean[] };

/** Where an index is kept between sessions, and the library content it is for. */
export interface SavedIndex {
  readonly file: string;
  readonly contentHash: string;
}

/**
 * What each answered request is answered with: the content the restored index was made from
 * (null for none); that it is built; whether it is updated (not when `from` is no longer the
 * current index); the hits; the themes.
 */
export interface IndexAnswers {
  readonly restore: string | null;
  readonly build: true;
  readonly update: boolean;
  readonly search: readonly IndexHit[];
  readonly theme: ThreadTheming;
}

/** A library's themes as the thread sends them back: each paper's theme as its position in `themes`. */
export interface ThreadTheming {
  readonly themes: readonly ThemeDefinition[];
  readonly themeOf: Int32Array;
}

export type AnsweredRequest = Extract<IndexRequest, { readonly id: number }>;

export type IndexReply = { readonly id: number; readonly value: IndexAnswers[AnsweredRequest['kind']] } | { readonly id: number; readonly error: string };
