/**
 * Where papers added to a library go: into the themes it has, when they fit one, so that no
 * paper already placed moves; papers that fit none wait unsorted until enough alike ones gather
 * to make a theme of their own, named from their words.
 */
import type { Work } from '../work/slices';
import type { TermsMemo } from '../search/termVectors';
import type { SparseVector } from '../search/termVectors';
import { keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../search/themes';
import { bisect, type Cluster } from './themeClustering';
import { minThemeSize, NAME_ORDER, nameGroups } from './themeDiscovery';
import { featureCount, themeVectors, type FeatureMemo, type ThemeDocument } from './themeFeatures';
import { centreOf, fitFloors, median, quantile, type Centre } from './themeFit';
import { PhraseCounts } from './themeNaming';

/**
 * Papers that fit no theme make one when they are as alike as the papers of all but this share
 * of the library's themes are (by the median paper): a topic as clear as the library's own.
 * Not the typical theme: the themes made afresh include their tightest, narrowest topics.
 */
const COHERENT_QUANTILE = 0.25;
/** Papers of each theme always in the sample placement compares with, however small the theme: enough to judge its fit. */
export const SAMPLED_PER_THEME = 10;

/** What placement reads: the themes as they are, a sample of their papers, and the papers to place. */
export interface PlacementInput {
  /** A sample of the papers kept, and each one's theme (before the user's overrides). */
  readonly sample: readonly ThemeDocument[];
  readonly sampleThemes: readonly string[];
  /** Every paper kept that is unsorted: those that fitted no theme, waiting for alike ones. */
  readonly unsorted: readonly ThemeDocument[];
  readonly added: readonly ThemeDocument[];
  /** Per added paper, whether the definitions may name it (see `themeLibrary`); every one when absent. */
  readonly addedNamed?: readonly boolean[];
  /** The theme definitions (shipped or the user's) and the library's themes before the overrides. */
  readonly definitions: readonly ThemeDefinition[];
  readonly themes: readonly ThemeDefinition[];
  /** How many papers the library has: a new theme needs as many papers as a theme found in it afresh. */
  readonly librarySize: number;
  readonly memo?: TermsMemo;
  /** The papers' features as counted before, kept from update to update: the sample is mostly the same papers each time. */
  readonly features?: FeatureMemo;
}

export interface Placement {
  /** Per added paper, its theme's name. */
  readonly added: string[];
  /** Per unsorted paper kept, its theme's name: unsorted still, or a new theme it now makes with others. */
  readonly unsorted: string[];
  /** The library's themes, with the new ones among the discovered ones in name order. */
  readonly themes: ThemeDefinition[];
}

/**
 * Places each added paper into the theme of the sample whose papers it most resembles, if it
 * fits that theme (see `FIT_QUANTILE`); where that is a theme of the definitions, or none, the
 * definitions' keywords choose among those the library has, as they do in a library made
 * afresh. The papers that fit none, with those unsorted already, are grouped; each group at
 * least as large as a theme found afresh and as alike as the library's typical theme becomes
 * a theme. Deterministic.
 */
export function* placePapers(input: PlacementInput): Work<Placement> {
  const { sample, sampleThemes, unsorted, added, definitions } = input;
  const docs = [...sample, ...unsorted, ...added];
  const vectors = yield* themeVectors(docs, input.features);
  const dimension = featureCount(vectors);
  const names = [...new Set(sampleThemes)].filter((name) => name !== UNSORTED_THEME.name);
  const position = new Map(names.map((name, t) => [name, t]));
  const members = names.map(() => [] as number[]);
  sampleThemes.forEach((name, i) => position.has(name) && members[position.get(name)!].push(i));
  const centres: Centre[] = [];
  for (const m of members) {
    centres.push(centreOf(vectors, dimension, m));
    yield;
  }
  const fitFloor = fitFloors(centres);

  const existing = new Set(input.themes.map((t) => t.name));
  const present = definitions.filter((d) => existing.has(d.name));
  const keyword = present.length ? yield* keywordThemes(added, present, input.memo) : new Int32Array(added.length).fill(-1);
  const defined = new Set(present.map((d) => d.name));
  // As in a library themed afresh (see `themeLibrary`): a paper the definitions' keywords do not
  // describe joins their themes only in a library they describe whole.
  const open = names.map((name) => !defined.has(name));
  const describedWhole = !open.includes(true);
  const scores = new Float64Array(names.length);
  const placed: string[] = [];
  // Positions in `docs` of the papers that fit no theme: those unsorted already, then the added.
  const pool: number[] = unsorted.map((_, k) => sample.length + k);
  for (let k = 0; k < added.length; k++) {
    const at = sample.length + unsorted.length + k;
    centres.forEach((c, t) => (scores[t] = c.similarity(vectors[at])));
    const best = bestOf(scores, () => true);
    const resembled = best < 0 ? undefined : names[best];
    const mayBeDefined = input.addedNamed?.[k] ?? true;
    const fit = (keyword[k] < 0 && !describedWhole) || !mayBeDefined ? bestOf(scores, (t) => open[t]) : best;
    if ((resembled === undefined || defined.has(resembled)) && keyword[k] >= 0 && mayBeDefined) placed.push(present[keyword[k]].name);
    else if (fit >= 0 && scores[fit] >= fitFloor[fit]) placed.push(names[fit]);
    else {
      placed.push(UNSORTED_THEME.name);
      pool.push(at);
    }
    yield;
  }
  const pooled = yield* newThemes(docs, vectors, dimension, Int32Array.from(pool), centres, input);
  for (const [at, name] of pooled.themeOf) {
    if (at >= sample.length + unsorted.length) placed[at - sample.length - unsorted.length] = name;
  }
  return {
    added: placed,
    unsorted: unsorted.map((_, k) => pooled.themeOf.get(sample.length + k) ?? UNSORTED_THEME.name),
    themes: withThemes(input.themes, pooled.themes, new Set(definitions.map((d) => d.name))),
  };
}

/**
 * The groups of `pool` that make themes: as many papers as the smallest theme found in a
 * library of this size, and their papers as alike as those of the library's typical theme.
 */
function* newThemes(
  docs: readonly ThemeDocument[],
  vectors: readonly SparseVector[],
  dimension: number,
  pool: Int32Array,
  centres: readonly Centre[],
  input: PlacementInput,
): Work<{ themes: ThemeDefinition[]; themeOf: Map<number, string> }> {
  const themeOf = new Map<number, string>();
  const minSize = minThemeSize(input.librarySize);
  const placeable = pool.filter((at) => vectors[at].ids.length > 0);
  if (placeable.length < minSize) return { themes: [], themeOf };
  const groups = Math.max(1, Math.min(Math.floor(placeable.length / minSize), Math.round(Math.sqrt(placeable.length / 2))));
  const clusters = yield* bisect(vectors, dimension, placeable, groups, minSize);
  const enough = quantile(centres.filter((c) => c.alike.length > 1).map((c) => median(c.alike)), COHERENT_QUANTILE);
  const formed: Cluster[] = [];
  for (const cluster of clusters) {
    const { alike } = centreOf(vectors, dimension, [...cluster.members]);
    if (cluster.members.length >= minSize && median(alike) >= enough) formed.push(cluster);
    yield;
  }
  if (formed.length === 0) return { themes: [], themeOf };
  const counts = formed.map((cluster) => {
    const c = new PhraseCounts();
    for (const at of cluster.members) c.add(docs[at]);
    return c;
  });
  // Named against every paper placement read, as a theme found afresh is against the library.
  const all = new PhraseCounts();
  for (const doc of docs) all.add(doc);
  const taken = new Set(input.themes.flatMap((t) => [t.name, ...(t.parent ? [t.parent] : [])]).map((name) => name.toLowerCase()));
  const named = yield* nameGroups(counts, all, taken, formed);
  const themes = named.map((t): ThemeDefinition => ({ ...t, keywords: [] }));
  formed.forEach((cluster, g) => cluster.members.forEach((at) => themeOf.set(at, themes[g].name)));
  return { themes, themeOf };
}

/** The theme of the highest score above 0 among those `allowed`, the first of equals; -1 if none. */
function bestOf(scores: Float64Array, allowed: (t: number) => boolean): number {
  let best = -1;
  for (let t = 0; t < scores.length; t++) if (allowed(t) && scores[t] > 0 && (best < 0 || scores[t] > scores[best])) best = t;
  return best;
}

/**
 * `themes` with `added` among the discovered top-level themes, in name order, never inside a
 * parent's run of sub-themes, and before the unsorted theme.
 */
function withThemes(themes: readonly ThemeDefinition[], added: readonly ThemeDefinition[], definitions: ReadonlySet<string>): ThemeDefinition[] {
  const out = [...themes];
  for (const theme of added) {
    let at = out.findIndex((t, i) => {
      if (definitions.has(t.name) || t.name === UNSORTED_THEME.name) return false;
      const startsRun = t.parent === undefined || out[i - 1]?.parent !== t.parent;
      return startsRun && NAME_ORDER.compare(t.parent ?? t.name, theme.name) > 0;
    });
    if (at < 0) at = out.findIndex((t) => t.name === UNSORTED_THEME.name);
    out.splice(at < 0 ? out.length : at, 0, theme);
  }
  return out;
}
