/**
 * A library's themes: the theme definitions (shipped or the user's) for the papers of the
 * field they describe, themes discovered from the papers themselves for every other paper.
 */
import type { Work } from '../work/slices';
import { assignThemes, keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../search/themes';
import { discoverThemes, type DiscoveredThemes } from './themeDiscovery';
import { evenSample, localVectors } from './themeClustering';
import { centreOf, fitFloors, type Centre } from './themeFit';
import { featureCount, type ThemeDocument } from './themeFeatures';

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
 * definitions mostly describe to the definitions, which place the papers their keywords
 * describe, as they always did (`placeStrays` the others). The definitions thus never catch
 * papers of another field, and name the papers of theirs.
 *
 * `named`, when given, says which papers the definitions may name at all: the shipped
 * definitions name the shipped papers alone, as they always did, and every other paper is
 * themed from the words of the papers like it (a shipped keyword such as "jobs" or "planning"
 * is another field's word too).
 */
export function* themeLibrary(docs: readonly ThemeDocument[], definitions: readonly ThemeDefinition[], named?: ArrayLike<boolean>): Work<LibraryTheming> {
  if (named && definitions.length > 0) return yield* themeApart(docs, definitions, named);
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
    // discovered theme it fits as an added paper must, or else waits unsorted. In a library the
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
  return { themes: usedThemes(definitions, found, names), names };
}

/** The themes papers are in (see `LibraryTheming.themes`). */
function usedThemes(definitions: readonly ThemeDefinition[], found: DiscoveredThemes, names: readonly string[]): ThemeDefinition[] {
  const used = new Set(names);
  return [
    ...definitions.filter((d) => used.has(d.name)),
    ...found.themes.filter((t) => used.has(t.name)).map((t): ThemeDefinition => ({ ...t, keywords: [] })),
    // Listed whether used or not: an update may place a paper there.
    UNSORTED_THEME,
  ];
}

/** `themeLibrary` of papers the definitions name (`named`) and of papers they never name, each apart. */
function* themeApart(docs: readonly ThemeDocument[], definitions: readonly ThemeDefinition[], named: ArrayLike<boolean>): Work<LibraryTheming> {
  const inside = [...docs.keys()].filter((i) => named[i]);
  const outside = [...docs.keys()].filter((i) => !named[i]);
  const defined = yield* assignThemes(
    inside.map((i) => docs[i]),
    definitions,
  );
  const found = yield* discoverThemes(
    outside.map((i) => docs[i]),
    { taken: new Set(definitions.map((d) => d.name.toLowerCase())) },
  );
  const names = new Array<string>(docs.length);
  inside.forEach((i, k) => (names[i] = defined[k]));
  outside.forEach((i, k) => (names[i] = found.themeOf[k] < 0 ? UNSORTED_THEME.name : found.themes[found.themeOf[k]].name));
  return { themes: usedThemes(definitions, found, names), names };
}

/** Papers of each theme a stray paper is compared with: enough to judge its fit, few enough to be quick. */
const SAMPLED_PER_THEME = 200;

/**
 * Names each of `strays` after the open theme it most resembles, if it fits that theme as
 * papers added to the library must (`fitFloors`); returns the others. Each theme is judged by
 * an even sample of its papers, their features numbered apart so its sums stay small.
 */
function* placeStrays(found: DiscoveredThemes, strays: readonly number[], isOpen: readonly boolean[], names: string[]): Work<number[]> {
  const open = [...isOpen.keys()].filter((t) => isOpen[t]);
  const members = new Map<number, number[]>(open.map((t) => [t, []]));
  found.themeOf.forEach((t, p) => members.get(t)?.push(p));
  const samples = open.map((t) => evenSample(members.get(t)!, SAMPLED_PER_THEME));
  const { vectors, dimension } = yield* localVectors(found.vectors, featureCount(found.vectors), Int32Array.from([...samples.flat(), ...strays]));
  const centres: Centre[] = [];
  let at = 0;
  for (const sample of samples) {
    centres.push(centreOf(vectors, dimension, Array.from(sample, (_, k) => at + k)));
    at += sample.length;
    yield;
  }
  const floors = fitFloors(centres);
  const unplaced: number[] = [];
  strays.forEach((i, k) => {
    const scores = centres.map((c) => c.similarity(vectors[at + k]));
    const best = scores.indexOf(Math.max(...scores));
    if (scores[best] > 0 && scores[best] >= floors[best]) names[i] = found.themes[open[best]].name;
    else unplaced.push(i);
  });
  return unplaced;
}
