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
/** How near one to the cosine between two iterations' directions the power iterations stop at. */
const SETTLED_DIRECTION = 1e-6;
/** Passes in which every paper may move to the group it resembles most, once all the splits are made. */
const SETTLE_ITERATIONS = 3;
/** Papers between pauses. */
const PAUSE_EVERY = 512;
/**
 * Most papers a group is split over: in a larger group, papers spread evenly over it are
 * split, and every other paper joins the part it most resembles. The splits' work grows with
 * the papers split, many times over; joining a part is one comparison per part.
 */
export const SPLIT_SAMPLE = 4000;

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
export function* bisect(vectors: readonly SparseVector[], dimension: number, members: Int32Array, count: number, minSize: number, sampleSize = SPLIT_SAMPLE): Work<Cluster[]> {
  if (members.length > sampleSize) return yield* bisectBySample(vectors, dimension, members, count, minSize, sampleSize);
  if (members.length === vectors.length) return yield* bisectAll(vectors, dimension, members, count, minSize);
  // A part of the papers is split over its own features alone: the dense sums are then as long
  // as the features it has, not as all the library's.
  const local = yield* localVectors(vectors, dimension, members);
  const clusters = yield* bisectAll(local.vectors, local.dimension, Int32Array.from(members.keys()), count, minSize);
  return clusters.map((c) => ({ members: Int32Array.from(c.members, (i) => members[i]), spread: c.spread }));
}

/**
 * `bisect` of a group larger than `sampleSize`: `sampleSize` of its papers, evenly spread over
 * it, are split; then each other paper joins the part whose sample papers it most resembles
 * (the cosine to their sum). A paper that shares no feature with the sample joins the part
 * whose papers first used most of its features' weight, once they are placed; papers that
 * share none with any part, even then, are of a field of their own and are split apart.
 */
function* bisectBySample(vectors: readonly SparseVector[], dimension: number, members: Int32Array, count: number, minSize: number, sampleSize: number): Work<Cluster[]> {
  const inSample = new Uint8Array(members.length);
  const sample = new Int32Array(sampleSize);
  for (let k = 0; k < sampleSize; k++) {
    const at = Math.floor((k * members.length) / sampleSize);
    inSample[at] = 1;
    sample[k] = members[at];
  }
  const sampleMinSize = Math.max(2, Math.round((minSize * sampleSize) / members.length));
  const parts = yield* bisect(vectors, dimension, sample, count, sampleMinSize, sampleSize);
  // The parts' sums over the sample's features, numbered apart from the library's.
  const local = new Int32Array(dimension).fill(-1);
  let localCount = 0;
  for (const m of sample) for (const id of vectors[m].ids) if (local[id] < 0) local[id] = localCount++;
  const sums = parts.map(() => new Float64Array(localCount));
  for (const [g, part] of parts.entries()) {
    for (let i = 0; i < part.members.length; i++) {
      const { ids, weights } = vectors[part.members[i]];
      for (let k = 0; k < ids.length; k++) sums[g][local[ids[k]]] += weights[k];
      if (i % PAUSE_EVERY === 0) yield;
    }
  }
  // Each feature's weight in every part's unit-length sum, side by side: one look-up per feature of a paper.
  const partCount = parts.length;
  const byFeature = new Float64Array(localCount * partCount);
  sums.forEach((sum, g) => {
    const norm = Math.sqrt(squaredLength(sum)) || 1;
    for (let l = 0; l < localCount; l++) byFeature[l * partCount + g] = sum[l] / norm;
  });
  const partOf = new Int32Array(vectors.length).fill(-1);
  parts.forEach((part, g) => part.members.forEach((m) => (partOf[m] = g)));
  const unplaced: number[] = [];
  const scores = new Float64Array(partCount);
  for (let i = 0; i < members.length; i++) {
    if (inSample[i]) continue;
    const { ids, weights } = vectors[members[i]];
    scores.fill(0);
    for (let k = 0; k < ids.length; k++) {
      const l = local[ids[k]];
      if (l < 0) continue;
      const w = weights[k];
      for (let g = 0, at = l * partCount; g < partCount; g++, at++) scores[g] += w * byFeature[at];
    }
    let best = -1;
    let bestScore = 0;
    for (let g = 0; g < partCount; g++) if (scores[g] > bestScore) [best, bestScore] = [g, scores[g]];
    if (best >= 0) partOf[members[i]] = best;
    else unplaced.push(members[i]);
    if (i % PAUSE_EVERY === 0) yield;
  }
  const apart = yield* placeByFeatures(vectors, dimension, members, partOf, parts.length, unplaced);
  yield* settleJoined(vectors, dimension, members, partOf, parts.length);
  const placed = parts.map(() => [] as number[]);
  for (const m of members) if (partOf[m] >= 0) placed[partOf[m]].push(m);
  const clusters: Cluster[] = [];
  for (const [g, part] of parts.entries()) {
    if (!placed[g].length) continue;
    // Estimated from the sample: its spread, for as many papers as the part now has.
    clusters.push({ members: Int32Array.from(placed[g]), spread: (part.spread * placed[g].length) / part.members.length });
    yield;
  }
  if (apart.length) clusters.push(...(yield* bisect(vectors, dimension, Int32Array.from(apart), Math.max(1, Math.round((count * apart.length) / members.length)), minSize, sampleSize)));
  // A part the sample made too small for a theme joins the part it shares most with, as in `bisectAll`.
  return yield* mergeSmall(vectors, dimension, clusters, minSize);
}

/**
 * Passes in which each paper may move to the part it resembles most over all the parts'
 * papers and features, its own part judged without it, the sums kept up to date (as `settle`):
 * a paper that the sample's features alone misplaced (a cryptography paper with the words
 * "fine-tuning" in its title) moves to the part of the papers it shares most with.
 */
function* settleJoined(vectors: readonly SparseVector[], dimension: number, members: Int32Array, partOf: Int32Array, partCount: number): Work<void> {
  // Every part's sum, over the members' features numbered apart, the parts side by side per feature.
  const local = new Int32Array(dimension).fill(-1);
  let localCount = 0;
  for (let i = 0; i < members.length; i++) {
    for (const id of vectors[members[i]].ids) if (local[id] < 0) local[id] = localCount++;
    if (i % PAUSE_EVERY === 0) yield;
  }
  const sums = new Float64Array(localCount * partCount);
  for (let i = 0; i < members.length; i++) {
    const g = partOf[members[i]];
    if (g < 0) continue;
    const { ids, weights } = vectors[members[i]];
    for (let k = 0; k < ids.length; k++) sums[local[ids[k]] * partCount + g] += weights[k];
    if (i % PAUSE_EVERY === 0) yield;
  }
  const squared = new Float64Array(partCount);
  for (let at = 0; at < sums.length; at++) {
    squared[at % partCount] += sums[at] * sums[at];
    if (at % (PAUSE_EVERY * 256) === 0) yield;
  }
  const dots = new Float64Array(partCount);
  for (let pass = 0, moved = 1; pass < SETTLE_ITERATIONS && moved > 0; pass++) {
    // A pass that moves no paper leaves the sums as they were: the next would move none either.
    moved = 0;
    for (let i = 0; i < members.length; i++) {
      const own = partOf[members[i]];
      if (own < 0) continue;
      const { ids, weights } = vectors[members[i]];
      dots.fill(0);
      for (let k = 0; k < ids.length; k++) {
        const w = weights[k];
        for (let g = 0, at = local[ids[k]] * partCount; g < partCount; g++, at++) dots[g] += w * sums[at];
      }
      const rest = squared[own] - 2 * dots[own] + 1;
      let best = own;
      let bestScore = rest > 1e-9 ? (dots[own] - 1) / Math.sqrt(rest) : 0;
      for (let g = 0; g < partCount; g++) {
        const score = g !== own && squared[g] > 0 ? dots[g] / Math.sqrt(squared[g]) : -Infinity;
        if (score > bestScore) [best, bestScore] = [g, score];
      }
      if (best !== own) {
        squared[own] += 1 - 2 * dots[own];
        squared[best] += 1 + 2 * dots[best];
        for (let k = 0; k < ids.length; k++) {
          const at = local[ids[k]] * partCount;
          sums[at + own] -= weights[k];
          sums[at + best] += weights[k];
        }
        partOf[members[i]] = best;
        moved++;
      }
      if (i % PAUSE_EVERY === 0) yield;
    }
  }
}

/**
 * Places the `unplaced` papers by their features: each into the part whose placed papers first
 * used most of its features' weight, until no more can be placed. Gives those that share no
 * feature with any placed paper.
 */
function* placeByFeatures(vectors: readonly SparseVector[], dimension: number, members: Int32Array, partOf: Int32Array, partCount: number, unplaced: number[]): Work<number[]> {
  if (!unplaced.length) return unplaced;
  const featurePart = new Int32Array(dimension).fill(-1);
  const mark = (m: number) => {
    for (const id of vectors[m].ids) if (featurePart[id] < 0) featurePart[id] = partOf[m];
  };
  for (let i = 0; i < members.length; i++) {
    if (partOf[members[i]] >= 0) mark(members[i]);
    if (i % PAUSE_EVERY === 0) yield;
  }
  const weightIn = new Float64Array(partCount);
  for (let left = unplaced; ; ) {
    const still: number[] = [];
    for (const [i, m] of left.entries()) {
      if (i % PAUSE_EVERY === 0) yield;
      weightIn.fill(0);
      const { ids, weights } = vectors[m];
      for (let k = 0; k < ids.length; k++) if (featurePart[ids[k]] >= 0) weightIn[featurePart[ids[k]]] += weights[k];
      let best = -1;
      for (let g = 0; g < partCount; g++) if (weightIn[g] > 0 && (best < 0 || weightIn[g] > weightIn[best])) best = g;
      if (best < 0) still.push(m);
      else partOf[m] = best;
    }
    yield;
    if (still.length === left.length) return still;
    for (const m of left) if (partOf[m] >= 0) mark(m);
    left = still;
  }
}

/** Up to `most` of `members`, spread evenly over them, in their order. */
export function evenSample(members: ArrayLike<number>, most: number): number[] {
  const count = Math.min(members.length, most);
  return Array.from({ length: count }, (_, k) => members[Math.floor((k * members.length) / count)]);
}

/** The members' vectors over the features they have, numbered from 0 in order of first use. */
export function* localVectors(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<{ vectors: SparseVector[]; dimension: number }> {
  const localId = new Int32Array(dimension).fill(-1);
  let count = 0;
  const local: SparseVector[] = [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const { ids, weights } = vectors[m];
    const mapped = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      if (localId[ids[k]] < 0) localId[ids[k]] = count++;
      mapped[k] = localId[ids[k]];
    }
    local.push({ ids: mapped, weights });
    if (i % PAUSE_EVERY === 0) yield;
  }
  return { vectors: local, dimension: count };
}

function* bisectAll(vectors: readonly SparseVector[], dimension: number, members: Int32Array, count: number, minSize: number): Work<Cluster[]> {
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
  const settled = yield* settle(vectors, dimension, clusters);
  const connected: Cluster[] = [];
  for (const c of settled) for (const part of yield* connectedParts(vectors, dimension, c.members)) connected.push(part.length === c.members.length ? c : yield* clusterOf(vectors, dimension, part));
  return yield* mergeSmall(vectors, dimension, connected, minSize);
}

/**
 * The members split into parts that share no feature with each other: papers that share no
 * word, venue or author, even through other papers, are of different fields, whatever a split
 * that stopped early left together. In order of their first member.
 */
function* connectedParts(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<Int32Array[]> {
  const parent = Int32Array.from(members.keys());
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstWith = new Int32Array(dimension).fill(-1);
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    for (const id of vectors[m].ids) {
      const first = firstWith[id];
      if (first < 0) firstWith[id] = i;
      else parent[root(i)] = root(first);
    }
    if (i % PAUSE_EVERY === 0) yield;
  }
  const parts = new Map<number, number[]>();
  members.forEach((m, i) => {
    const r = root(i);
    const part = parts.get(r) ?? [];
    part.push(m);
    parts.set(r, part);
  });
  return [...parts.values()].map((part) => Int32Array.from(part));
}

/**
 * Every paper moved to the group it resembles most, the group of its own judged without it: a
 * split that went wrong early (two papers alike, split apart) is mended once all are made.
 */
function* settle(vectors: readonly SparseVector[], dimension: number, clusters: Cluster[]): Work<Cluster[]> {
  if (clusters.length < 2) return clusters;
  const n = vectors.length;
  const groupOf = new Int32Array(n).fill(-1);
  clusters.forEach((c, g) => c.members.forEach((m) => (groupOf[m] = g)));
  const all = Int32Array.from(clusters.flatMap((c) => [...c.members])).sort();
  const sums: Float64Array[] = [];
  for (let g = 0; g < clusters.length; g++) sums.push(yield* vectorSum(vectors, dimension, clusters[g].members));
  const squared = sums.map(squaredLength);
  for (let iteration = 0; iteration < SETTLE_ITERATIONS; iteration++) {
    let moved = 0;
    // One paper at a time, the sums kept up to date: moving all at once lets two alike papers swap groups forever.
    for (let i = 0; i < all.length; i++) {
      const m = all[i];
      const v = vectors[m];
      const own = groupOf[m];
      let best = own;
      let bestScore = looSimilarity(v, sums[own], squared[own], true);
      for (let g = 0; g < sums.length; g++) {
        if (g === own) continue;
        const score = looSimilarity(v, sums[g], squared[g], false);
        if (score > bestScore) {
          best = g;
          bestScore = score;
        }
      }
      if (best !== own) {
        squared[own] += 1 - 2 * dot(v, sums[own]);
        squared[best] += 1 + 2 * dot(v, sums[best]);
        for (let k = 0; k < v.ids.length; k++) {
          sums[own][v.ids[k]] -= v.weights[k];
          sums[best][v.ids[k]] += v.weights[k];
        }
        groupOf[m] = best;
        moved++;
      }
      if (i % PAUSE_EVERY === 0) yield;
    }
    if (moved === 0) break;
  }
  const settled: Cluster[] = [];
  for (let g = 0; g < clusters.length; g++) {
    const members = all.filter((m) => groupOf[m] === g);
    if (members.length) settled.push(yield* clusterOf(vectors, dimension, members));
  }
  return settled;
}

/**
 * Cosine similarity of a unit vector to a group's sum of vectors (`squared`, its squared
 * length), leaving the vector out when it is `inside` the sum: a paper always resembles itself.
 */
function looSimilarity(v: SparseVector, sum: Float64Array, squared: number, inside: boolean): number {
  return similarityFromDot(dot(v, sum), squared, inside);
}

/** `looSimilarity` from the vector's dot product `d` with the sum. */
function similarityFromDot(d: number, squared: number, inside: boolean): number {
  if (!inside) return squared > 0 ? d / Math.sqrt(squared) : 0;
  const rest = squared - 2 * d + 1;
  return rest > 1e-9 ? (d - 1) / Math.sqrt(rest) : 0;
}

/** The sum of the squares, added in order (as `reduce` did). */
function squaredLength(values: Float64Array): number {
  let total = 0;
  for (let t = 0; t < values.length; t++) total += values[t] * values[t];
  return total;
}

/**
 * Groups below `minSize` joined to the group whose centre they are nearest, as one. A small
 * group that shares no feature with any other stays apart: its papers are of another field.
 */
function* mergeSmall(vectors: readonly SparseVector[], dimension: number, clusters: Cluster[], minSize: number): Work<Cluster[]> {
  const apart = new Set<Cluster>();
  for (;;) {
    const small = clusters.findIndex((c) => c.members.length < minSize && !apart.has(c));
    if (small < 0 || clusters.length <= 1) return clusters;
    const lost = clusters[small];
    const centre = yield* centroid(vectors, dimension, lost.members);
    let best = -1;
    let bestScore = 0;
    for (const [k, c] of clusters.entries()) {
      if (k === small) continue;
      const score = yield* meanSimilarity(vectors, c.members, centre);
      if (score > bestScore) [best, bestScore] = [k, score];
    }
    if (best < 0) {
      apart.add(lost);
      continue;
    }
    const joined = Int32Array.from([...clusters[best].members, ...lost.members]).sort();
    clusters[best] = yield* clusterOf(vectors, dimension, joined);
    clusters.splice(small, 1);
  }
}

function* clusterOf(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<Cluster> {
  const sum = yield* vectorSum(vectors, dimension, members);
  return { members, spread: members.length - Math.sqrt(squaredLength(sum)) };
}

/**
 * The two halves of `members`, each in ascending order; undefined when they do not split (all
 * alike, or one of them). Split over the features the members have, numbered in the same
 * order: the direction's dense sums then run over those alone, not all the library's, and add
 * the same numbers in the same order.
 */
export function* splitInTwo(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<[Int32Array, Int32Array] | undefined> {
  if (members.length < 2) return undefined;
  const used = new Uint8Array(dimension);
  for (let i = 0; i < members.length; i++) {
    const { ids } = vectors[members[i]];
    for (let k = 0; k < ids.length; k++) used[ids[k]] = 1;
  }
  const local = new Int32Array(dimension);
  let count = 0;
  for (let t = 0; t < dimension; t++) if (used[t]) local[t] = count++;
  yield;
  const remapped: SparseVector[] = [];
  for (let i = 0; i < members.length; i++) {
    const { ids, weights } = vectors[members[i]];
    const mapped = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) mapped[k] = local[ids[k]];
    remapped.push({ ids: mapped, weights });
    if (i % PAUSE_EVERY === 0) yield;
  }
  const halves = yield* splitOver(remapped, count, Int32Array.from(members.keys()));
  return halves && [halves[0].map((i) => members[i]), halves[1].map((i) => members[i])];
}

function* splitOver(vectors: readonly SparseVector[], dimension: number, members: Int32Array): Work<[Int32Array, Int32Array] | undefined> {
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
  // Two arrays taken in turn: one new array per iteration made the garbage collector run often.
  let next: Float64Array = new Float64Array(dimension);
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    // (X - 1·meanᵀ)ᵀ(X - 1·meanᵀ)·d = Xᵀ(X·d) - n·mean·(mean·d): the centred scatter, never made dense.
    if (iteration > 0) next.fill(0);
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const v = vectors[m];
      const p = dot(v, direction);
      for (let k = 0; k < v.ids.length; k++) next[v.ids[k]] += p * v.weights[k];
      if (i % PAUSE_EVERY === 0) yield;
    }
    let meanDot = 0;
    for (let t = 0; t < dimension; t++) meanDot += mean[t] * direction[t];
    for (let t = 0; t < dimension; t++) next[t] -= n * mean[t] * meanDot;
    if (!normalise(next)) break;
    let turned = 0;
    for (let t = 0; t < dimension; t++) turned += next[t] * direction[t];
    [direction, next] = [next, direction];
    // Settled: more iterations would not move any paper to the other side.
    if (turned > 1 - SETTLED_DIRECTION) break;
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
  const sums = [new Float64Array(dimension), new Float64Array(dimension)];
  for (let iteration = 0; iteration < REFINE_ITERATIONS; iteration++) {
    if (iteration > 0) for (const sum of sums) sum.fill(0);
    for (let i = 0; i < members.length; i++) {
      const { ids, weights } = vectors[members[i]];
      const c = sums[side[i]];
      for (let k = 0; k < ids.length; k++) c[ids[k]] += weights[k];
    }
    const squared = [squaredLength(sums[0]), squaredLength(sums[1])];
    if (squared[0] === 0 || squared[1] === 0) return;
    const [sum0, sum1] = sums;
    let moved = 0;
    for (let i = 0; i < members.length; i++) {
      // Both dots in one pass over the paper's features, each summed in the same order as `dot`.
      const { ids, weights } = vectors[members[i]];
      let d0 = 0;
      let d1 = 0;
      for (let k = 0; k < ids.length; k++) {
        d0 += weights[k] * sum0[ids[k]];
        d1 += weights[k] * sum1[ids[k]];
      }
      const a = similarityFromDot(d0, squared[0], side[i] === 0);
      const b = similarityFromDot(d1, squared[1], side[i] === 1);
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
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const v = vectors[m];
    for (let k = 0; k < v.ids.length; k++) sum[v.ids[k]] += v.weights[k];
    if (i % PAUSE_EVERY === 0) yield;
  }
  return sum;
}

/** The members' mean direction, unit length. */
function* centroid(vectors: readonly SparseVector[], dimension: number, members: ArrayLike<number> & Iterable<number>): Work<Float64Array> {
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

/** Cosine similarity of the members' mean direction to `centre` (unit length): how alike the group is to what `centre` stands for, whatever its size. */
function* meanSimilarity(vectors: readonly SparseVector[], members: Int32Array, centre: Float64Array): Work<number> {
  let along = 0;
  for (let i = 0; i < members.length; i++) {
    along += dot(vectors[members[i]], centre);
    if (i % PAUSE_EVERY === 0) yield;
  }
  const norm = squaredLength(yield* vectorSum(vectors, centre.length, members));
  return norm > 0 ? along / Math.sqrt(norm) : 0;
}

export function dot(v: SparseVector, dense: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < v.ids.length; k++) sum += v.weights[k] * dense[v.ids[k]];
  return sum;
}

/** Scales to unit length in place; false for the zero vector. */
function normalise(values: Float64Array): boolean {
  const squared = squaredLength(values);
  if (squared === 0) return false;
  const norm = Math.sqrt(squared);
  for (let t = 0; t < values.length; t++) values[t] /= norm;
  return true;
}
