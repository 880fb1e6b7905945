/** Themes found in a library's own papers: groups of papers alike in their words, named in those words. */
import type { SparseVector } from '../search/termVectors';
import type { Work } from '../work/slices';
import { bisect, evenSample, type Cluster } from './themeClustering';
import { featureCount, themeVectors, type ThemeDocument } from './themeFeatures';
import { PhraseCounts, spreadWords, telling, tellingPhrases, themeName } from './themeNaming';

export interface DiscoveredTheme {
  readonly name: string;
  /** The theme this one is a sub-theme of: one too large to scan, split again. */
  readonly parent?: string;
  readonly description: string;
}

export interface DiscoveredThemes {
  /** The themes papers are in: top-level themes and sub-themes, never a parent itself. */
  readonly themes: readonly DiscoveredTheme[];
  /** Per document, its theme's position in `themes`; -1 for one that shares no feature with any other, or with too few to make a theme. */
  readonly themeOf: Int32Array;
  /** Per document, the features it was clustered by: to place papers afterwards by the same measure. */
  readonly vectors: readonly SparseVector[];
}

export interface DiscoveryOptions {
  /** Names not to give (the user's own theme definitions'), lower case. */
  readonly taken?: ReadonlySet<string>;
  /** A theme of more papers than this gets sub-themes (see `SUB_THEMES_FROM`). */
  readonly subThemesFrom?: number;
  /** Most papers a group is split over (see `SPLIT_SAMPLE`); the rest join the part they most resemble. */
  readonly splitSample?: number;
}

/** Fewest and most themes at the top, whatever the library's size. */
const FEWEST_THEMES = 6;
const MOST_THEMES = 20;
/** A theme of more papers than this is too many to scan, and gets sub-themes. */
const SUB_THEMES_FROM = 150;
const MOST_SUB_THEMES = 12;
const SUB_THEME_SIZE = 120;
/** Most papers a theme is split into sub-themes over (see `SPLIT_SAMPLE`): about a hundred for each of its most sub-themes. */
const SUB_THEMES_SAMPLE = 1500;
const PHRASES_DESCRIBED = 6;
/**
 * Most papers of a group whose phrases are counted to name it, spread evenly over the group:
 * a few hundred papers show which phrases a topic's papers share as well as all of them do.
 */
const NAMED_FROM = 400;
const SUB_THEME_NAMED_FROM = 200;

/** How many themes `n` papers get at the top: more for a larger library, in the bounds above. */
export function topThemeCount(n: number): number {
  return Math.max(1, Math.min(MOST_THEMES, Math.max(FEWEST_THEMES, Math.round(Math.sqrt(n / 2))), Math.floor(n / 3)));
}

/**
 * Clusters the documents and names each cluster from its own papers' words. Deterministic:
 * the same documents in the same order give the same themes.
 */
export function* discoverThemes(docs: readonly ThemeDocument[], options: DiscoveryOptions = {}): Work<DiscoveredThemes> {
  const vectors = yield* themeVectors(docs);
  const dimension = featureCount(vectors);
  const placed = Int32Array.from(vectors.keys()).filter((i) => vectors[i].ids.length > 0);
  const count = topThemeCount(placed.length);
  const minSize = minThemeSize(placed.length);
  // A group smaller than a theme is left only when it shares nothing with any other (two copies
  // of an entry titled "Paper102"): it is no topic of the library, and its papers wait unsorted.
  const top = placed.length ? (yield* bisect(vectors, dimension, placed, count, minSize, options.splitSample)).filter((c) => c.members.length >= minSize) : [];

  const taken = new Set(options.taken ?? []);
  const topCounts = yield* countPhrases(docs, top, NAMED_FROM);
  const all = new PhraseCounts();
  for (const counts of topCounts) {
    all.addAll(counts);
    yield;
  }
  const topNames = yield* nameGroups(topCounts, all, taken, top);
  // A word common to the library names no sub-theme either ("Flow" under "Glacier flow model").
  const common = spreadWords(topCounts);

  const themes: DiscoveredTheme[] = [];
  const themeOf = new Int32Array(docs.length).fill(-1);
  const order = [...top.keys()].sort((a, b) => compareNames(topNames[a].name, topNames[b].name));
  for (const t of order) {
    const cluster = top[t];
    const subs = cluster.members.length > (options.subThemesFrom ?? SUB_THEMES_FROM) ? yield* bisect(vectors, dimension, cluster.members, subThemeCount(cluster.members.length), minThemeSize(cluster.members.length), options.splitSample ?? SUB_THEMES_SAMPLE) : [];
    if (subs.length < 2) {
      cluster.members.forEach((m) => (themeOf[m] = themes.length));
      themes.push(topNames[t]);
      continue;
    }
    const subCounts = yield* countPhrases(docs, subs, SUB_THEME_NAMED_FROM);
    // `taken` holds every top-level name, and gets these: no two themes anywhere share a name.
    const subNames = yield* nameGroups(subCounts, topCounts[t], taken, subs, common);
    for (const s of [...subs.keys()].sort((a, b) => compareNames(subNames[a].name, subNames[b].name))) {
      subs[s].members.forEach((m) => (themeOf[m] = themes.length));
      themes.push({ ...subNames[s], parent: topNames[t].name });
    }
  }
  return { themes, themeOf, vectors };
}

/** Smallest theme worth having in a group of `n` papers: smaller ones join the theme they most resemble. */
export function minThemeSize(n: number): number {
  return Math.max(3, Math.round(n / 300));
}

/** Sub-themes of about `SUB_THEME_SIZE` papers each: few enough to scan, large enough to be a topic. */
function subThemeCount(n: number): number {
  return Math.min(MOST_SUB_THEMES, Math.max(2, Math.round(n / SUB_THEME_SIZE)));
}

function* countPhrases(docs: readonly ThemeDocument[], clusters: readonly Cluster[], most: number): Work<PhraseCounts[]> {
  const counts: PhraseCounts[] = [];
  for (const cluster of clusters) {
    const c = new PhraseCounts();
    for (const [k, m] of evenSample(cluster.members, most).entries()) {
      c.add(docs[m]);
      if (k % 256 === 0) yield;
    }
    counts.push(c);
  }
  return counts;
}

/**
 * A name and description for each group, the groups' names all different and not in `taken`
 * (which gets them), none a word common to the groups or in `common` alone. A group no phrase
 * names well is named by its most common phrase.
 */
export function* nameGroups(counts: readonly PhraseCounts[], all: PhraseCounts, taken: Set<string>, clusters: readonly Cluster[], common: ReadonlySet<string> = new Set()): Work<DiscoveredTheme[]> {
  const candidates: ReturnType<typeof telling>[] = [];
  for (const c of counts) {
    candidates.push(telling(c, all));
    yield;
  }
  const generic = new Set([...spreadWords(counts), ...common]);
  // Groups of more papers choose first: their names are seen first and most.
  const order = [...counts.keys()].sort((a, b) => clusters[b].members.length - clusters[a].members.length || a - b);
  const named: DiscoveredTheme[] = [];
  for (const g of order) {
    // Sorted only when needed: a group has thousands of phrases, and most groups are named without.
    let sorted: { key: string; score: number }[] | undefined;
    const fallback = () => (sorted ??= [...counts[g].papers].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => ({ key, score: 0 })));
    let name = themeName(counts[g], candidates[g], taken, generic) ?? themeName(counts[g], fallback(), taken, generic) ?? themeName(counts[g], fallback(), taken);
    for (let n = 2; !name || taken.has(name.toLowerCase()); n++) name = `${themeName(counts[g], fallback(), new Set()) ?? 'Papers'} (${n})`;
    taken.add(name.toLowerCase());
    const phrases = tellingPhrases(counts[g], candidates[g].length ? candidates[g] : fallback(), PHRASES_DESCRIBED);
    named[g] = { name, description: `Found in these papers' own words: ${phrases.join(', ')}.` };
    yield;
  }
  return named;
}

function compareNames(a: string, b: string): number {
  return NAME_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** As `localeCompare(b, 'en', { sensitivity: 'base' })`, made once: each such call makes a collator. */
export const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });
