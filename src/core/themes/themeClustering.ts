/**
 * Groups papers by their vectors: bisecting, each split along the main direction in which the
 * group's papers differ (its first principal component), then refined by two-means. Near-linear
 * in the vectors' size, and deterministic: no random start anywhere.
 */
import type { Work } from '../work/slices';
import type { SparseVector } from '../search/termVectors';

/** Power iterations for a group's main direction: enough for the split, which two-means refines. */
const POWER_ITERATIONS = 12;
const REFINE_ITERATIONS = 8;
/** Papers between pauses. */
const PAUSE_EVERY = 512;

/** A group of papers, by position, and how loosely they hang together (the sum of their distances from its centre). */
export interface Cluster {
  readonly members: Int32Array;
  readonly spread: number;
}

/**
 * Splits `members` into `count` groups (fewer when they cannot be split further), each of at
 * least `minSize` papers where possible: the loosest group is split in two until there are
 * enough. Groups smaller than `minSize` are merged into the group they most resemble.
 */
export function* bisect(vectors: readonly SparseVector[], dimension: number, members: Int32Array, count: number, minSize: number): Work<Cluster[]> {
  const clusters = [yield* clusterOf(vectors, dimension, members)];
  const unsplittable = new Set<Cluster>();
  while (clusters.length < count) {
    let loosest: Cluster | undefined;
    for (const c of clusters) if (!unsplittable.has(c) && c.members.length >= 2 * minSize && (!loosest || c.spread > loosest.spread)) loosest = c;
    if (!loosest) break;
    const halves = yield* splitInTwo(vectors, dimension, loosest.members);
    if (!halves) {
      unsplittable.add(loosest);
      continue;
    }
    clusters.splice(clusters.indexOf(loosest), 1, yield* clusterOf(vectors, dimension, halves[0]), yield* clusterOf(vectors, dimension, halves[1]));
  }
  return yield* mergeSmall(vectors, dimension, clusters, minSize);
}

/** Groups below `minSize` joined to the group whose centre they are nearest, as one. */
function* mergeSmall(vectors: readonly SparseVector[], dimension: number, clusters: Cluster[], minSize: number): Work<Cluster[]> {
  for (;;) {
    const small = clusters.findIndex((c) => c.members.length < minSize);
    if (small < 0 || clusters.length <= 1) return clusters;
    const [lost] = clusters.splice(small, 1);
    const centre = yield* centroid(vectors, dimension, lost.members);
    let best = 0;
    let bestScore = -Infinity;
    for (const [k, c] of clusters.entries()) {
      const score = yield* meanSimilarity(vectors, c.members, centre);
      if (score > bestScore) [best, bestScore] = [k, score];
    }
    const joined = Int32Array.from([...clusters[best].members, ...lost.members]).sort();
    clusters[best] = yield* clusterOf(vectors, dimension, joined);
  }
}

function* clusterOf(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<Cluster> {
  const sum = yield* vectorSum(vectors, dimension, members);
  let norm = 0;
  for (const w of sum) norm += w * w;
  return { members, spread: members.length - Math.sqrt(norm) };
}

/** The two halves of `members`, each in ascending order; undefined when they do not split (all alike, or one of them). */
export function* splitInTwo(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<[Int32Array, Int32Array] | undefined> {
  if (members.length < 2) return undefined;
  const n = members.length;
  const mean = yield* vectorSum(vectors, dimension, members);
  for (let t = 0; t < dimension; t++) mean[t] /= n;
  // Start from the paper least like the mean: a direction the group surely differs along.
  let far = members[0];
  let farScore = Infinity;
  for (const m of members) {
    const score = dot(vectors[m], mean);
    if (score < farScore) [far, farScore] = [m, score];
  }
  let direction: Float64Array = Float64Array.from(mean, (w) => -w);
  const start = vectors[far];
  for (let k = 0; k < start.ids.length; k++) direction[start.ids[k]] += start.weights[k];
  if (!normalise(direction)) return undefined;
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    // (X - 1·meanᵀ)ᵀ(X - 1·meanᵀ)·d = Xᵀ(X·d) - n·mean·(mean·d): the centred scatter, never made dense.
    const next = new Float64Array(dimension);
    for (const [i, m] of members.entries()) {
      const v = vectors[m];
      const p = dot(v, direction);
      for (let k = 0; k < v.ids.length; k++) next[v.ids[k]] += p * v.weights[k];
      if (i % PAUSE_EVERY === 0) yield;
    }
    let meanDot = 0;
    for (let t = 0; t < dimension; t++) meanDot += mean[t] * direction[t];
    for (let t = 0; t < dimension; t++) next[t] -= n * mean[t] * meanDot;
    if (!normalise(next)) break;
    direction = next;
    yield;
  }
  let meanDot = 0;
  for (let t = 0; t < dimension; t++) meanDot += mean[t] * direction[t];
  const side = new Uint8Array(n);
  members.forEach((m, i) => (side[i] = dot(vectors[m], direction) - meanDot > 0 ? 1 : 0));
  yield* refine(vectors, dimension, members, side);
  const halves: [number[], number[]] = [[], []];
  members.forEach((m, i) => halves[side[i]].push(m));
  if (halves[0].length === 0 || halves[1].length === 0) return undefined;
  // The larger half first, so that the order does not hang on the direction's sign.
  halves.sort((a, b) => b.length - a.length || a[0] - b[0]);
  return [Int32Array.from(halves[0]), Int32Array.from(halves[1])];
}

/** Two-means on the unit sphere from the given sides: each paper to the nearer centre, until none moves. */
function* refine(vectors: readonly SparseVector[], dimension: number, members: Int32Array, side: Uint8Array): Work<void> {
  for (let iteration = 0; iteration < REFINE_ITERATIONS; iteration++) {
    const centres = [new Float64Array(dimension), new Float64Array(dimension)];
    members.forEach((m, i) => {
      const v = vectors[m];
      const c = centres[side[i]];
      for (let k = 0; k < v.ids.length; k++) c[v.ids[k]] += v.weights[k];
    });
    if (!normalise(centres[0]) || !normalise(centres[1])) return;
    let moved = 0;
    for (const [i, m] of members.entries()) {
      const a = dot(vectors[m], centres[0]);
      const b = dot(vectors[m], centres[1]);
      // A tie (a paper sharing no feature with either) stays where it is.
      const to = a > b ? 0 : b > a ? 1 : side[i];
      if (to !== side[i]) moved++;
      side[i] = to;
      if (i % PAUSE_EVERY === 0) yield;
    }
    if (moved === 0) return;
  }
}

function* vectorSum(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<Float64Array> {
  const sum = new Float64Array(dimension);
  for (const [i, m] of members.entries()) {
    const v = vectors[m];
    for (let k = 0; k < v.ids.length; k++) sum[v.ids[k]] += v.weights[k];
    if (i % PAUSE_EVERY === 0) yield;
  }
  return sum;
}

/** The members' mean direction, unit length. */
export function* centroid(vectors: readonly SparseVector[], dimension: number, members: ArrayLike<number> & Iterable<number>): Work<Float64Array> {
  const sum = new Float64Array(dimension);
  let i = 0;
  for (const m of members) {
    const v = vectors[m];
    for (let k = 0; k < v.ids.length; k++) sum[v.ids[k]] += v.weights[k];
    if (i++ % PAUSE_EVERY === 0) yield;
  }
  normalise(sum);
  return sum;
}

function* meanSimilarity(vectors: readonly SparseVector[], members: Int32Array, centre: Float64Array): Work<number> {
  let sum = 0;
  for (const [i, m] of members.entries()) {
    sum += dot(vectors[m], centre);
    if (i % PAUSE_EVERY === 0) yield;
  }
  return sum / members.length;
}

export function dot(v: SparseVector, dense: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < v.ids.length; k++) sum += v.weights[k] * dense[v.ids[k]];
  return sum;
}

/** Scales to unit length in place; false for the zero vector. */
function normalise(values: Float64Array): boolean {
  let norm = 0;
  for (const w of values) norm += w * w;
  if (norm === 0) return false;
  norm = Math.sqrt(norm);
  for (let t = 0; t < values.length; t++) values[t] /= norm;
  return true;
}
