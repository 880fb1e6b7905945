// The one library every feature shares: what loads it, when, and what each load leaves for the next.
import * as path from 'node:path';
import vscode = require('vscode');
import { PaperLibrary } from '../core/model/library';
import type { IndexSearcher } from '../core/model/libraryView';
import { libraryFormatOf, ParsedFiles, readLibrary, sizeOf, type EditedSource, type LibraryInput, type UnchangedSource } from '../core/formats/libraryContent';
import { readLibrarySources, readThemeDefinitions, seedLibraryFiles } from '../node/libraryFiles';
import { emptyLibraryProblem, type LibraryProblem } from '../core/model/libraryProblem';
import { formatDiagnostic, type LibraryDiagnostic } from '../core/model/paper';
import { FileStamps, type LibraryFileStamp } from '../core/model/fileStamps';
import { outlineFingerprint, restoreOutline, saveOutline, type ThemeOutline } from '../core/model/sidebarOutline';
import { finishInSlices, mapWork } from '../core/work/slices';
import type { ThemeOverrides } from '../core/search/themeOverrides';
import type { ThemeDefinition } from '../core/search/themes';
import { FileThread } from '../worker/fileThread';
import { CACHE_FILES, CacheFolder } from './cacheFolder';
import { LibraryIndexer } from './libraryIndexer';
import { findLibraryFiles, libraryLocations } from './libraryLocations';
import { ReloadScheduler, stampOf, type ReloadReason } from './reloadScheduler';
import { includeSeedPapers, maxLibraryFileBytes, themeDefinitionsFile } from './settings';
import { ThemeOverridesFile } from './themeOverridesFile';
import { withMatchedRenames } from '../core/themes/themeMatching';

const INDEXING = 'Indexing the library…';
/** Past this, about 5,000 papers, a load is announced in a notification, not only in the status bar. */
const LARGE_LIBRARY_BYTES = 5_000_000;

/** Below this (about 3,000 papers), a library file is parsed whole quickly enough: an edit of it needs nothing kept. */
const EDIT_READY_BYTES = 1_000_000;

/**
 * The one library every feature shares: loaded on first use, reloaded on request or when
 * the library files or their settings change, announced through `onDidChange`. Loads run one
 * after another, so an older one never replaces a newer library.
 */
export class LibraryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PaperLibrary>();
  /** Fires after every load, with the new library; views and hovers refresh from it. */
  readonly onDidChange = this.changed.event;
  /** The latest load, until its papers are out (`ready`), and until its search index is made (`indexed`). */
  private loading?: Promise<PaperLibrary>;
  private indexing?: Promise<PaperLibrary>;
  private readonly related = new WeakMap<PaperLibrary, Promise<PaperLibrary>>();
  private loaded?: PaperLibrary;
  /** Set by Recompute Themes: the next load themes the papers afresh, not from the cache. */
  private recomputeNext = false;
  /** The files the latest load read: what a file event is checked against (see `inputsChanged`). */
  private lastRead?: { readonly files: readonly string[]; readonly read: ReadonlyMap<string, LoadedFile>; readonly definitions: string };
  private loadCount = 0;
  private failure?: LibraryProblem;
  private problems: readonly LibraryDiagnostic[] = [];
  private readonly caches: CacheFolder;
  private readonly reloads: ReloadScheduler;
  /** Loads parse again only the files that changed, since the last load or the last session. */
  private parsedFiles?: Promise<ParsedFiles>;
  /** The files' sizes and times at the last load, by which unchanged files are not read again. */
  private fileStamps?: Promise<FileStamps>;
  /** Each load's search index, in a thread of its own. */
  private readonly indexer: LibraryIndexer;
  /** Library files are read and hashed in a thread of their own too. */
  private readonly fileThread: FileThread;
  /** While `readyForEdits` reads files: once at a time. */
  private editsReady?: Promise<void>;
  /** The user's theme renames and paper moves, applied by every load. */
  readonly themeOverrides = new ThemeOverridesFile();
  private outlineFound!: (outline: readonly ThemeOutline[] | undefined) => void;
  /**
   * The sidebar's themes and counts as the last session saved them, when the library files are
   * as they were then: known early in the first load, well before its papers (see `ThemeOutline`).
   */
  readonly outline = new Promise<readonly ThemeOutline[] | undefined>((resolve) => (this.outlineFound = resolve));

  constructor(
    private readonly extensionPath: string,
    /** Where the caches are kept between sessions (the extension's storage). */
    cacheDir: string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.caches = new CacheFolder(cacheDir, log);
    this.indexer = new LibraryIndexer(path.join(extensionPath, 'dist', 'indexWorker.js'), cacheDir, log);
    this.fileThread = new FileThread(path.join(extensionPath, 'dist', 'fileWorker.js'));
    this.reloads = new ReloadScheduler(
      () => this.libraryFiles(),
      () => this.startLoad({ update: true, needed: () => this.inputsChanged() }),
    );
  }

  /** The library files the latest load read, set before it announces its library. */
  get files(): readonly string[] {
    return this.lastRead?.files ?? [];
  }

  /** How the latest load read each library file: whole, as an edit of the version parsed before (see `FileEdit`), or not at all. */
  get fileReads(): ReadonlyMap<string, LoadedFile['how']> {
    return new Map([...(this.lastRead?.read ?? [])].map(([file, { how }]) => [file, how]));
  }

  /** The library once loaded; undefined before the first load ends. */
  get current(): PaperLibrary | undefined {
    return this.loaded;
  }

  /** Why the last load found no papers, for the sidebar's welcome view. */
  get problem(): LibraryProblem | undefined {
    return this.failure;
  }

  /** What the last load found wrong in the library files, theme definitions included. */
  get diagnostics(): readonly LibraryDiagnostic[] {
    return this.problems;
  }

  /** How many loads have run, a load found needless (see `reloadSoon`) not counted. */
  get loads(): number {
    return this.loadCount;
  }

  /** Loads once and shares the result: the papers, keys and themes (search may not be ready yet). */
  ready(): Promise<PaperLibrary> {
    if (!this.loading) this.startLoad();
    return this.loading!;
  }

  /** The library once its search index is made too, a moment after `ready` for a large library. */
  indexed(): Promise<PaperLibrary> {
    if (!this.indexing) this.startLoad();
    return this.indexing!;
  }

  /**
   * Once related papers can be asked of the library without holding the thread to make them:
   * restored from the cache, or made in the background, after each load
   * (`PaperLibrary.relatedFromCache` says which).
   */
  relatedReady(library: PaperLibrary): Promise<PaperLibrary> {
    let ready = this.related.get(library);
    if (!ready) this.related.set(library, (ready = this.prepareRelated(library)));
    return ready;
  }

  /**
   * One reload for a burst of file events (see `ReloadScheduler`). It runs only if the library
   * files or the theme overrides differ from what the load before it read: an event can come
   * late, about a file that load read already, and a needless load of a large library is long.
   */
  reloadSoon(needed?: ReloadReason): void {
    this.reloads.schedule(needed);
  }

  /**
   * Loads the library again: afresh (Reload Library, which is what mends a library gone wrong),
   * or as an `update` of the library before it (see `LibraryOptions.earlier`), which keys,
   * themes and indexes only the entries that changed.
   */
  reload(how: 'afresh' | 'update' | 'recompute' = 'afresh'): Promise<PaperLibrary> {
    if (how === 'recompute') this.recomputeNext = true;
    this.startLoad({ update: how === 'update' });
    return this.loading!;
  }

  dispose(): void {
    this.reloads.dispose();
    this.changed.dispose();
    this.indexer.dispose();
    this.fileThread.dispose();
  }

  /** After the load before it, index included: loads run one after another; unless `needed` says otherwise then. */
  private startLoad({ update, needed }: { update?: boolean; needed?: () => Promise<boolean> } = {}): void {
    const previous = this.indexing;
    let published!: (library: PaperLibrary) => void;
    this.loading = new Promise((resolve) => (published = resolve));
    this.indexing = (previous ?? Promise.resolve(undefined)).then(async (before) => {
      if (before && needed && !(await needed())) {
        published(before);
        return before;
      }
      this.loadCount++;
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: INDEXING }, () => this.loadOrReport(published, update ? before : undefined));
    });
  }

  /**
   * Never rejects: whatever goes wrong is reported. A load that fails never loses what was
   * loaded: the features keep the library before it, and get an empty one only at the first load.
   */
  private async loadOrReport(published: (library: PaperLibrary) => void, earlier?: PaperLibrary): Promise<PaperLibrary> {
    try {
      return await this.load(published, earlier);
    } catch (error) {
      const message = `The library could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(message);
      const kept = this.loaded ?? this.publish(await PaperLibrary.fromSources([], { themes: [] }), [], { kind: 'failed', message });
      published(kept);
      return kept;
    }
  }

  /**
   * One load, top to bottom: its inputs; the caches; the library files, read or known unchanged;
   * the catalogue (papers, keys, themes), published at once; the search index; then the caches
   * saved and related papers made in the background. Resolves once the index is made.
   */
  private async load(published: (library: PaperLibrary) => void, earlier?: PaperLibrary): Promise<PaperLibrary> {
    const started = Date.now();
    const savedIndex = this.restoreSavedIndex(earlier);
    try {
      const inputs = await this.loadInputs();
      // Before the large caches, whose decoding would hold it up.
      if (!this.loaded) this.outlineFound(restoreOutline((await this.caches.readText(CACHE_FILES.outline))?.join(''), inputs.fingerprint));
      // Read beside the library files. An update needs no cache.
      const recompute = this.recomputeNext;
      this.recomputeNext = false;
      const cache = earlier || recompute ? Promise.resolve(undefined) : this.caches.readText(CACHE_FILES.library);
      const { parsedFiles, unchanged } = await this.keptParses(inputs.stamps);
      const { sources, diagnostics: unread, readWhole } = await this.readSources(inputs, parsedFiles, unchanged);
      const parsedBefore = parsedFiles.parseCount;

      // Parsed and built in slices, since hovers, typing and other extensions share this thread.
      // The papers go out before the search index is made, so that the sidebar fills sooner.
      const catalogueAndIndex = async () => {
        const content = await readLibrary(sources, parsedFiles, readWhole);
        const options = { themes: inputs.themes.themes, definedFiles: inputs.definedFiles, themeOverrides: inputs.overrides.overrides, cache: await cache, earlier, recomputedFrom: this.loaded };
        // Found in the index thread, when every paper is themed afresh: for a large library, the longest work of its load.
        const theming = await this.indexer.themes(content, options);
        // Before what is made of the library before it (completion's tables…): the sidebar waits on this.
        const library = await finishInSlices(PaperLibrary.catalogue(content, { ...options, theming }), 'first');
        // Kept in the overrides file, so that the next session, made afresh, shows them too.
        if (library.matchedRenames.size) void this.themeOverrides.update((current) => withMatchedRenames(current, library.matchedRenames)).catch((error) => this.log.warn(`The theme names could not be kept: ${error}`));
        const diagnostics = [...unread, ...inputs.themes.diagnostics, ...inputs.overrides.diagnostics, ...library.diagnostics];
        savedIndex.contentHashFound(library.contentHash);
        const read = loadedFiles(content.sources, content.hashes!, sources);
        // Before the library is announced: the features watch the files it was read from (`files`).
        this.lastRead = { files: inputs.files, read, definitions: definitionsRead(inputs.themes) };
        published(this.publish(library, diagnostics, library.papers.length ? undefined : emptyLibraryProblem(inputs.files, diagnostics)));
        const papersMs = Date.now() - started;
        await this.indexer.make(library, savedIndex.searcher);
        return { library, diagnostics, papersMs, read };
      };
      const large = sources.reduce((n, s) => n + sizeOf(s), 0) > LARGE_LIBRARY_BYTES;
      const { library, diagnostics, papersMs, read } = large
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: INDEXING }, catalogueAndIndex)
        : await catalogueAndIndex();

      const parsed = parsedFiles.parseCount - parsedBefore;
      this.saveCaches(library, inputs, read, parsed ? parsedFiles : undefined);
      this.logLoad(library, diagnostics, { files: inputs.files.length, parsed, unchanged: unchanged.size, papersMs, totalMs: Date.now() - started });
      // Ahead of the first request for related papers, which would otherwise make them at once;
      // an update's after the earlier library's, which they are made from (see `relatedFromEarlier`).
      void (earlier && library.updatedFrom ? this.relatedReady(earlier) : Promise.resolve()).then(() => this.relatedReady(library));
      this.readyForEdits(parsedFiles, read);
      return library;
    } finally {
      savedIndex.contentHashFound(undefined); // a load that failed before its catalogue wants no index
    }
  }

  /**
   * The index the last load saved, restored in its thread while this load reads the library and
   * its caches, once the load knows its content hash: most loads are of the library it was saved
   * from. Not for an update, which makes the earlier library's index this one's.
   */
  private restoreSavedIndex(earlier: PaperLibrary | undefined): { searcher: Promise<IndexSearcher | undefined>; contentHashFound: (hash: string | undefined) => void } {
    if (earlier) return { searcher: Promise.resolve(undefined), contentHashFound: () => undefined };
    let contentHashFound!: (hash: string | undefined) => void;
    const searcher = this.indexer.restore(new Promise((resolve) => (contentHashFound = resolve)));
    return { searcher, contentHashFound };
  }

  /** What a load is made from: the library files and their stamps, the theme definitions and the user's overrides. */
  private async loadInputs(): Promise<LoadInputs> {
    const seeds = path.join(this.extensionPath, 'seeds');
    const files = await this.libraryFiles();
    // Stamped before they are read: a file changed meanwhile then no longer matches what this load saves.
    const stampedAt = Date.now();
    const stamps = await Promise.all(files.map(stampOf));
    const { file, own } = this.definitionsFile();
    const themes = readThemeDefinitions(file);
    // The shipped definitions name the shipped papers alone; the user's, any paper they describe.
    const definedFiles = own ? undefined : new Set(seedLibraryFiles(seeds));
    const overrides = await this.themeOverrides.read();
    return { files, stamps, stampedAt, themes, definedFiles, overrides, fingerprint: outlineFingerprint(stamps, themes.themes, overrides.overrides) };
  }

  /** The user's theme definitions file, if set, else the shipped one. */
  private definitionsFile(): { file: string; own: boolean } {
    const own = themeDefinitionsFile();
    return { file: own ?? path.join(this.extensionPath, 'seeds', 'themes.json'), own: own !== undefined };
  }

  /** The seed files if included, then the configured files and globs' files. */
  private async libraryFiles(): Promise<string[]> {
    return [...(includeSeedPapers() ? seedLibraryFiles(path.join(this.extensionPath, 'seeds')) : []), ...(await findLibraryFiles(libraryLocations()))];
  }

  /** The parses kept from earlier loads (or sessions), and the files that need not be read: as stamped when they were parsed. */
  private async keptParses(stamps: readonly LibraryFileStamp[]): Promise<{ parsedFiles: ParsedFiles; unchanged: Map<string, UnchangedSource> }> {
    this.parsedFiles ??= this.caches.readText(CACHE_FILES.parsedFiles).then((saved) => finishInSlices(ParsedFiles.restore(saved)));
    this.fileStamps ??= this.caches.readText(CACHE_FILES.fileStamps).then((saved) => FileStamps.restore(saved?.join('')));
    const [parsedFiles, stamped] = await Promise.all([this.parsedFiles, this.fileStamps]);
    return { parsedFiles, unchanged: unchangedSources(stamps, stamped, parsedFiles) };
  }

  /**
   * The library files, through the file thread: unchanged ones not read, a large seed-format
   * file read as an edit of the version last parsed (kept by the thread), the rest whole.
   */
  private async readSources(inputs: LoadInputs, parsedFiles: ParsedFiles, unchanged: ReadonlyMap<string, UnchangedSource>) {
    const sizes = new Map(inputs.stamps.map(({ file, size }) => [file, size]));
    const editable = (file: string) => libraryFormatOf(file) === 'seed' && sizes.get(file)! >= EDIT_READY_BYTES;
    const readWhole = (file: string) => this.fileThread.read(file, editable(file));
    const readEdit = (file: string) => (editable(file) ? this.fileThread.readEdit(file, parsedFiles.hashOf(file)) : readWhole(file));
    const { sources, diagnostics } = await readLibrarySources(inputs.files, (file) => unchanged.get(file), readEdit, maxLibraryFileBytes());
    return { sources, diagnostics, readWhole };
  }

  private logLoad(library: PaperLibrary, diagnostics: readonly LibraryDiagnostic[], counts: { files: number; parsed: number; unchanged: number; papersMs: number; totalMs: number }): void {
    const update = library.updatedFrom;
    this.log.info(
      `Loaded ${library.papers.length} papers in ${library.themes.length} themes from ${counts.files} files (${counts.parsed} parsed, ${counts.unchanged} not read as unchanged by size and time) in ${counts.papersMs} ms, searchable after ${counts.totalMs} ms${library.fromCache ? ' (cached index)' : ''}${update ? ` (updated: ${update.added} papers added, ${update.removed} removed)` : ''}.`,
    );
    for (const d of diagnostics) this.log[d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warn' : 'info'](formatDiagnostic(d));
  }

  /**
   * Whether the library files, the theme definitions or the overrides differ from what the
   * latest load read: other files, or a file whose content changed. Cheapest first: the files'
   * sizes (another size is other content), the definitions (a few kilobytes, read again), the
   * overrides, then the content of files of the same size. A file's
   * size and time settle that when stamped well after its last change (`FileStamps`); else its
   * content is hashed again.
   */
  private async inputsChanged(): Promise<boolean> {
    const last = this.lastRead;
    if (!last) return true;
    const files = await this.libraryFiles();
    if (files.length !== last.files.length || files.some((file, i) => file !== last.files[i])) return true;
    const stamps = await Promise.all(files.map(stampOf));
    if (stamps.some(({ file, size }) => size !== last.read.get(file)?.size)) return true;
    if (definitionsRead(readThemeDefinitions(this.definitionsFile().file)) !== last.definitions) return true;
    if (await this.themeOverrides.changedSinceRead()) return true;
    const stamped = await this.fileStamps;
    for (const stamp of stamps) {
      const hash = stamped?.hashOf(stamp) ?? (await this.fileThread.hash(stamp.file).catch(() => undefined));
      if (hash === undefined || hash !== last.read.get(stamp.file)?.hash) return true;
    }
    return false;
  }

  private async prepareRelated(library: PaperLibrary): Promise<PaperLibrary> {
    const started = Date.now();
    // Read whole only when saved from this library: after an edit of a library file it is not.
    const saved = await this.caches.readBytesIf(CACHE_FILES.related, (head) => library.relatedSavedIn(head));
    const restored = saved !== undefined && (await finishInSlices(library.restoreRelated(saved), 'background'));
    if (!restored) {
      await finishInSlices(library.prepareRelated(), 'background');
      void this.caches.write(CACHE_FILES.related, library.saveRelated()!);
    }
    this.log.info(`Related papers ${restored ? 'restored from the cache' : 'made'} in ${Date.now() - started} ms.`);
    // Then, not waited for, what the next update places added papers by: it then reads the added papers alone.
    void finishInSlices(library.preparePlacement(), 'background');
    return library;
  }

  /**
   * The large seed-format files made ready, in the background, for their next edit to be read
   * in part, not whole: kept by the file thread, as they were parsed, and their parse restored
   * from the cache made whole (see `ParsedFiles.restoredWork`).
   */
  private readyForEdits(parsedFiles: ParsedFiles, read: ReadonlyMap<string, LoadedFile>): void {
    this.editsReady ??= (async () => {
      for (const [file, { size, hash }] of read) {
        if (size < EDIT_READY_BYTES || libraryFormatOf(file) !== 'seed') continue;
        await this.fileThread.keep(file, hash).catch(() => undefined);
        await finishInSlices(parsedFiles.restoredWork(file), 'background');
      }
    })().finally(() => (this.editsReady = undefined));
  }

  /** What the next load, or session, reads instead of making it again; `parsedFiles` when this load parsed any file. */
  private saveCaches(library: PaperLibrary, { stamps, stampedAt, fingerprint }: LoadInputs, read: ReadonlyMap<string, LoadedFile>, parsedFiles?: ParsedFiles): void {
    if (!library.catalogueFromCache) void this.caches.write(CACHE_FILES.library, library.saveCache());
    void this.caches.write(CACHE_FILES.outline, mapWork([library], (l) => saveOutline(l.themeGroups(), fingerprint)));
    if (parsedFiles) void this.caches.write(CACHE_FILES.parsedFiles, parsedFiles.toCacheWork());
    const restamped = FileStamps.of(stamps, (file) => read.get(file)?.hash, stampedAt);
    this.fileStamps = Promise.resolve(restamped);
    void this.caches.write(CACHE_FILES.fileStamps, mapWork([restamped], (stamped) => stamped.save()));
  }

  private publish(library: PaperLibrary, diagnostics: readonly LibraryDiagnostic[], problem: LibraryProblem | undefined): PaperLibrary {
    this.failure = problem;
    this.problems = diagnostics;
    this.loaded = library;
    this.changed.fire(library);
    return library;
  }
}

/** A library file as a load read it (see `LibraryService.fileReads`). */
interface LoadedFile {
  readonly size: number;
  readonly hash: string;
  readonly how: 'whole' | 'edit' | 'unchanged';
}

/** What one load is made from. */
interface LoadInputs {
  readonly files: readonly string[];
  readonly stamps: readonly LibraryFileStamp[];
  /** When the stamps were taken (see `FileStamps.of`). */
  readonly stampedAt: number;
  readonly themes: { readonly themes: ThemeDefinition[]; readonly diagnostics: LibraryDiagnostic[] };
  /** The files whose papers the definitions may name (see `LibraryOptions.definedFiles`); all for the user's own. */
  readonly definedFiles?: ReadonlySet<string>;
  readonly overrides: { readonly overrides: ThemeOverrides; readonly diagnostics: LibraryDiagnostic[] };
  /** What the saved outline must have been made from to be shown (see `outlineFingerprint`). */
  readonly fingerprint: string;
}

/** Each file the load's content came from, with how it was read: whole, as an edit, or not at all. */
function loadedFiles(content: readonly LibraryInput[], hashes: readonly string[], sources: readonly (LibraryInput | EditedSource)[]): Map<string, LoadedFile> {
  const how = (source: LibraryInput): LoadedFile['how'] =>
    'bytes' in source ? 'whole' : sources.some((s) => s.file === source.file && 'edit' in s) ? 'edit' : 'unchanged';
  return new Map(content.map((source, i): [string, LoadedFile] => [source.file, { size: sizeOf(source), hash: hashes[i], how: how(source) }]));
}

/** The files whose size and time are as stamped at the last load, and whose parse is kept: they need not be read. */
function unchangedSources(stamps: readonly LibraryFileStamp[], stamped: FileStamps, parsed: ParsedFiles): Map<string, UnchangedSource> {
  const unchanged = new Map<string, UnchangedSource>();
  for (const stamp of stamps) {
    const hash = stamped.hashOf(stamp);
    if (hash !== undefined && parsed.has(stamp.file, hash)) unchanged.set(stamp.file, { file: stamp.file, size: stamp.size, hash });
  }
  return unchanged;
}

/** Theme definitions as read, problems included, to tell whether a file's edit changed them. */
function definitionsRead(read: { readonly themes: readonly ThemeDefinition[]; readonly diagnostics: readonly LibraryDiagnostic[] }): string {
  return JSON.stringify(read);
}
