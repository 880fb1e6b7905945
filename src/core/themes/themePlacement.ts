/** Where papers added to a library go: into the themes it has, by resemblance, so that no paper already placed moves. */
import type { Work } from '../work/slices';
import { dotDense, type TermSpace, type TermsMemo, type TextDocument } from '../search/termVectors';
import { keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../search/themes';

/**
 * The themes of `added`, whose vectors follow those of a sample of the library's papers in
 * `space` (`sampleThemes` gives the sample's themes): each joins the theme of the sample whose
 * papers it most resembles. Where that is a theme of the definitions, the definitions' keywords
 * choose among theirs, as they do in a library made afresh. A paper that resembles none goes
 * to the unsorted theme until the themes are recomputed.
 */
export function* placedByResemblance(
  space: TermSpace,
  sampleThemes: readonly string[],
  added: readonly TextDocument[],
  definitions: readonly ThemeDefinition[],
  memo?: TermsMemo,
): Work<string[]> {
  const names = [...new Set(sampleThemes)].filter((name) => name !== UNSORTED_THEME.name);
  const members = names.map(() => [] as number[]);
  const position = new Map(names.map((name, t) => [name, t]));
  sampleThemes.forEach((name, i) => {
    const t = position.get(name);
    if (t !== undefined) members[t].push(i);
  });
  const centroids: Float32Array[] = [];
  for (const m of members) {
    centroids.push(space.centroid(m));
    yield;
  }
  const keyword = definitions.length ? yield* keywordThemes(added, definitions, memo) : new Int32Array(added.length).fill(-1);
  const defined = new Set(definitions.map((d) => d.name));
  const placed: string[] = [];
  for (let k = 0; k < added.length; k++) {
    const vector = space.vectors[sampleThemes.length + k];
    let best = -1;
    let bestScore = 0;
    centroids.forEach((c, t) => {
      const score = dotDense(vector, c);
      if (score > bestScore) [best, bestScore] = [t, score];
    });
    const resembled = best < 0 ? undefined : names[best];
    const inDefinitions = resembled === undefined || defined.has(resembled);
    placed.push(inDefinitions && keyword[k] >= 0 ? definitions[keyword[k]].name : (resembled ?? UNSORTED_THEME.name));
    yield;
  }
  return placed;
}
