/** Keeps the user's names for themes across a recomputation, by matching old themes to new ones by their papers. */
import type { ThemeOverrides } from '../search/themeOverrides';

/** More than this share of a renamed theme's papers must be in one new theme for the name to go with them. */
const KEPT_SHARE = 0.5;

/** Where the papers were shown before and are now at the level of themes of sub-themes. */
export interface ParentsMatched {
  /** Each new theme's parent (before the overrides), for sub-themes. */
  readonly of: ReadonlyMap<string, string>;
  /** Each paper's parent theme as shown before, by key, for papers shown in a sub-theme. */
  readonly shownBefore: ReadonlyMap<string, string>;
}

/**
 * For each rename of a theme no longer found (discovered themes are named from their papers,
 * and a changed library may name them otherwise), the new theme that now holds most of the
 * papers shown under the user's name, if it holds more than half of them: old name → new name.
 * `shownBefore` gives each paper's theme as shown before, by key; `names` and `keys` each
 * paper's new theme (before the overrides) and key. A rename of a theme of sub-themes goes to
 * the new theme of sub-themes that holds most of its papers, by `parents`; a theme the user
 * moved papers to (`moves`) is matched as a rename to its own name. A new theme takes at most
 * one name.
 */
export function matchedRenames(
  renames: ThemeOverrides['renames'],
  names: readonly string[],
  keys: readonly string[],
  shownBefore: ReadonlyMap<string, string>,
  parents: ParentsMatched = { of: new Map(), shownBefore: new Map() },
  moves: ThemeOverrides['moves'] = new Map(),
): Map<string, string> {
  const found = new Set([...names, ...parents.of.values()]);
  const matched = new Map<string, string>();
  const taken = new Set([...renames.keys()].filter((name) => found.has(name)));
  // A theme papers were moved to, no longer found and no rename's: kept as if the user had
  // named it so, for the theme that now holds its other papers (see `withMatchedRenames`).
  const named = new Set(renames.values());
  const moveTargets = [...new Set(moves.values())].filter((theme) => !found.has(theme) && !named.has(theme)).map((theme) => [theme, theme] as const);
  for (const [from, to] of [...renames, ...moveTargets]) {
    if (found.has(from)) continue;
    // The papers shown under the user's name, and where each is now, at the same level; not
    // those the user moved there, which the new themes place by their own words.
    const shown = (before: ReadonlyMap<string, string>) => (key: string) => before.get(key) === to && !moves.has(key);
    let counts = papersNow(keys, shown(shownBefore), (i) => names[i]);
    if (counts.papers === 0) counts = papersNow(keys, shown(parents.shownBefore), (i) => parents.of.get(names[i]) ?? '');
    const [best, count] = [...counts.now].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    if (best !== '' && count > KEPT_SHARE * counts.papers && !taken.has(best)) {
      matched.set(from, best);
      taken.add(best);
    }
  }
  return matched;
}

/** How many of the papers `wanted` picks are now under each name `now` gives. */
function papersNow(keys: readonly string[], wanted: (key: string) => boolean, now: (i: number) => string): { papers: number; now: Map<string, number> } {
  const counts = new Map<string, number>();
  let papers = 0;
  keys.forEach((key, i) => {
    if (!wanted(key)) return;
    papers++;
    counts.set(now(i), (counts.get(now(i)) ?? 0) + 1);
  });
  return { papers, now: counts };
}

/**
 * The overrides with each matched rename moved to the new theme's name (see `matchedRenames`);
 * a theme papers were moved to, matched, becomes the new theme's name.
 */
export function withMatchedRenames(overrides: ThemeOverrides, matched: ReadonlyMap<string, string>): ThemeOverrides {
  if (matched.size === 0) return overrides;
  const renames = new Map(overrides.renames);
  for (const [from, to] of matched) {
    renames.set(to, renames.get(from) ?? from);
    renames.delete(from);
  }
  return { renames, moves: overrides.moves };
}
