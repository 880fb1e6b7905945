// The library cache's format: what a library saves of itself (keys, themes, title order, index) and checks on reading it back.
import { createHash } from 'node:crypto';
import { libraryFormatOf, sizeOf, type LibraryInput } from '../formats/libraryContent';
import { JsonLinesReader, JsonLinesWriter } from '../formats/jsonLines';
import { PaperIndex } from '../search/searchIndex';
import type { ThemeOverrides } from '../search/themeOverrides';
import type { ThemeDefinition } from '../search/themes';
import { mapWork, type Work } from '../work/slices';
import type { ThemeGroup } from './libraryView';
import type { Paper } from './paper';


/** Bump when the cache layout or anything that shapes the index or the themes found changes. */
const CACHE_SCHEMA = 9;

/**
 * The first line of a cache; then, as arrays (see `JsonLinesWriter`): per paper, its key
 * (settled across the whole library, which takes time for a large one) and its theme (an index
 * into `themeNames`); the papers in title order (sorting many titles as people read them is
 * slow); then the search index.
 */
interface CacheHeader {
  readonly schema: number;
  readonly contentHash: string;
  readonly themeNames: readonly string[];
  /** The themes found and defined, before the user's overrides; each paper's is an index into them. */
  readonly baseThemes: readonly ThemeDefinition[];
}

/** The themes found and defined, before the user's overrides, and each paper's theme's name among them. */
export interface BaseThemes {
  readonly themes: readonly ThemeDefinition[];
  readonly names: readonly string[];
}

export interface CachedLibrary {
  readonly keys: readonly string[];
  readonly themeNames: readonly string[];
  readonly themeOf: readonly number[];
  readonly baseThemes: readonly ThemeDefinition[];
  readonly baseThemeOf: readonly number[];
  readonly titleOrder: readonly number[];
  /** Where the saved index starts, restored by `makeIndex`. */
  readonly index: JsonLinesReader;
}

/** Writes the cache's header, keys, themes and title order; the index, if kept in this thread, follows. */
export function* writeCatalogue(contentHash: string, themes: readonly ThemeDefinition[], papers: readonly Paper[], groups: readonly ThemeGroup[], base: BaseThemes): Work<JsonLinesWriter> {
  const themeNames = themes.map((t) => t.name);
  const position = new Map(themeNames.map((name, i) => [name, i]));
  const idOf = new Map<Paper, number>();
  for (const [id, paper] of papers.entries()) {
    idOf.set(paper, id);
    yield;
  }
  const writer = new JsonLinesWriter();
  const basePosition = new Map(base.themes.map((t, i) => [t.name, i]));
  writer.value({ schema: CACHE_SCHEMA, contentHash, themeNames, baseThemes: base.themes } satisfies CacheHeader);
  yield* writer.array(yield* mapWork(papers, (p) => p.key));
  yield* writer.array(yield* mapWork(papers, (p) => position.get(p.theme)!));
  yield* writer.array(yield* mapWork(base.names, (name) => basePosition.get(name) ?? -1));
  // Grouped, each group in title order: grouping this order again gives the same groups.
  yield* writer.array(yield* mapWork(groups.flatMap((g) => g.papers), (p) => idOf.get(p)!));
  return writer;
}

/** Keyed on everything that shapes the papers, their themes and the index: the format too. */
export function hashContent(sources: readonly LibraryInput[], hashes: readonly string[], themes: readonly ThemeDefinition[], overrides: ThemeOverrides): string {
  const hash = createHash('sha256').update(`schema ${CACHE_SCHEMA}\n`).update(JSON.stringify(themes));
  // Only when there are any, so that a cache made before there were overrides stays good.
  if (overrides.renames.size || overrides.moves.size) hash.update(JSON.stringify([[...overrides.renames], [...overrides.moves]]));
  sources.forEach((source, i) => hash.update(`\n${libraryFormatOf(source.file)} ${sizeOf(source)} ${hashes[i]}`));
  return hash.digest('hex');
}

/** The cache's keys, themes, title order and index, if it was made from this content; else nothing. */
export function* readCache(cache: string | readonly string[] | undefined, contentHash: string, paperCount: number): Work<CachedLibrary | undefined> {
  if (!cache) return undefined;
  try {
    const reader = new JsonLinesReader(cache);
    const header = reader.value<CacheHeader>();
    if (header.schema !== CACHE_SCHEMA || header.contentHash !== contentHash) return undefined;
    const keys = yield* reader.array<string>();
    const themeOf = yield* reader.array<number>();
    const baseThemeOf = yield* reader.array<number>();
    const titleOrder = yield* reader.array<number>();
    if ([keys, themeOf, baseThemeOf, titleOrder].some((a) => a.length !== paperCount)) return undefined;
    if (!Array.isArray(header.baseThemes) || baseThemeOf.some((t) => !header.baseThemes[t])) return undefined;
    return { keys, themeNames: header.themeNames, themeOf, baseThemes: header.baseThemes, baseThemeOf, titleOrder, index: reader };
  } catch {
    return undefined; // a damaged cache is no cache
  }
}

/** Whether `cache` was saved from the content `contentHash` gives: its first line alone is read. */
export function cacheIsFor(cache: string | readonly string[] | undefined, contentHash: string): boolean {
  if (!cache) return false;
  try {
    const header = new JsonLinesReader(cache).value<CacheHeader>();
    return header.schema === CACHE_SCHEMA && header.contentHash === contentHash;
  } catch {
    return false;
  }
}

/** A damaged index costs only the index: the keys and themes before it are still good. */
export function* restoreIndex(reader: JsonLinesReader): Work<PaperIndex | undefined> {
  try {
    return yield* PaperIndex.restore(reader);
  } catch {
    return undefined;
  }
}
