// Puts each paper under a theme, by keywords, else by resemblance to the theme's papers.
import type { LibraryDiagnostic } from '../model/paper';
import type { Work } from '../work/slices';
import { contentTerms } from './text';
import { documentTerms, dotDense, TermSpace, type TermsMemo, type TextDocument } from './termVectors';

export interface ThemeDefinition {
  readonly name: string;
  /** A codicon id for the sidebar. */
  readonly icon?: string;
  readonly description?: string;
  /** The theme this one is a sub-theme of, shown above it in the sidebar; a parent holds no paper itself. */
  readonly parent?: string;
  /** Words or phrases; matched on content terms, case-insensitively, plurals folded. */
  readonly keywords: readonly string[];
}

/** Where papers go only when they share no vocabulary with any theme at all. */
export const UNSORTED_THEME: ThemeDefinition = {
  name: 'Unsorted',
  icon: 'question',
  description: 'Papers that fit no theme well: too few alike ones to make a theme of their own yet.',
  keywords: [],
};

const TITLE_WEIGHT = 3;
const ABSTRACT_CAP = 3;
/** Below this keyword score a paper is placed by resemblance to the other papers instead. */
const CONFIDENT_SCORE = 2;

/** Reads a theme definitions file; bad entries are reported and skipped, good ones kept. */
export function parseThemeDefinitions(text: string, file: string): { themes: ThemeDefinition[]; diagnostics: LibraryDiagnostic[] } {
  const diagnostics: LibraryDiagnostic[] = [];
  const fail = (message: string, line = 1) => diagnostics.push({ file, line, severity: 'error', message });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(`not valid JSON: ${(error as Error).message}`);
    return { themes: [], diagnostics };
  }
  const list = (data as { themes?: unknown })?.themes;
  if (!Array.isArray(list)) {
    fail('expected an object with a "themes" array');
    return { themes: [], diagnostics };
  }
  const themes: ThemeDefinition[] = [];
  const names = new Set<string>();
  list.forEach((entry: Record<string, unknown>, index): void => {
    const line = lineOfNth(text, '"name"', index);
    const name = typeof entry?.name === 'string' ? entry.name.trim() : '';
    const keywords = Array.isArray(entry?.keywords) ? entry.keywords.filter((k): k is string => typeof k === 'string' && k.trim() !== '') : [];
    const problem = !name
      ? `theme ${index + 1} has no "name"; skipped`
      : names.has(name)
        ? `theme "${name}" is defined twice; the second is skipped`
        : keywords.length === 0
          ? `theme "${name}" has no "keywords"; skipped`
          : undefined;
    if (problem) {
      fail(problem, line);
      return;
    }
    names.add(name);
    themes.push({
      name,
      keywords,
      ...(typeof entry.icon === 'string' ? { icon: entry.icon } : {}),
      ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
    });
  });
  return { themes, diagnostics };
}

function lineOfNth(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return 1;
  }
  return text.slice(0, at).split('\n').length;
}

/** Keyword phrases of every theme, indexed by their first term for one pass over a text. */
class KeywordMatcher {
  private readonly byFirstTerm = new Map<string, { theme: number; terms: string[] }[]>();

  constructor(themes: readonly ThemeDefinition[]) {
    themes.forEach((theme, index) => {
      for (const keyword of new Set(theme.keywords.map((k) => contentTerms(k).join(' ')))) {
        const terms = keyword.split(' ').filter(Boolean);
        if (terms.length === 0) continue;
        const list = this.byFirstTerm.get(terms[0]) ?? [];
        list.push({ theme: index, terms });
        this.byFirstTerm.set(terms[0], list);
      }
    });
  }

  /** Adds to `scores` each theme's matches in `terms`, each keyword counted at most `cap` times. */
  score(terms: readonly string[], weight: number, cap: number, scores: Float64Array): void {
    const hits = new Map<string[], number>();
    terms.forEach((term, at) => {
      for (const phrase of this.byFirstTerm.get(term) ?? []) {
        if (!phrase.terms.every((t, k) => terms[at + k] === t)) continue;
        const seen = hits.get(phrase.terms) ?? 0;
        if (seen >= cap) continue;
        hits.set(phrase.terms, seen + 1);
        // Phrases are more telling than single words.
        scores[phrase.theme] += weight * (1 + 0.5 * (phrase.terms.length - 1));
      }
    });
  }
}

/**
 * One theme per paper. Keywords place the papers they clearly describe; every other paper
 * joins the theme whose placed papers it resembles most (TF-IDF centroid), so papers no
 * keyword list foresaw still land beside their neighbours. Deterministic: ties go to the
 * theme listed first.
 *
 * `keyword` is each document's `keywordThemes`, when the caller has them already.
 */
export function* assignThemes(docs: readonly TextDocument[], themes: readonly ThemeDefinition[], keyword?: Int32Array): Work<string[]> {
  if (themes.length === 0) return docs.map(() => UNSORTED_THEME.name);
  const chosen = keyword ? Int32Array.from(keyword) : yield* keywordThemes(docs, themes);
  const unplaced: number[] = [];
  const members: number[][] = themes.map(() => []);
  for (const [i, t] of chosen.entries()) {
    if (t < 0) unplaced.push(i);
    else members[t].push(i);
    if (i % 1024 === 0) yield;
  }
  if (unplaced.length > 0) {
    const vectors = yield* TermSpace.build(docs);
    const centroids: (Float32Array | undefined)[] = [];
    for (const m of members) {
      centroids.push(m.length > 0 ? vectors.centroid(m) : undefined);
      yield;
    }
    const similarity = new Float64Array(themes.length);
    for (const i of unplaced) {
      centroids.forEach((c, t) => (similarity[t] = c ? dotDense(vectors.vectors[i], c) : 0));
      const best = argmax(similarity);
      if (similarity[best] > 0) chosen[i] = best;
      yield;
    }
  }
  return Array.from(chosen, (t) => (t < 0 ? UNSORTED_THEME.name : themes[t].name));
}

/** Per document, the theme its keywords clearly place it in (see `CONFIDENT_SCORE`), or -1. */
export function* keywordThemes(docs: readonly TextDocument[], themes: readonly ThemeDefinition[], memo?: TermsMemo): Work<Int32Array> {
  const matcher = new KeywordMatcher(themes);
  const chosen = new Int32Array(docs.length).fill(-1);
  const scores = new Float64Array(themes.length);
  for (let i = 0; i < docs.length; i++) {
    scores.fill(0);
    const terms = memo?.of(docs[i]) ?? documentTerms(docs[i]);
    matcher.score(terms.title, TITLE_WEIGHT, Infinity, scores);
    matcher.score(terms.abstract, 1, ABSTRACT_CAP, scores);
    const best = argmax(scores);
    if (scores.length && scores[best] >= CONFIDENT_SCORE) chosen[i] = best;
    yield;
  }
  return chosen;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
