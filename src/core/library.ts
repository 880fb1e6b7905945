import { createHash } from 'node:crypto';
import { citationKeysFor } from './citationKey';
import { libraryFormatOf, readLibrary, type LibraryContent, type LibrarySource } from './libraryContent';
import type { LibraryDiagnostic, Paper } from './paper';
import { RelatedPapers } from './relatedPapers';
import { PaperIndex } from './searchIndex';
import { TermSpace } from './termVectors';
import { applyThemeOverrides, NO_THEME_OVERRIDES, themeDefinitionsWithOverrides, type ThemeOverrides } from './themeOverrides';
import { assignThemes, UNSORTED_THEME, type ThemeDefinition } from './themes';

export interface LibraryOptions {
  readonly themes: readonly ThemeDefinition[];
  /** The user's renames and moves, applied to the themes the definitions give. */
  readonly themeOverrides?: ThemeOverrides;
  /** A cache saved by `toCache()`; used only if it was made from the same content. */
  readonly cache?: string;
}

export interface SearchResult {
  readonly paper: Paper;
  readonly score: number;
  /** Words of the paper that matched the query (lower case), for highlighting. */
  readonly terms: readonly string[];
  readonly queryTerms: readonly string[];
}

export interface RelatedPaper {
  readonly paper: Paper;
  readonly score: number;
}

export interface ThemeGroup {
  readonly theme: ThemeDefinition;
  /** Sorted by title. */
  readonly papers: readonly Paper[];
}

/** Bump when the cache layout or anything that shapes the index changes. */
const CACHE_SCHEMA = 3;

interface CacheHeader {
  readonly schema: number;
  readonly contentHash: string;
  /** Per paper (two may share one): keys are settled across the whole library, which costs time at 100k papers. */
  readonly keys: readonly string[];
  readonly themeNames: readonly string[];
  /** Per paper, an index into themeNames. */
  readonly themeOf: readonly number[];
}

/**
 * The papers of every library file, with their keys and themes, searchable and linked to
 * their related papers. Immutable: a changed file makes a new library.
 */
export class PaperLibrary {
  /** The first paper with each key; `laterIds` has the others, for keys that entries share. */
  private readonly idByKey = new Map<string, number>();
  private readonly laterIds = new Map<string, number[]>();
  private related?: RelatedPapers;

  private constructor(
    readonly papers: readonly Paper[],
    readonly diagnostics: readonly LibraryDiagnostic[],
    readonly themes: readonly ThemeDefinition[],
    readonly contentHash: string,
    private readonly index: PaperIndex,
    /** True when the themes and index came from the cache rather than being computed. */
    readonly fromCache: boolean,
  ) {
    papers.forEach((p, id) => {
      if (!this.idByKey.has(p.key)) this.idByKey.set(p.key, id);
      else this.laterIds.set(p.key, [...(this.laterIds.get(p.key) ?? []), id]);
    });
  }

  /** Reads every source, in any format (see `readLibrary`), and builds the library from them. */
  static async fromSources(sources: readonly LibrarySource[], options: LibraryOptions): Promise<PaperLibrary> {
    return PaperLibrary.fromContent(await readLibrary(sources), options);
  }

  /** With a matching cache the keys, themes and search index are restored, not recomputed. */
  static fromContent(content: LibraryContent, options: LibraryOptions): PaperLibrary {
    const { sources, entries, diagnostics } = content;
    const overrides = options.themeOverrides ?? NO_THEME_OVERRIDES;
    const contentHash = hashContent(sources, options.themes, overrides);
    const cached = readCache(options.cache, contentHash, entries.length);
    const keys = cached ? cached.header.keys : citationKeysFor(entries);

    let space: TermSpace | undefined;
    const themeNames = cached
      ? cached.header.themeOf.map((t) => cached.header.themeNames[t])
      : applyThemeOverrides(keys, assignThemes(entries, options.themes, (space = TermSpace.build(entries))), overrides);
    const papers: Paper[] = entries.map((e, i) => ({ ...e, key: keys[i], theme: themeNames[i] }));
    const restored = cached && restoreIndex(cached.indexJson);
    const index = restored || buildIndex(papers);

    const used = new Set(themeNames);
    const themes = themeDefinitionsWithOverrides([...options.themes, UNSORTED_THEME], overrides).filter((t) => used.has(t.name));
    const library = new PaperLibrary(papers, diagnostics, themes, contentHash, index, Boolean(restored));
    if (space) library.related = library.relatedFinder(space);
    return library;
  }

  /** The first paper with the key, in file order. */
  paperByKey(key: string): Paper | undefined {
    const id = this.idByKey.get(key);
    return id === undefined ? undefined : this.papers[id];
  }

  /** Every paper with the key: more than one when library files share it. */
  papersByKey(key: string): Paper[] {
    return this.idsOf(key).map((id) => this.papers[id]);
  }

  private idsOf(key: string): number[] {
    const first = this.idByKey.get(key);
    return first === undefined ? [] : [first, ...(this.laterIds.get(key) ?? [])];
  }

  /** Papers grouped by theme, themes in definition order, empty themes left out. */
  themeGroups(): ThemeGroup[] {
    return this.themes.map((theme) => ({
      theme,
      papers: this.papers.filter((p) => p.theme === theme.name).sort((a, b) => a.title.localeCompare(b.title)),
    }));
  }

  search(query: string, limit = 20): SearchResult[] {
    return this.index.search(query, limit).map((hit) => ({ ...hit, paper: this.papers[hit.id] }));
  }

  suggest(query: string, limit = 10): string[] {
    return this.index.suggest(query, limit);
  }

  /** The papers a reader of `paper` should look at next, most related first. */
  relatedTo(paper: Paper, limit = 10): RelatedPaper[] {
    const ids = this.idsOf(paper.key);
    // The paper itself when it is from this library; else the one that has its key now.
    const id = ids.find((i) => this.papers[i] === paper) ?? ids[0];
    if (id === undefined) return [];
    this.related ??= this.relatedFinder(TermSpace.build(this.papers));
    return this.related.for(id, limit).map((hit) => ({ paper: this.papers[hit.id], score: hit.score }));
  }

  /** Themes and index, to pass back as `LibraryOptions.cache` next time. */
  toCache(): string {
    const themeNames = this.themes.map((t) => t.name);
    const position = new Map(themeNames.map((name, i) => [name, i]));
    const header: CacheHeader = {
      schema: CACHE_SCHEMA,
      contentHash: this.contentHash,
      keys: this.papers.map((p) => p.key),
      themeNames,
      themeOf: this.papers.map((p) => position.get(p.theme)!),
    };
    return `${JSON.stringify(header)}\n${this.index.toJSON()}`;
  }

  private relatedFinder(space: TermSpace): RelatedPapers {
    return new RelatedPapers(space, (id) => this.papers[id].theme);
  }
}

function buildIndex(papers: readonly Paper[]): PaperIndex {
  return PaperIndex.build(papers.map((p, id) => ({ id, title: p.title, abstract: p.abstract, key: p.key, theme: p.theme })));
}

function restoreIndex(json: string): PaperIndex | undefined {
  try {
    return PaperIndex.fromJSON(json);
  } catch {
    return undefined; // a damaged cache is no cache
  }
}

/** Keyed on everything that shapes the papers, their themes and the index: the format too. */
function hashContent(sources: readonly LibrarySource[], themes: readonly ThemeDefinition[], overrides: ThemeOverrides): string {
  const hash = createHash('sha256').update(`schema ${CACHE_SCHEMA}\n`).update(JSON.stringify(themes));
  // Only when there are any, so that a cache made before there were overrides stays good.
  if (overrides.renames.size || overrides.moves.size) hash.update(JSON.stringify([[...overrides.renames], [...overrides.moves]]));
  for (const source of sources) hash.update(`\n${libraryFormatOf(source.file)} ${source.bytes.length}\n`).update(source.bytes);
  return hash.digest('hex');
}

function readCache(cache: string | undefined, contentHash: string, paperCount: number): { header: CacheHeader; indexJson: string } | undefined {
  if (!cache) return undefined;
  const newline = cache.indexOf('\n');
  try {
    const header = JSON.parse(cache.slice(0, newline)) as CacheHeader;
    const valid =
      header.schema === CACHE_SCHEMA && header.contentHash === contentHash && header.themeOf?.length === paperCount && header.keys?.length === paperCount;
    return valid ? { header, indexJson: cache.slice(newline + 1) } : undefined;
  } catch {
    return undefined; // a damaged cache is no cache
  }
}
