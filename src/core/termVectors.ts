import type { Work } from './slices';
import { isContentWord, stem, words } from './text';

/** A sparse, L2-normalised TF-IDF vector: term ids in ascending order with their weights. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

export interface TextDocument {
  readonly title: string;
  readonly abstract: string;
}

/** Elements per block of an `ArrayPool`: a megabyte. */
const POOL_BLOCK = 1 << 18;

/**
 * Typed arrays cut from shared blocks. At 100,000 papers, 200,000 small arrays each with a
 * buffer of its own made the garbage collector pause for up to 167 ms in the core.
 */
class ArrayPool<T extends Int32Array | Float32Array> {
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

  /** Pauses after each paper, and after each paper's weighting. */
  static *build(docs: readonly TextDocument[]): Work<TermSpace> {
    const vocabulary = new Map<string, number>();
    const terms: string[] = [];
    const documentFrequency: number[] = [];
    // The paper at hand's count of each term, and which terms it has; cleared after each paper.
    const counts: number[] = [];
    const present: number[] = [];
    // Each word's term id, -1 for none: a word is filtered and stemmed once, not at each of its
    // 15 million uses at 100,000 papers.
    const termOfWord = new Map<string, number>();
    const termId = (word: string): number => {
      let id = termOfWord.get(word);
      if (id !== undefined) return id;
      const term = isContentWord(word) ? stem(word) : undefined;
      id = term === undefined ? -1 : (vocabulary.get(term) ?? terms.length);
      if (id === terms.length) {
        vocabulary.set(term!, id);
        terms.push(term!);
        documentFrequency.push(0);
        counts.push(0);
      }
      termOfWord.set(word, id);
      return id;
    };
    const count = (text: string, times: number) => {
      for (const word of words(text)) {
        const id = termId(word);
        if (id < 0) continue;
        if (counts[id] === 0) present.push(id);
        counts[id] += times;
      }
    };
    const vectors: SparseVector[] = [];
    const idArrays = new ArrayPool((length) => new Int32Array(length));
    const weightArrays = new ArrayPool((length) => new Float32Array(length));
    for (const doc of docs) {
      // Title terms count twice: a title is a paper's densest summary.
      count(doc.title, 2);
      count(doc.abstract, 1);
      const ids = idArrays.take(present.length);
      ids.set(present);
      ids.sort();
      const weights = weightArrays.take(ids.length);
      ids.forEach((id, k) => {
        documentFrequency[id]++;
        weights[k] = 1 + Math.log(counts[id]);
      });
      for (const id of present) counts[id] = 0;
      present.length = 0;
      vectors.push({ ids, weights });
      yield;
    }
    const idf = documentFrequency.map((df) => Math.log(1 + docs.length / df));
    for (const { ids, weights } of vectors) {
      yield;
      let norm = 0;
      for (let k = 0; k < ids.length; k++) {
        weights[k] *= idf[ids[k]];
        norm += weights[k] * weights[k];
      }
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < weights.length; k++) weights[k] /= norm;
    }
    return new TermSpace(vocabulary, terms, vectors);
  }

  /** The `n` terms that say most about a paper: highest TF-IDF weight first. */
  strongestTerms(doc: number, n: number): string[] {
    const { ids } = strongestTerms(this.vectors[doc], n);
    return Array.from(ids, (id) => this.terms[id]);
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
