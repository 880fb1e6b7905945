/** How well a paper fits a theme: alike to the theme's papers as the theme's own papers are to one another. */
import type { SparseVector } from '../search/termVectors';

/**
 * An added paper fits a theme when it is at least as alike to the theme's papers as all but
 * this share of the theme's own papers are (each compared with the others). Lower lets papers
 * of another field into a theme that shares a few of their words (statistics papers of
 * neuroscience into an economics library); higher leaves more of a theme's own kind unsorted.
 */
const FIT_QUANTILE = 0.1;

/** Per theme, the least a paper's similarity to it must be to fit it (see `FIT_QUANTILE`). */
export function fitFloors(centres: readonly Centre[]): number[] {
  return quantiles(
    centres.map((c) => c.alike),
    FIT_QUANTILE,
  );
}

/** A theme's papers summed, and how alike each of them is to the others (cosine to the sum of the rest). */
export interface Centre {
  readonly alike: number[];
  similarity(v: SparseVector): number;
}

export function centreOf(vectors: readonly SparseVector[], dimension: number, members: readonly number[]): Centre {
  const sum = new Float64Array(dimension);
  for (const m of members) {
    const { ids, weights } = vectors[m];
    for (let k = 0; k < ids.length; k++) sum[ids[k]] += weights[k];
  }
  let squared = 0;
  for (const w of sum) squared += w * w;
  const dot = ({ ids, weights }: SparseVector) => {
    let d = 0;
    for (let k = 0; k < ids.length; k++) d += weights[k] * sum[ids[k]];
    return d;
  };
  // Each paper against the rest: its own weight in the sum would flatter small themes.
  const alike = members
    .filter((m) => vectors[m].ids.length > 0)
    .map((m) => {
      const d = dot(vectors[m]);
      const rest = Math.sqrt(Math.max(0, squared - 2 * d + 1));
      return rest > 1e-9 ? (d - 1) / rest : 0;
    });
  const norm = Math.sqrt(squared) || 1;
  return { alike, similarity: (v) => dot(v) / norm };
}

/**
 * Each theme's `q` quantile of how alike its papers are; a theme of fewer than two papers
 * takes the themes' median, as nothing tells how loose it is.
 */
function quantiles(alike: readonly number[][], q: number): number[] {
  const own = alike.map((a) => (a.length > 1 ? quantile(a, q) : undefined));
  const known = own.filter((x): x is number => x !== undefined);
  const fallback = known.length ? median(known) : 0;
  return own.map((x) => x ?? fallback);
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], q: number): number {
  return values.length ? sorted(values)[Math.floor(q * values.length)] : 0;
}
