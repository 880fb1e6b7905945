// TF-IDF term vectors of the papers, shared by themes and related papers.
import type { Work } from '../work/slices';
import { contentTerms, isContentWord, stem, words } from './text';

/** A sparse, L2-normalised TF-IDF vector: term ids in ascending order with their weights. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

export interface TextDocument {
  readonly title: string;
  readonly abstract: string;
}

/** A document's content terms (see `contentTerms`). */
export interface DocumentTerms {
  readonly title: readonly string[];
  readonly abstract: readonly string[];
}

/**
 * A term a document has beside the words of its title and abstract (an author, its venue, a
 * keyword), with its weight before IDF: a word used once weighs 1.
 */
export interface ExtraTerm {
  readonly term: string;
  readonly weight: number;
}

/** A title's terms count twice: a title is a paper's densest summary. */
export const TITLE_COUNTS = 2;

/** A term's weight in a document, from how often it occurs there: a tenth use says less than the first. */
export const termFrequencyWeight = (count: number): number => 1 + Math.log(count);

/** How telling a term is, in `docCount` documents of which `documentFrequency` have it. */
export const inverseDocumentFrequency = (docCount: number, documentFrequency: number): number => Math.log(1 + docCount / documentFrequency);

export function documentTerms(doc: TextDocument): DocumentTerms {
  return { title: contentTerms(doc.title), abstract: contentTerms(doc.abstract) };
}

/**
 * Documents' content terms, kept for as long as the documents are. An update of a large
 * library themes the papers it adds beside a sample of 1,000 papers it kept, mostly the same
 * ones from one update to the next: reading their words again was most of the time that
 * their vectors and themes took (see test/bench/README.md).
 */
export class TermsMemo {
  private readonly kept = new WeakMap<TextDocument, DocumentTerms>();

  of(doc: TextDocument): DocumentTerms {
    let terms = this.kept.get(doc);
    if (!terms) this.kept.set(doc, (terms = documentTerms(doc)));
    return terms;
  }
}

/** Elements per block of an `ArrayPool`: a megabyte. */
const POOL_BLOCK = 1 << 18;

/**
 * Typed arrays cut from shared blocks. For a large library, hundreds of thousands of small
 * arrays each with a buffer of its own made the garbage collector pause for many slices.
 */
export class ArrayPool<T extends Int32Array | Float32Array> {
  private block?: T;
  private used = 0;

  constructor(private readonly make: (length: number) => T) {}

  take(length: number): T {
    if (!this.block || this.used + length > this.block.length) {
      this.block = this.make(Math.max(POOL_BLOCK, length));
      this.used = 0;
    }
    this.used += length;
    return this.block.subarray(this.used - length, this.used) as T;
  }
}

/** TF-IDF vectors of a set of papers, over the vocabulary of that set. */
export class TermSpace {
  private constructor(
    readonly vocabulary: ReadonlyMap<string, number>,
    /** Each term id's term. */
    readonly terms: readonly string[],
    readonly vectors: readonly SparseVector[],
  ) {}

  /**
   * Pauses after each paper, and after each paper's weighting. Reads the documents' terms from
   * `memo` if given; adds to each document the terms `extraTerms` gives it.
   */
  static *build<D extends TextDocument>(docs: readonly D[], memo?: TermsMemo, extraTerms?: (doc: D) => readonly ExtraTerm[]): Work<TermSpace> {
    const vocabulary = new Map<string, number>();
    const terms: string[] = [];
    const documentFrequency: number[] = [];
    // The paper at hand's count of each term, and which terms it has; cleared after each paper.
    const counts: number[] = [];
    const extraWeights: number[] = [];
    const present: number[] = [];
    // Each word's term id, -1 for none: a word is filtered and stemmed once, not at each of its
    // 15 million uses at 100,000 papers.
    const termId = (term: string): number => {
      const id = vocabulary.get(term) ?? terms.length;
      if (id === terms.length) {
        vocabulary.set(term, id);
        terms.push(term);
        documentFrequency.push(0);
        counts.push(0);
        extraWeights.push(0);
      }
      return id;
    };
    const termOfWord = new Map<string, number>();
    const wordTermId = (word: string): number => {
      let id = termOfWord.get(word);
      if (id === undefined) termOfWord.set(word, (id = isContentWord(word) ? termId(stem(word)) : -1));
      return id;
    };
    const countId = (id: number, times: number) => {
      if (counts[id] === 0 && extraWeights[id] === 0) present.push(id);
      counts[id] += times;
    };
    const count = (text: string, times: number) => {
      for (const word of words(text)) {
        const id = wordTermId(word);
        if (id >= 0) countId(id, times);
      }
    };
    const countTerms = (kept: readonly string[], times: number) => {
      for (const term of kept) countId(termId(term), times);
    };
    const vectors: SparseVector[] = [];
    const idArrays = new ArrayPool((length) => new Int32Array(length));
    const weightArrays = new ArrayPool((length) => new Float32Array(length));
    for (const doc of docs) {
      const kept = memo?.of(doc);
      if (kept) {
        countTerms(kept.title, TITLE_COUNTS);
        countTerms(kept.abstract, 1);
      } else {
        count(doc.title, TITLE_COUNTS);
        count(doc.abstract, 1);
      }
      for (const { term, weight } of extraTerms?.(doc) ?? []) {
        const id = termId(term);
        if (counts[id] === 0 && extraWeights[id] === 0) present.push(id);
        extraWeights[id] += weight;
      }
      const ids = idArrays.take(present.length);
      ids.set(present);
      ids.sort();
      const weights = weightArrays.take(ids.length);
      ids.forEach((id, k) => {
        documentFrequency[id]++;
        weights[k] = (counts[id] > 0 ? termFrequencyWeight(counts[id]) : 0) + extraWeights[id];
      });
      for (const id of present) counts[id] = extraWeights[id] = 0;
      present.length = 0;
      vectors.push({ ids, weights });
      yield;
    }
    const idf = documentFrequency.map((df) => inverseDocumentFrequency(docs.length, df));
    for (const vector of vectors) {
      yield;
      weighAndNormalise(vector, idf);
    }
    return new TermSpace(vocabulary, terms, vectors);
  }

  /** Mean of the given vectors, as a dense array over the vocabulary, L2-normalised. */
  centroid(members: readonly number[]): Float32Array {
    const dense = new Float32Array(this.vocabulary.size);
    for (const m of members) {
      const { ids, weights } = this.vectors[m];
      for (let k = 0; k < ids.length; k++) dense[ids[k]] += weights[k];
    }
    let norm = 0;
    for (const w of dense) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < dense.length; k++) dense[k] /= norm;
    return dense;
  }
}

/** Turns a vector of term-frequency weights into TF-IDF, in place: each weight times its term's `idf`, then scaled to unit length. */
export function weighAndNormalise({ ids, weights }: SparseVector, idf: ArrayLike<number>): void {
  let norm = 0;
  for (let k = 0; k < ids.length; k++) {
    weights[k] *= idf[ids[k]];
    norm += weights[k] * weights[k];
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < weights.length; k++) weights[k] /= norm;
}

export function dotDense(v: SparseVector, dense: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < v.ids.length; k++) sum += v.weights[k] * dense[v.ids[k]];
  return sum;
}

/** The `n` heaviest entries of a vector, heaviest first. */
export function strongestTerms(v: SparseVector, n: number): SparseVector {
  const order = [...v.ids.keys()].sort((a, b) => v.weights[b] - v.weights[a]).slice(0, n);
  return { ids: Int32Array.from(order, (k) => v.ids[k]), weights: Float32Array.from(order, (k) => v.weights[k]) };
}
