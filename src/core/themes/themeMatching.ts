/** Keeps the user's names for themes across a recomputation, by matching old themes to new ones by their papers. */
import type { ThemeOverrides } from '../search/themeOverrides';

/** More than this share of a renamed theme's papers must be in one new theme for the name to go with them. */
const KEPT_SHARE = 0.5;

/**
 * For each rename of a theme no longer found (discovered themes are named from their papers,
 * and a changed library may name them otherwise), the new theme that now holds most of the
 * papers shown under the user's name, if it holds more than half of them: old name → new name.
 * `shownBefore` gives each paper's theme as shown before, by key; `names` and `keys` each
 * paper's new theme (before the overrides) and key. A new theme takes at most one name.
 */
export function matchedRenames(renames: ThemeOverrides['renames'], names: readonly string[], keys: readonly string[], shownBefore: ReadonlyMap<string, string>): Map<string, string> {
  const found = new Set(names);
  const matched = new Map<string, string>();
  const taken = new Set([...renames.keys()].filter((name) => found.has(name)));
  for (const [from, to] of renames) {
    if (found.has(from)) continue;
    const counts = new Map<string, number>();
    let papers = 0;
    keys.forEach((key, i) => {
      if (shownBefore.get(key) !== to) return;
      papers++;
      counts.set(names[i], (counts.get(names[i]) ?? 0) + 1);
    });
    const [best, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    if (count > KEPT_SHARE * papers && !taken.has(best)) {
      matched.set(from, best);
      taken.add(best);
    }
  }
  return matched;
}

/** The overrides with each matched rename moved to the new theme's name (see `matchedRenames`). */
export function withMatchedRenames(overrides: ThemeOverrides, matched: ReadonlyMap<string, string>): ThemeOverrides {
  if (matched.size === 0) return overrides;
  const renames = new Map(overrides.renames);
  for (const [from, to] of matched) {
    renames.set(to, renames.get(from)!);
    renames.delete(from);
  }
  return { renames, moves: overrides.moves };
}
