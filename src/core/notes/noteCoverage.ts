// What a note cites, by theme, and which themes it leaves out.
import type { LibraryView } from '../model/libraryView';
import type { NoteCitation } from './noteScanner';
import type { Paper } from '../model/paper';
import type { ThemeDefinition } from '../search/themes';

/** A paper a note cites: how often, and where first. */
export interface CitedPaper {
  readonly paper: Paper;
  readonly count: number;
  readonly first: NoteCitation;
}

/** The papers a note cites from one theme, in order of first citation. */
export interface CitedTheme {
  readonly theme: ThemeDefinition;
  readonly papers: readonly CitedPaper[];
}

/** A key the note cites that is not in the library. */
export interface UnresolvedKey {
  readonly key: string;
  readonly count: number;
  readonly first: NoteCitation;
}

/** What a note cites: themes in order of their first citation, and the keys the library lacks. */
export interface NoteCoverage {
  readonly themes: readonly CitedTheme[];
  readonly unresolved: readonly UnresolvedKey[];
}

/** An uncovered theme and the papers of it a writer should consider next, best first. */
export interface ThemeSuggestions {
  readonly theme: ThemeDefinition;
  readonly papers: readonly Paper[];
}

/** How many related papers of each cited paper are pooled: enough to reach beyond its own theme. */
const RELATED_PER_CITED = 100;

/** Groups a note's citations (in text order, as the scanner gives them) by theme and counts them. */
export function noteCoverage(citations: readonly NoteCitation[], themes: readonly ThemeDefinition[]): NoteCoverage {
  const papers = new Map<string, { paper: Paper; count: number; first: NoteCitation }>();
  const unresolved = new Map<string, { key: string; count: number; first: NoteCitation }>();
  for (const citation of citations) {
    const { paper, key } = citation;
    const seen = paper ? papers.get(key) : unresolved.get(key);
    if (seen) seen.count++;
    else if (paper) papers.set(key, { paper, count: 1, first: citation });
    else unresolved.set(key, { key, count: 1, first: citation });
  }
  // Maps keep insertion order: papers, and so their themes, come in order of first citation.
  const byTheme = new Map<string, CitedPaper[]>();
  for (const cited of papers.values()) {
    const list = byTheme.get(cited.paper.theme);
    if (list) list.push(cited);
    else byTheme.set(cited.paper.theme, [cited]);
  }
  const definitions = new Map(themes.map((t) => [t.name, t]));
  return {
    themes: [...byTheme].map(([name, cited]) => ({ theme: definitions.get(name) ?? { name, keywords: [] }, papers: cited })),
    unresolved: [...unresolved.values()],
  };
}

/**
 * For each theme of the library that none of `cited` belongs to, up to `perTheme` uncited
 * papers to read next: those most related to the cited papers taken together (their related
 * scores summed), else, when nothing cited relates to the theme, its first papers by title.
 * Themes with related papers come first, most related first; the rest in library order.
 */
export function uncoveredThemes(library: LibraryView, cited: readonly Paper[], perTheme = 3): ThemeSuggestions[] {
  const covered = new Set(cited.map((p) => p.theme));
  const relevance = new Map<Paper, number>();
  for (const paper of cited) {
    for (const { paper: related, score } of library.relatedTo(paper, RELATED_PER_CITED)) {
      if (!covered.has(related.theme)) relevance.set(related, (relevance.get(related) ?? 0) + score);
    }
  }
  const byRelevance = (a: Paper, b: Paper) => relevance.get(b)! - relevance.get(a)! || a.title.localeCompare(b.title);
  return library
    .themeGroups()
    .filter((group) => !covered.has(group.theme.name))
    .map((group) => {
      const related = group.papers.filter((p) => relevance.has(p)).sort(byRelevance);
      const papers = (related.length ? related : group.papers).slice(0, perTheme);
      return { theme: group.theme, papers, best: related.length ? relevance.get(related[0])! : 0 };
    })
    .sort((a, b) => b.best - a.best)
    .map(({ theme, papers }) => ({ theme, papers }));
}
