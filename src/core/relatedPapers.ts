import type { Work } from './slices';
import { strongestTerms, type SparseVector, type TermSpace } from './termVectors';

export interface RelatedHit {
  /** Position of the paper in the library. */
  readonly id: number;
  /** Cosine similarity of the two papers' TF-IDF vectors, with the same-theme bonus. */
  readonly score: number;
}

/** How many of a paper's most telling terms are used to find its neighbours. */
const QUERY_TERMS = 24;
/** A reader of a paper looks next at its theme: neighbours in the same theme rank higher. */
const SAME_THEME_BONUS = 2.5;

/**
 * Content-based related papers: cosine similarity over TF-IDF vectors, computed through an
 * inverted index from the paper's strongest terms, so it stays fast at 100,000 papers.
 */
export class RelatedPapers {
  private constructor(
    private readonly space: TermSpace,
    private readonly themeOf: (id: number) => string,
    private readonly postings: Postings,
  ) {}

  /** Inverts the vectors a paper at a time, pausing between them. */
  static *build(space: TermSpace, themeOf: (id: number) => string): Work<RelatedPapers> {
    return new RelatedPapers(space, themeOf, yield* invert(space.vectors, space.vocabulary.size));
  }

  for(id: number, limit: number): RelatedHit[] {
    const { starts, docs, weights: docWeights } = this.postings;
    const { ids, weights } = strongestTerms(this.space.vectors[id], QUERY_TERMS);
    const scores = new Map<number, number>();
    for (let k = 0; k < ids.length; k++) {
      for (let j = starts[ids[k]]; j < starts[ids[k] + 1]; j++) {
        const doc = docs[j];
        scores.set(doc, (scores.get(doc) ?? 0) + weights[k] * docWeights[j]);
      }
    }
    scores.delete(id);
    const theme = this.themeOf(id);
    return [...scores]
      .map(([doc, score]) => ({ id: doc, score: this.themeOf(doc) === theme ? score * SAME_THEME_BONUS : score }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }
}

/**
 * For each term, the papers that have it and its weight in each: term `t`'s are at
 * `starts[t]` to `starts[t + 1]`. Three flat arrays, not two per term: at 100,000 papers,
 * hundreds of thousands of small typed arrays make the garbage collector pause for long.
 */
interface Postings {
  readonly starts: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

function* invert(vectors: readonly SparseVector[], vocabularySize: number): Work<Postings> {
  const starts = new Int32Array(vocabularySize + 1);
  for (const v of vectors) {
    for (const id of v.ids) starts[id + 1]++;
    yield;
  }
  for (let t = 0; t < vocabularySize; t++) starts[t + 1] += starts[t];
  const docs = new Int32Array(starts[vocabularySize]);
  const weights = new Float32Array(starts[vocabularySize]);
  const filled = starts.slice(0, vocabularySize);
  for (const [doc, v] of vectors.entries()) {
    for (let k = 0; k < v.ids.length; k++) {
      const at = filled[v.ids[k]]++;
      docs[at] = doc;
      weights[at] = v.weights[k];
    }
    yield;
  }
  return { starts, docs, weights };
}
