/**
 * A library's themes: the theme definitions (shipped or the user's) for the papers of the
 * field they describe, themes discovered from the papers themselves for every other paper.
 */
import type { Work } from '../work/slices';
import { assignThemes, keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../search/themes';
import { discoverThemes } from './themeDiscovery';
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
    for (let i = 0; i < docs.length; i++) {
      const top = topOf(i);
      const counts = placed.get(top)!;
      // A paper no other paper resembles goes by its own keywords.
      if (top === undefined ? keyword[i] >= 0 : counts.matched >= DEFINED_SHARE * counts.all) defined.push(i);
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
