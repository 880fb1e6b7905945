// The library model: every paper with its key and theme, searchable, with related papers; immutable.
import { citationKeysFor, updatedCitationKeys } from './citationKey';
import { hashesWork, readLibrary, type LibraryContent, type LibrarySource } from '../formats/libraryContent';
import type { LibraryDiagnostic, Paper, PaperEntry } from './paper';
import { RelatedPapers } from '../search/relatedPapers';
import { KeyIndex } from './keyIndex';
import { entryChanges, mergedTitleOrder, type EntryChanges } from './libraryUpdate';
import { searchFiltered } from '../search/searchFilters';
import { indexedPaper, indexedPapers, PaperIndex, type IndexedPaper } from '../search/searchIndex';
import { finish, finishInSlices, mapWork, sortWork, type Work } from '../work/slices';
import type { JsonLinesReader } from '../formats/jsonLines';
import { cacheIsFor, hashContent, readCache, restoreIndex, writeCatalogue, type BaseThemes } from './libraryCache';
import type { IndexSearcher, IndexUpdate, LibraryUpdate, LibraryView, RelatedPaper, SearchResult, ThemeGroup } from './libraryView';
import { TermsMemo } from '../search/termVectors';
import { applyThemeOverrides, NO_THEME_OVERRIDES, themeDefinitionsWithOverrides, type ThemeOverrides } from '../search/themeOverrides';
import { UNSORTED_THEME, type ThemeDefinition } from '../search/themes';
import { themeLibrary } from '../themes/libraryThemes';
import { placePapers, SAMPLED_PER_THEME, type Placement } from '../themes/themePlacement';
import { FeatureMemo, themeVectors } from '../themes/themeFeatures';
import { matchedRenames, withMatchedRenames, type ParentsMatched } from '../themes/themeMatching';

/** Where a library's themes came from (see `PaperLibrary.themesMadeBy`). */
export type ThemesMadeBy = 'cache' | 'update' | 'elsewhere' | 'here';

export interface LibraryOptions {
  readonly themes: readonly ThemeDefinition[];
  /** The user's renames and moves, applied to the themes the definitions give. */
  readonly themeOverrides?: ThemeOverrides;
  /** A cache saved by `toCache()` (whole, or in consecutive pieces); used only if it was made from the same content. */
  readonly cache?: string | readonly string[];
  /**
   * The library this one replaces. Made from the same themes, and most of the same entries,
   * the new library keeps its keys, themes and index for the entries it had, and keys, themes
   * and indexes only those added (see `updatedFrom`).
   */
  readonly earlier?: PaperLibrary;
  /**
   * The library shown before this one is made afresh (Reload Library, Recompute Themes): the
   * user's renames of themes that are no longer found go to the new themes that hold most of
   * their papers (see `matchedRenames`).
   */
  readonly recomputedFrom?: PaperLibrary;
  /**
   * The entries' themes as `themeLibrary` makes them from `themes`, made elsewhere (the index
   * thread): used instead of theming every paper here when the library is made afresh.
   */
  readonly theming?: BaseThemes;
  /**
   * The files whose papers `themes` may name: the shipped definitions name the shipped papers
   * alone (see `themeLibrary`). Every file's when absent: a user's own definitions.
   */
  readonly definedFiles?: ReadonlySet<string>;
}

/** Per entry, whether the options' definitions may name it; undefined when they may name every one. */
export function namedByDefinitions(entries: readonly Pick<PaperEntry, 'file'>[], options: Pick<LibraryOptions, 'definedFiles'>): boolean[] | undefined {
  const files = options.definedFiles;
  return files && entries.map((e) => files.has(e.file));
}

/**
 * How many of the papers an update keeps make the sample by which it themes the papers it adds,
 * and weighs their terms: the vectors of every paper of a large library take long to make.
 */
const UPDATE_SAMPLE = 1000;
/** An update that adds more papers than this share of those it keeps makes the library afresh. */
const AFRESH_SHARE = 0.1;

/**
 * The papers of every library file, with their keys and themes, searchable and linked to
 * their related papers. Immutable: a changed file makes a new library.
 */
export class PaperLibrary implements LibraryView {
  private related?: RelatedPapers;
  private relatedRestored = false;
  /** The terms and theme features of the papers an update themes by (see `themedBySample`), passed on from update to update. */
  private sampleTerms?: TermsMemo;
  private sampleFeatures?: FeatureMemo;
  /** The themes found and defined, and each paper's theme among them, before the user's overrides: what an update places added papers by. */
  private base!: BaseThemes;
  private renamesMatched: ReadonlyMap<string, string> = new Map();

  private index?: PaperIndex;
  /** Instead of `index`: the index kept elsewhere (see `useIndex`). */
  private searcher?: IndexSearcher;
  /** Whether the keys, themes and title order came from the cache (the index may not have). */
  private catalogueRestored = false;
  private themedBy: ThemesMadeBy = 'update';
  /** Until the index is made: the saved index to restore, and the entries to build it from if that fails. */
  private pendingIndex?: { readonly saved?: JsonLinesReader; readonly entries: readonly PaperEntry[]; readonly update?: Omit<IndexUpdate, 'from'> & { readonly from: PaperLibrary } };
  private restored = false;
  private update?: LibraryUpdate;
  /** Until its related papers are made: the library this one was updated from, whose related papers they are made from. */
  private relatedUpdate?: { readonly from: PaperLibrary; readonly changes: EntryChanges };

  private constructor(
    readonly papers: readonly Paper[],
    readonly diagnostics: readonly LibraryDiagnostic[],
    readonly themes: readonly ThemeDefinition[],
    readonly contentHash: string,
    private readonly groups: readonly ThemeGroup[],
    private readonly keyIndex: KeyIndex,
    /** What it was made from, what the next update compares with. */
    private readonly entries: readonly PaperEntry[],
    private readonly titleOrder: readonly number[],
    /** The themes and overrides it was made with: an update needs the same. */
    private readonly shape: string,
  ) {}

  /** Set when made from an earlier library (`LibraryOptions.earlier`) by keying, theming and indexing only what changed. */
  get updatedFrom(): LibraryUpdate | undefined {
    return this.update;
  }

  /** The user's renames carried to new theme names when made afresh (see `LibraryOptions.recomputedFrom`): old name → new name. */
  get matchedRenames(): ReadonlyMap<string, string> {
    return this.renamesMatched;
  }

  /** True when the keys, themes and search index came from the cache rather than being computed. */
  get fromCache(): boolean {
    return this.restored;
  }

  /** True when the search index is kept elsewhere (`useIndex`), not in this thread. */
  get indexElsewhere(): boolean {
    return this.searcher !== undefined;
  }

  /** True when the keys, themes and title order came from the cache, whatever became of the index. */
  get catalogueFromCache(): boolean {
    return this.catalogueRestored;
  }

  /** Where its themes came from: the cache, an update of the library before, or found afresh elsewhere (the index thread) or here. */
  get themesMadeBy(): ThemesMadeBy {
    return this.themedBy;
  }

  /** True when related papers came from the cache (`restoreRelated`) rather than being made. */
  get relatedFromCache(): boolean {
    return this.relatedRestored;
  }

  /** Whether the search index is made yet (see `catalogue`), here or elsewhere; searching before makes it here, at once. */
  get hasIndex(): boolean {
    return this.index !== undefined || this.searcher !== undefined;
  }

  /** Reads every source, in any format (see `readLibrary`), and builds the library from them in slices. */
  static async fromSources(sources: readonly LibrarySource[], options: LibraryOptions): Promise<PaperLibrary> {
    return finishInSlices(PaperLibrary.build(await readLibrary(sources), options));
  }

  /** Builds the library at once. */
  static fromContent(content: LibraryContent, options: LibraryOptions): PaperLibrary {
    return finish(PaperLibrary.build(content, options));
  }

  /** With a matching cache the keys, themes and search index are restored, not recomputed. */
  static *build(content: LibraryContent, options: LibraryOptions): Work<PaperLibrary> {
    const library = yield* PaperLibrary.catalogue(content, options);
    yield* library.makeIndex();
    return library;
  }

  /**
   * The papers with their keys, themes and groups, but no search index yet (`makeIndex` makes
   * it): what the sidebar, hovers and completion need, well before the index of a large library.
   */
  static *catalogue(content: LibraryContent, options: LibraryOptions): Work<PaperLibrary> {
    const { sources, entries } = content;
    const overrides = options.themeOverrides ?? NO_THEME_OVERRIDES;
    const contentHash = hashContent(sources, content.hashes ?? (yield* hashesWork(sources)), options.themes, overrides);
    const shape = libraryShape(options.themes, overrides);
    const { earlier } = options;
    const updated = earlier?.shape === shape ? yield* PaperLibrary.updated(earlier, content, options, contentHash, shape) : undefined;
    if (updated) return updated;
    const cached = yield* readCache(options.cache, contentHash, entries.length);
    const keys = cached ? cached.keys : yield* citationKeysFor(entries);

    const elsewhere = !cached && options.theming?.names.length === entries.length ? options.theming : undefined;
    const base: BaseThemes = cached
      ? { themes: cached.baseThemes, names: yield* mapWork(cached.baseThemeOf, (t) => cached.baseThemes[t].name) }
      : (elsewhere ?? (yield* themeLibrary(entries, options.themes, namedByDefinitions(entries, options))));
    const before = options.recomputedFrom;
    const matched = cached || !before ? new Map<string, string>() : matchedRenames(overrides.renames, base.names, keys, new Map(before.papers.map((p) => [p.key, p.theme])), parentsMatched(base, before), overrides.moves);
    const shownOverrides = withMatchedRenames(overrides, matched);
    const themeNames = cached ? yield* mapWork(cached.themeOf, (t) => cached.themeNames[t]) : applyThemeOverrides(keys, base.names, shownOverrides);
    // Not `{ ...e, key, theme }`: V8's spread of entries restored from the cache (their abstract
    // and file added after parsing) is several times slower than Object.assign.
    const papers: Paper[] = yield* mapWork(entries, (e, i) => Object.assign({}, e, { key: keys[i], theme: themeNames[i] }));
    const collator = new Intl.Collator();
    const titleOrder = cached ? cached.titleOrder : yield* sortWork([...papers.keys()], (a, b) => collator.compare(papers[a].title, papers[b].title));
    const library = yield* PaperLibrary.assemble(content, options, { contentHash, shape, papers, keys, themeNames, titleOrder, base, overrides: shownOverrides });
    library.renamesMatched = matched;
    library.pendingIndex = { saved: cached?.index, entries };
    library.catalogueRestored = cached !== undefined;
    library.themedBy = cached ? 'cache' : elsewhere ? 'elsewhere' : 'here';
    return library;
  }

  /**
   * Whether `catalogue` would theme every paper of `content` (`themeLibrary`), which takes long
   * for a large library: not when it updates the earlier library, nor when the cache is for it.
   * An update that finds too many papers added themes every paper all the same.
   */
  static *themedAfresh(content: LibraryContent, options: LibraryOptions): Work<boolean> {
    const overrides = options.themeOverrides ?? NO_THEME_OVERRIDES;
    if (options.earlier?.shape === libraryShape(options.themes, overrides)) return false;
    const contentHash = hashContent(content.sources, content.hashes ?? (yield* hashesWork(content.sources)), options.themes, overrides);
    return !cacheIsFor(options.cache, contentHash);
  }

  /**
   * The library `earlier` becomes with `content`, keying, theming and indexing only the entries
   * it adds (see `LibraryOptions.earlier`); undefined when a library made afresh is better: when
   * more than a tenth of the entries are new, or when a paper the user moved to a theme got another key.
   */
  private static *updated(earlier: PaperLibrary, content: LibraryContent, options: LibraryOptions, contentHash: string, shape: string): Work<PaperLibrary | undefined> {
    const { entries } = content;
    const overrides = options.themeOverrides ?? NO_THEME_OVERRIDES;
    const changes = yield* entryChanges(earlier.entries, entries);
    const { earlierOf, added, removed } = changes;
    // Many papers added may be a topic, or a field, of their own: they are themed with the rest afresh.
    if (added.length > AFRESH_SHARE * (entries.length - added.length)) return undefined;
    const earlierKeys = yield* mapWork(entries, (_, i) => (earlierOf[i] < 0 ? undefined : earlier.papers[earlierOf[i]].key));
    const keys = yield* updatedCitationKeys(
      entries,
      earlierKeys,
      removed.map((at) => earlier.papers[at].key),
    );
    const rekeyed = (i: number) => earlierOf[i] >= 0 && keys[i] !== earlierKeys[i];
    // The papers whose key the earlier library did not give them: added, or keyed again.
    const newlyKeyed: number[] = [];
    for (let i = 0; i < keys.length; i++) if (keys[i] !== earlierKeys[i]) newlyKeyed.push(i);
    // A move is by key, and made over the theme the paper would have had, which is not kept.
    if (newlyKeyed.some((i) => rekeyed(i) && (overrides.moves.has(keys[i]) || overrides.moves.has(earlierKeys[i]!)))) return undefined;

    const placement = yield* PaperLibrary.themedBySample(earlier, changes, added.map((i) => entries[i]), options, entries.length);
    const baseNames = yield* mapWork(entries, (_, i) => (earlierOf[i] < 0 ? '' : earlier.base.names[earlierOf[i]]));
    added.forEach((i, k) => (baseNames[i] = placement.added[k]));
    // The unsorted papers kept that now make a theme with others.
    const regrouped: number[] = [];
    placement.unsorted.forEach((name, k) => {
      if (name === UNSORTED_THEME.name) return;
      baseNames[placement.unsortedAt[k]] = name;
      regrouped.push(placement.unsortedAt[k]);
    });
    const rethemed = [...added, ...regrouped];
    const shownThemes = applyThemeOverrides(
      rethemed.map((i) => keys[i]),
      rethemed.map((i) => baseNames[i]),
      overrides,
    );
    const themeNames = yield* mapWork(entries, (_, i) => (earlierOf[i] < 0 ? '' : earlier.papers[earlierOf[i]].theme));
    rethemed.forEach((i, k) => (themeNames[i] = shownThemes[k]));
    // The earlier paper itself where nothing about it changed: views holding it then hold this library's.
    const papers: Paper[] = yield* mapWork(entries, (e, i) => {
      const at = earlierOf[i];
      return at >= 0 && earlier.entries[at] === e && !rekeyed(i) && themeNames[i] === earlier.papers[at].theme ? earlier.papers[at] : Object.assign({}, e, { key: keys[i], theme: themeNames[i] });
    });
    const titleOrder = yield* mergedTitleOrder(earlier.titleOrder, changes, (id) => entries[id].title);
    const keyIndex = yield* KeyIndex.over(earlier.keyIndex, changes.laterOf, keys, newlyKeyed);
    const base = { themes: placement.themes, names: baseNames };
    const library = yield* PaperLibrary.assemble(content, options, { contentHash, shape, papers, keys, themeNames, titleOrder, keyIndex, base });
    const addedIndexed = yield* mapWork(added, (i) => indexedPaper(entries[i], i));
    library.sampleTerms = earlier.sampleTerms;
    library.sampleFeatures = earlier.sampleFeatures;
    library.relatedUpdate = { from: earlier, changes };
    library.pendingIndex = { entries, update: { from: earlier, laterOf: changes.laterOf, earlierOf: changes.earlierOf, added: addedIndexed } };
    library.update = { added: added.length, removed: removed.length };
    return library;
  }

  /**
   * The added entries' themes (before the user's overrides), and the themes the unsorted papers
   * kept now make with them, at positions `unsortedAt` (see `placePapers`): placed by a sample
   * of the papers kept, so that no kept paper in a theme moves.
   */
  private static *themedBySample(
    earlier: PaperLibrary,
    { laterOf }: EntryChanges,
    added: readonly PaperEntry[],
    options: LibraryOptions,
    librarySize: number,
  ): Work<Placement & { unsortedAt: number[] }> {
    const definitions = options.themes;
    const addedNamed = namedByDefinitions(added, options);
    const { sample, sampleThemes, unsorted, unsortedAt } = added.length > 0 ? yield* earlier.placementSample(laterOf) : { sample: [], sampleThemes: [], unsorted: [], unsortedAt: [] };
    const memo = (earlier.sampleTerms ??= new TermsMemo());
    const features = (earlier.sampleFeatures ??= new FeatureMemo());
    const placement = yield* placePapers({ sample, sampleThemes, unsorted, added, addedNamed, definitions, themes: earlier.base.themes, librarySize, memo, features });
    return { ...placement, unsortedAt };
  }

  /**
   * The papers an update of this library places added papers by (see `placePapers`), of those
   * it keeps (`laterOf`, their positions in the update): every so many papers, a sample of about
   * `UPDATE_SAMPLE`, with enough of each theme, however small, to judge whether a paper fits it;
   * and every unsorted paper, with its position.
   */
  private *placementSample(laterOf?: ArrayLike<number>): Work<{ sample: PaperEntry[]; sampleThemes: string[]; unsorted: PaperEntry[]; unsortedAt: number[] }> {
    const stride = Math.max(1, Math.ceil(this.papers.length / UPDATE_SAMPLE));
    const sample: PaperEntry[] = [];
    const sampleThemes: string[] = [];
    const sampled = new Map<string, number>();
    const unsorted: PaperEntry[] = [];
    const unsortedAt: number[] = [];
    for (let at = 0; at < this.papers.length; at++) {
      if (at % 1024 === 0) yield;
      const later = laterOf ? laterOf[at] : at;
      if (later < 0) continue;
      const theme = this.base.names[at];
      if (theme === UNSORTED_THEME.name) {
        unsorted.push(this.entries[at]);
        unsortedAt.push(later);
      } else if (at % stride === 0 || (sampled.get(theme) ?? 0) < SAMPLED_PER_THEME) {
        sample.push(this.entries[at]);
        sampleThemes.push(theme);
        sampled.set(theme, (sampled.get(theme) ?? 0) + 1);
      }
    }
    return { sample, sampleThemes, unsorted, unsortedAt };
  }

  /**
   * The features of the papers the next update places added papers by, counted ahead of it (in
   * the background, after a load): that update then reads the words of the added papers alone.
   * The features are kept from update to update; a library made afresh counts them again.
   */
  *preparePlacement(): Work<void> {
    const { sample, unsorted } = yield* this.placementSample();
    yield* themeVectors([...sample, ...unsorted], (this.sampleFeatures ??= new FeatureMemo()));
  }

  /** What every way of making a library ends with: its themes, groups and keys looked up. */
  private static *assemble(
    { entries, diagnostics }: LibraryContent,
    options: LibraryOptions,
    made: { contentHash: string; shape: string; papers: Paper[]; keys: readonly string[]; themeNames: readonly string[]; titleOrder: readonly number[]; keyIndex?: KeyIndex; base: BaseThemes; overrides?: ThemeOverrides },
  ): Work<PaperLibrary> {
    const { papers, keys, themeNames, titleOrder, base } = made;
    const used = new Set(themeNames);
    const themes = themeDefinitionsWithOverrides(base.themes, made.overrides ?? options.themeOverrides ?? NO_THEME_OVERRIDES).filter((t) => used.has(t.name));
    yield;
    // From the arrays of keys and theme names rather than the papers: reading each paper object
    // again, scattered over the heap, made the catalogue markedly slower.
    const groups = yield* groupByTheme(titleOrder, papers, themeNames, themes);
    yield;
    const keyIndex = made.keyIndex ?? (yield* KeyIndex.of(keys));
    const library = new PaperLibrary(papers, diagnostics, themes, made.contentHash, groups, keyIndex, entries, titleOrder, made.shape);
    library.base = base;
    return library;
  }

  /** Makes the search index, unless made: restored from the cache, else built. */
  *makeIndex(): Work<void> {
    const pending = this.pendingIndex;
    if (this.index || !pending) return;
    const restored = pending.saved && (yield* restoreIndex(pending.saved));
    this.index = restored || (yield* PaperIndex.build(yield* indexedPapers(pending.entries)));
    this.restored = Boolean(restored);
    this.pendingIndex = undefined;
  }

  /**
   * For an index kept elsewhere, when this library was made by an update (`updatedFrom`) of one
   * whose index is kept there too: that index, and how to make it this one's.
   */
  get indexUpdate(): IndexUpdate | undefined {
    const update = this.pendingIndex?.update;
    const from = update?.from.searcher;
    return update && from && { ...update, from };
  }

  /**
   * What a search index is made of, for one made elsewhere (`useIndex`): each paper's title,
   * abstract, metadata, and key if its file gives one. Only until an index is made.
   */
  *indexedPapers(): Work<IndexedPaper[]> {
    if (!this.pendingIndex) throw new Error('the search index is made already');
    const { entries } = this.pendingIndex;
    return yield* indexedPapers(entries);
  }

  /** Searches go to an index kept elsewhere from now on, made of `indexedPapers()`, or `restored` from where it was kept. */
  useIndex(searcher: IndexSearcher, restored: boolean): void {
    this.searcher = searcher;
    this.restored = restored && this.catalogueRestored;
    this.pendingIndex = undefined;
  }

  /** The first paper with the key, in file order. */
  paperByKey(key: string): Paper | undefined {
    const [id] = this.keyIndex.idsOf(key);
    return id === undefined ? undefined : this.papers[id];
  }

  /** Every paper with the key: more than one when library files share it. */
  papersByKey(key: string): Paper[] {
    return this.keyIndex.idsOf(key).map((id) => this.papers[id]);
  }

  /** Papers grouped by theme, themes in definition order, empty themes left out. */
  themeGroups(): readonly ThemeGroup[] {
    return this.groups;
  }

  /** Best first; the index is made here at once if it is not made yet, here or elsewhere. */
  async search(query: string, limit = 20): Promise<SearchResult[]> {
    return searchFiltered(this.papers, query, limit, async (text, most, within) => {
      if (!this.hasIndex) finish(this.makeIndex());
      return this.searcher ? this.searcher.search(text, most, within) : this.index!.search(text, most, within);
    });
  }

  /** The papers a reader of `paper` should look at next, most related first. */
  relatedTo(paper: Paper, limit = 10): RelatedPaper[] {
    const ids = this.keyIndex.idsOf(paper.key);
    // The paper itself when it is from this library; else the one that has its key now.
    const id = ids.find((i) => this.papers[i] === paper) ?? ids[0];
    if (id === undefined) return [];
    this.related ??= finish(this.relatedWork());
    return this.related.for(id, limit).map((hit) => ({ paper: this.papers[hit.id], score: hit.score }));
  }

  /**
   * What related papers are computed from, made ahead of the first request (for a large
   * library, making it at once would hold the thread far longer than a slice).
   */
  *prepareRelated(): Work<void> {
    this.related ??= yield* this.relatedWork();
  }

  /** Related papers as `saveRelated` gave them, if saved from this library; whether they were. */
  *restoreRelated(bytes: Uint8Array): Work<boolean> {
    const restored = yield* RelatedPapers.restore(bytes, this.contentHash, this.papers.length, this.themeOf);
    if (restored) {
      this.related = restored;
      this.relatedRestored = true;
    }
    return restored !== undefined;
  }

  /** Whether a file starting with `head` holds related papers saved from this library (see `RelatedPapers.savedFor`). */
  relatedSavedIn(head: Uint8Array): boolean {
    return RelatedPapers.savedFor(head, this.contentHash);
  }

  /** Related papers, once made (`prepareRelated`), as bytes for `restoreRelated` to take back next time. */
  saveRelated(): Uint8Array[] | undefined {
    return this.related?.save(this.contentHash);
  }

  private *relatedWork(): Work<RelatedPapers> {
    const updated = yield* this.relatedFromEarlier();
    if (updated) return updated;
    return yield* RelatedPapers.build(yield* RelatedPapers.termSpace(this.papers), this.themeOf);
  }

  /**
   * An updated library's related papers, made from those of the library it was updated from
   * (see `RelatedPapers.updated`): when that library has them, or can make them so in turn.
   */
  private *relatedFromEarlier(): Work<RelatedPapers | undefined> {
    const update = this.relatedUpdate;
    if (!update) return undefined;
    const { from, changes } = update;
    if (!from.related && from.relatedUpdate) yield* from.prepareRelated();
    const related = from.related && (yield* from.related.updated({ ...changes, docs: this.entries }, this.themeOf, this.sampleTerms));
    this.relatedUpdate = undefined; // lets the earlier library go
    return related;
  }

  private readonly themeOf = (id: number): string => this.papers[id].theme;

  /** Keys, themes and the index if kept here, to pass back as `LibraryOptions.cache` next time (the lines' text); made in slices. */
  *saveCache(): Work<string[]> {
    const writer = yield* writeCatalogue(this.contentHash, this.themes, this.papers, this.groups, this.base);
    yield* this.makeIndex();
    // An index kept elsewhere (`useIndex`) is saved there.
    if (this.index) yield* this.index.save(writer);
    return writer.lines;
  }

  /** `saveCache` at once, as one text. */
  toCache(): string {
    return finish(this.saveCache()).join('');
  }
}

/** What a library is made with besides its content (see `PaperLibrary.shape`): an update needs the same. */
function libraryShape(themes: readonly ThemeDefinition[], overrides: ThemeOverrides): string {
  return JSON.stringify([themes, [...overrides.renames], [...overrides.moves]]);
}

/** Where papers are in themes of sub-themes now (`base`) and were shown `before`: what a rename of such a theme is carried by. */
function parentsMatched(base: BaseThemes, before: PaperLibrary): ParentsMatched {
  const parentOf = (themes: readonly ThemeDefinition[]) => new Map(themes.flatMap((t) => (t.parent === undefined ? [] : [[t.name, t.parent] as const])));
  const shownParent = parentOf(before.themes);
  return {
    of: parentOf(base.themes),
    shownBefore: new Map(before.papers.flatMap((p) => (shownParent.has(p.theme) ? [[p.key, shownParent.get(p.theme)!] as const] : []))),
  };
}

/** Each theme's papers, in the order given (title order), by the name of each paper's theme. */
function* groupByTheme(order: readonly number[], papers: readonly Paper[], themeNames: readonly string[], themes: readonly ThemeDefinition[]): Work<ThemeGroup[]> {
  const members = new Map(themes.map((t) => [t.name, [] as Paper[]]));
  for (const [at, id] of order.entries()) {
    members.get(themeNames[id])?.push(papers[id]);
    if (at % 64 === 0) yield;
  }
  return themes.map((theme) => ({ theme, papers: members.get(theme.name)! }));
}

