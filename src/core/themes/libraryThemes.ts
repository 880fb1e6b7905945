/**
 * A library's themes: the theme definitions (shipped or the user's) for the papers of the
 * field they describe, themes discovered from the papers themselves for every other paper.
 */
import type { Work } from '../work/slices';
import { assignThemes, keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../search/themes';
import { discoverThemes, type DiscoveredThemes } from './themeDiscovery';
import type { ThemeDocument } from './themeFeatures';

/**
 * The share of a discovered theme's papers that the definitions' keywords must place for the
 * definitions to take the whole theme. Below it, a keyword a paper happens to share with a
 * definition (an "adaptive" signature scheme, an "agent" in a protocol) is chance, not topic.
 */
export const DEFINED_SHARE = 0.5;

export interface LibraryTheming {
  /** The themes papers are in: the definitions used, in their order, then the discovered ones (sub-themes with their `parent`), then the unsorted theme. */
  readonly themes: readonly ThemeDefinition[];
  /** Per paper, its theme's name, before the user's overrides. */
  readonly names: readonly string[];
}

/**
 * Discovers the library's themes, then hands each discovered top-level theme whose papers the
 * definitions mostly describe to the definitions, which place all its papers as they always
 * did. The definitions thus never catch papers of another field, and name the papers of theirs.
 */
export function* themeLibrary(docs: readonly ThemeDocument[], definitions: readonly ThemeDefinition[]): Work<LibraryTheming> {
  const found = yield* discoverThemes(docs, { taken: new Set(definitions.map((d) => d.name.toLowerCase())) });
  const names = Array.from(found.themeOf, (t) => (t < 0 ? UNSORTED_THEME.name : found.themes[t].name));
  const defined: number[] = [];
  if (definitions.length > 0) {
    const keyword = yield* keywordThemes(docs, definitions);
    const topOf = (i: number) => {
      const t = found.themeOf[i];
      return t < 0 ? undefined : (found.themes[t].parent ?? found.themes[t].name);
    };
    const placed = new Map<string | undefined, { all: number; matched: number }>();
    for (let i = 0; i < docs.length; i++) {
      const counts = placed.get(topOf(i)) ?? { all: 0, matched: 0 };
      counts.all++;
      if (keyword[i] >= 0) counts.matched++;
      placed.set(topOf(i), counts);
    }
    const handedOver = new Set<string>();
    const strays: number[] = [];
    for (let i = 0; i < docs.length; i++) {
      const top = topOf(i);
      const counts = placed.get(top)!;
      // A paper no other paper resembles goes by its own keywords.
      if (top === undefined) {
        if (keyword[i] >= 0) defined.push(i);
      } else if (counts.matched >= DEFINED_SHARE * counts.all) {
        handedOver.add(top);
        if (keyword[i] >= 0) defined.push(i);
        else strays.push(i);
      }
    }
    // A paper that the clustering put among the definitions' papers, and that their keywords do
    // not describe, is likely of another field when the library has one: it goes to the
    // discovered theme its nearest papers agree on, or else waits unsorted. In a library the
    // definitions describe whole, the definitions place it by what it resembles.
    const open = found.themes.map((t) => !handedOver.has(t.parent ?? t.name));
    if (open.includes(true)) {
      for (const i of yield* placeStrays(found, strays, open, names)) names[i] = UNSORTED_THEME.name;
    } else {
      defined.push(...strays);
      defined.sort((a, b) => a - b);
    }
    const assigned = yield* assignThemes(
      defined.map((i) => docs[i]),
      definitions,
      Int32Array.from(defined, (i) => keyword[i]),
    );
    defined.forEach((i, k) => (names[i] = assigned[k]));
  }
  const used = new Set(names);
  const themes: ThemeDefinition[] = [
    ...definitions.filter((d) => used.has(d.name)),
    ...found.themes.filter((t) => used.has(t.name)).map((t): ThemeDefinition => ({ ...t, keywords: [] })),
    // Listed whether used or not: an update may place a paper there.
    UNSORTED_THEME,
  ];
  return { themes, names };
}

/** Nearest papers whose themes vote on a stray paper's theme. */
const STRAY_NEIGHBOURS = 5;
/** Papers of each theme a stray paper is compared with. */
const NEIGHBOURS_PER_THEME = 200;
/** The share of the vote (by similarity) a theme needs to take a stray paper: neighbours of many fields show it has none. */
const STRAY_MAJORITY = 0.5;

/**
 * Names each of `strays` after the theme most of its nearest papers are in (by cosine, each
 * neighbour's vote its similarity), among the papers of the themes open to them; returns the others.
 */
function* placeStrays(found: DiscoveredThemes, strays: readonly number[], isOpen: readonly boolean[], names: string[]): Work<number[]> {
  // Each stray's features, to score every paper against all strays in one pass.
  const postings = new Map<number, { stray: number; weight: number }[]>();
  strays.forEach((i, s) => {
    const { ids, weights } = found.vectors[i];
    ids.forEach((id, k) => {
      const list = postings.get(id) ?? [];
      list.push({ stray: s, weight: weights[k] });
      postings.set(id, list);
    });
  });
  const nearest = strays.map(() => [] as { paper: number; score: number }[]);
  const scores = new Float64Array(strays.length);
  const touched: number[] = [];
  for (const p of neighbourSample(found.themeOf, isOpen)) {
    const { ids, weights } = found.vectors[p];
    for (let k = 0; k < ids.length; k++) {
      for (const { stray, weight } of postings.get(ids[k]) ?? []) {
        if (scores[stray] === 0) touched.push(stray);
        scores[stray] += weight * weights[k];
      }
    }
    for (const s of touched) {
      keepNearest(nearest[s], { paper: p, score: scores[s] });
      scores[s] = 0;
    }
    touched.length = 0;
    if (p % 64 === 0) yield;
  }
  const unplaced: number[] = [];
  strays.forEach((i, s) => {
    const votes = new Map<number, number>();
    for (const { paper, score } of nearest[s]) votes.set(found.themeOf[paper], (votes.get(found.themeOf[paper]) ?? 0) + score);
    let [best, bestVotes, all] = [-1, 0, 0];
    for (const [t, v] of votes) {
      all += v;
      if (v > bestVotes || (v === bestVotes && t < best)) [best, bestVotes] = [t, v];
    }
    if (best < 0 || bestVotes <= STRAY_MAJORITY * all) unplaced.push(i);
    else names[i] = found.themes[best].name;
  });
  return unplaced;
}

/**
 * Up to `NEIGHBOURS_PER_THEME` papers of each open theme, spread evenly over it, in paper
 * order: the nearest of them vote as well as the nearest of all would, and a library of many
 * strays is not compared with every paper.
 */
function neighbourSample(themeOf: Int32Array, isOpen: readonly boolean[]): number[] {
  const members = isOpen.map(() => [] as number[]);
  themeOf.forEach((t, p) => t >= 0 && isOpen[t] && members[t].push(p));
  const sample: number[] = [];
  for (const m of members) {
    const count = Math.min(m.length, NEIGHBOURS_PER_THEME);
    for (let k = 0; k < count; k++) sample.push(m[Math.floor((k * m.length) / count)]);
  }
  return sample.sort((a, b) => a - b);
}

/** Adds `candidate` to `nearest` (best first, at most `STRAY_NEIGHBOURS`) if it is among the best. */
function keepNearest(nearest: { paper: number; score: number }[], candidate: { paper: number; score: number }): void {
  if (nearest.length === STRAY_NEIGHBOURS && candidate.score <= nearest[nearest.length - 1].score) return;
  let at = nearest.length;
  while (at > 0 && nearest[at - 1].score < candidate.score) at--;
  nearest.splice(at, 0, candidate);
  if (nearest.length > STRAY_NEIGHBOURS) nearest.pop();
}
