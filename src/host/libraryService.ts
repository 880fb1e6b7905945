import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import vscode = require('vscode');
import { PaperLibrary, type IndexSearcher } from '../core/model/library';
import { libraryFormatOf, ParsedFiles, readLibrary, sizeOf, type LibraryInput, type UnchangedSource } from '../core/formats/libraryContent';
import { readLibrarySources, readThemeDefinitions, seedLibraryFiles } from '../node/libraryFiles';
import { emptyLibraryProblem, type LibraryProblem } from '../core/model/libraryProblem';
import { formatDiagnostic, type LibraryDiagnostic } from '../core/model/paper';
import { FileStamps, type LibraryFileStamp } from '../core/model/fileStamps';
import { outlineFingerprint, restoreOutline, saveOutline, type ThemeOutline } from '../core/model/sidebarOutline';
import { finishInSlices, mapWork, type Work } from '../core/work/slices';
import { encodedInSlices, readFileIf, readTextInSlices, removeAbandonedPartials, replaceFile } from '../node/textFile';
import type { ThemeOverrides } from '../core/search/themeOverrides';
import type { ThemeDefinition } from '../core/search/themes';
import { FileThread } from '../worker/fileThread';
import { LibraryIndexer } from './libraryIndexer';
import { findLibraryFiles, libraryLocations } from './libraryLocations';
import { includeSeedPapers } from './settings';
import { ThemeOverridesFile } from './themeOverridesFile';
import { withMatchedRenames } from '../core/themes/themeMatching';

const INDEXING = 'Indexing the library…';
/** Past this, about 5,000 papers, a load is announced in a notification, not only in the status bar. */
const LARGE_LIBRARY_BYTES = 5_000_000;

/** Below this (about 3,000 papers), a library file is parsed whole in a few tens of milliseconds: an edit of it needs nothing kept. */
const EDIT_READY_BYTES = 1_000_000;

/** The files kept in the cache folder: keys and themes, the search index, each library file's parse, related papers, the sidebar's outline, the files' stamps. */
const INDEX_CACHE = 'library.cache';
const RELATED_CACHE = 'related-papers.cache';
const PARSED_FILES_CACHE = 'parsed-files.cache';
const OUTLINE_CACHE = 'sidebar-outline.json';
const FILE_STAMPS_CACHE = 'file-stamps.json';
/** A save's events (write, rename, a second file) come within milliseconds of one another. */
const BURST_MS = 30;
/** A library file changed more recently than this may still be being written (an export, a copy). */
const STILL_MS = 100;

/**
 * The one library every feature shares: loaded on first use, reloaded on request or when
 * the library files or their settings change, announced through `onDidChange`. Loads run one
 * after another, so an older one never replaces a newer library.
 */
export class LibraryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PaperLibrary>();
  /** Fires after every load, with the new library; views and hovers refresh from it. */
  readonly onDidChange = this.changed.event;
  /** The latest load, until its papers are out (`ready`), and until its search index is made (`searchable`). */
  private loading?: Promise<PaperLibrary>;
  private indexing?: Promise<PaperLibrary>;
  private readonly related = new WeakMap<PaperLibrary, Promise<PaperLibrary>>();
  private loaded?: PaperLibrary;
  /** Set by Recompute Themes: the next load themes the papers afresh, not from the cache. */
  private recomputeNext = false;
  /** The files the latest load read, with their content hashes: what a file event is checked against (see `inputsChanged`). */
  private lastRead?: { readonly files: readonly string[]; readonly read: ReadonlyMap<string, FileRead> };
  private loadCount = 0;
  private settling?: ReturnType<typeof setTimeout>;
  /** When the last file event came (see `reloadSoon`). */
  private lastEventAt = 0;
  private readonly reloadReasons: (() => boolean | PromiseLike<boolean>)[] = [];
  private failure?: LibraryProblem;
  private problems: readonly LibraryDiagnostic[] = [];
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
  /** Once a session, before its first cache write: what a window that ended mid-write left. */
  private abandonedRemoved?: Promise<void>;
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
    /** Where the index and the parsed files are kept between sessions (the extension's storage). */
    private readonly cacheDir: string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.indexer = new LibraryIndexer(path.join(extensionPath, 'dist', 'indexWorker.js'), cacheDir, log);
    this.fileThread = new FileThread(path.join(extensionPath, 'dist', 'fileWorker.js'));
  }

  /** The library files the latest load read, set before it announces its library. */
  get files(): readonly string[] {
    return this.lastRead?.files ?? [];
  }

  /** How the latest load read each library file: whole, as an edit of the version parsed before (see `FileEdit`), or not at all. */
  get fileReads(): ReadonlyMap<string, FileRead['how']> {
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

  /** Loads once and shares the result: the papers, keys and themes (search may not be ready yet). */
  ready(): Promise<PaperLibrary> {
    if (!this.loading) this.startLoad();
    return this.loading!;
  }

  /** The library once its search index is made too: at 100,000 papers, a second or two after `ready`. */
  searchable(): Promise<PaperLibrary> {
    if (!this.indexing) this.startLoad();
    return this.indexing!;
  }

  /**
   * Once related papers can be asked of the library without holding the thread to make them:
   * restored from the cache, or made in the background (seconds at 100,000 papers), after each
   * load (`PaperLibrary.relatedFromCache` says which).
   */
  relatedReady(library: PaperLibrary): Promise<PaperLibrary> {
    let ready = this.related.get(library);
    if (!ready) this.related.set(library, (ready = this.prepareRelated(library)));
    return ready;
  }

  private async prepareRelated(library: PaperLibrary): Promise<PaperLibrary> {
    const started = Date.now();
    // Read whole only when saved from this library: after an edit of a library file it is not.
    const saved = await this.readCachedBytes(RELATED_CACHE, (head) => library.relatedSavedIn(head));
    const restored = saved !== undefined && (await finishInSlices(library.restoreRelated(saved), 'background'));
    if (!restored) {
      await finishInSlices(library.prepareRelated(), 'background');
      void this.writeCached(RELATED_CACHE, library.saveRelated()!);
    }
    this.log.info(`Related papers ${restored ? 'restored from the cache' : 'made'} in ${Date.now() - started} ms.`);
    return library;
  }

  /** How many loads have run, a load found needless (see `reloadSoon`) not counted. */
  get loads(): number {
    return this.loadCount;
  }

  /**
   * One reload for a burst of file events: a save often comes as several (write, rename, a
   * second file). Each event may say, once things settle, whether it still needs one. The
   * reload then runs only if the library files or the theme overrides differ from what the
   * load before it read: an event can come late, about a file that load read already (a file
   * written just before the setting names it), and at 100,000 papers a needless load is tens
   * of seconds of work.
   */
  reloadSoon(needed: () => boolean | PromiseLike<boolean> = () => true): void {
    this.reloadReasons.push(needed);
    this.lastEventAt = Date.now();
    this.settleIn(BURST_MS);
  }

  private settleIn(ms: number): void {
    clearTimeout(this.settling);
    this.settling = setTimeout(async () => {
      // A large file written slowly (an export, a copy) is read once it is whole, not at each
      // stage. Node's watcher tells of a change at once (see `FileChangeWatch`), VS Code's 0.1-0.3 s after it.
      const wait = await this.untilStill();
      if (wait > 0) return this.settleIn(wait);
      for (const reason of this.reloadReasons.splice(0)) if (await reason()) return void this.startLoad({ update: true, needed: () => this.inputsChanged() });
    }, ms);
  }

  /**
   * How long until every library file has been unchanged for `STILL_MS`, by its modification
   * time: 0 once they all have. A file missing (deleted, perhaps to be written anew) counts as
   * changed at the last event.
   */
  private async untilStill(): Promise<number> {
    const now = Date.now();
    const stamps = await Promise.all((await this.libraryFiles()).map(stampOf));
    const changedAt = stamps.map(({ mtimeMs }) => (mtimeMs < 0 ? this.lastEventAt : mtimeMs));
    // A time ahead of this clock (another machine's, on a network drive) is not taken for one.
    return Math.max(0, ...changedAt.map((at) => (now - at >= 0 ? STILL_MS - (now - at) : 0)));
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
      return this.load(published, update ? before : undefined);
    });
  }

  /**
   * Whether the library files or the theme overrides differ from what the latest load read:
   * other files, or a file whose content changed. Cheapest first: the files' sizes (another
   * size is other content), the overrides (read through VS Code), then the content of files of
   * the same size. A file's size and time settle that when stamped well after its last change
   * (`FileStamps`); else its content is hashed again.
   */
  private async inputsChanged(): Promise<boolean> {
    const last = this.lastRead;
    if (!last) return true;
    const files = await this.libraryFiles();
    if (files.length !== last.files.length || files.some((file, i) => file !== last.files[i])) return true;
    const stamps = await Promise.all(files.map(stampOf));
    if (stamps.some(({ file, size }) => size !== last.read.get(file)?.size)) return true;
    if (await this.themeOverrides.changedSinceRead()) return true;
    const stamped = await this.fileStamps;
    for (const stamp of stamps) {
      const hash = stamped?.hashOf(stamp) ?? (await this.fileThread.hash(stamp.file).catch(() => undefined));
      if (hash === undefined || hash !== last.read.get(stamp.file)?.hash) return true;
    }
    return false;
  }

  dispose(): void {
    clearTimeout(this.settling);
    this.changed.dispose();
    this.indexer.dispose();
    this.fileThread.dispose();
  }

  /** Resolves once the index is made; calls `published` as soon as the papers are out. */
  private async load(published: (library: PaperLibrary) => void, earlier?: PaperLibrary): Promise<PaperLibrary> {
    this.loadCount++;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: INDEXING }, () => this.loadOrReport(published, earlier));
  }

  /** Never rejects: whatever goes wrong is reported, and the features get an empty library. */
  private async loadOrReport(published: (library: PaperLibrary) => void, earlier?: PaperLibrary): Promise<PaperLibrary> {
    try {
      return await this.read(published, earlier);
    } catch (error) {
      const message = `The library could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(message);
      const empty = this.publish(await PaperLibrary.fromSources([], { themes: [] }), [], { kind: 'failed', message });
      published(empty);
      return empty;
    }
  }

  private async read(published: (library: PaperLibrary) => void, earlier?: PaperLibrary): Promise<PaperLibrary> {
    // The index the last load saved, restored in its thread while this one reads the library
    // and its caches (0.7–0.9 s each at 100,000 papers): most loads are of the library it was
    // saved from. Not for an update, which makes the earlier library's index this one's.
    let contentHashFound!: (hash: string | undefined) => void;
    const restoring = earlier ? Promise.resolve(undefined) : this.indexer.restore(new Promise((resolve) => (contentHashFound = resolve)));
    try {
      return await this.readAndIndex(published, restoring, contentHashFound, earlier);
    } finally {
      contentHashFound?.(undefined); // a load that failed before its catalogue wants no index
    }
  }

  private async readAndIndex(
    published: (library: PaperLibrary) => void,
    restoring: Promise<IndexSearcher | undefined>,
    contentHashFound: ((hash: string) => void) | undefined,
    earlier: PaperLibrary | undefined,
  ): Promise<PaperLibrary> {
    const started = Date.now();
    const inputs = await this.libraryInputs();
    const { files, themes, overrides } = inputs;
    // Before the large caches, whose decoding would hold it up.
    if (!this.loaded) this.outlineFound(restoreOutline((await this.readCached(OUTLINE_CACHE))?.join(''), inputs.fingerprint));
    // Read side by side: at 100,000 papers the two caches are 160 MB. An update needs no cache.
    const recompute = this.recomputeNext;
    this.recomputeNext = false;
    const cache = earlier || recompute ? Promise.resolve(undefined) : this.readCached(INDEX_CACHE);
    const { parsedFiles, unchanged } = await this.keptParses(inputs.stamps);
    const sizes = new Map(inputs.stamps.map(({ file, size }) => [file, size]));
    // A large seed-format file is read as an edit of the version last parsed, kept by the file thread.
    const editable = (file: string) => libraryFormatOf(file) === 'seed' && sizes.get(file)! >= EDIT_READY_BYTES;
    const readWhole = (file: string) => this.fileThread.read(file, editable(file));
    const readEdit = (file: string) => (editable(file) ? this.fileThread.readEdit(file, parsedFiles.hashOf(file)) : readWhole(file));
    const { sources, diagnostics: unread } = await readLibrarySources(files, (file) => unchanged.get(file), readEdit);
    const parsedBefore = parsedFiles.parseCount;
    // Parsed and built in slices: at 100,000 papers that takes seconds (a minute or more without
    // the caches), and hovers, typing and other extensions share this thread meanwhile. The
    // papers go out before the search index is made, so that the sidebar fills sooner.
    const load = async () => {
      const content = await readLibrary(sources, parsedFiles, readWhole);
      // Before what is made of the library before it (completion's tables…): the sidebar waits on this.
      const options = { themes: themes.themes, themeOverrides: overrides.overrides, cache: await cache, earlier, recomputedFrom: this.loaded };
      const library = await finishInSlices(PaperLibrary.catalogue(content, options), 'first');
      // Kept in the overrides file, so that the next session, made afresh, shows them too.
      if (library.matchedRenames.size) void this.themeOverrides.update((current) => withMatchedRenames(current, library.matchedRenames)).catch((error) => this.log.warn(`The theme names could not be kept: ${error}`));
      const diagnostics = [...unread, ...themes.diagnostics, ...overrides.diagnostics, ...library.diagnostics];
      contentHashFound?.(library.contentHash);
      const how = (source: LibraryInput) => ('bytes' in source ? 'whole' : sources.some((s) => s.file === source.file && 'edit' in s) ? 'edit' : 'unchanged');
      const read = new Map(content.sources.map((source, i): [string, FileRead] => [source.file, { size: sizeOf(source), hash: content.hashes![i], how: how(source) }]));
      // Before the library is announced: the features watch the files it was read from (`files`).
      this.lastRead = { files, read };
      published(this.publish(library, diagnostics, library.papers.length ? undefined : emptyLibraryProblem(files, diagnostics)));
      const papersMs = Date.now() - started;
      await this.indexer.make(library, restoring);
      return { library, diagnostics, papersMs, read };
    };
    const large = sources.reduce((n, s) => n + sizeOf(s), 0) > LARGE_LIBRARY_BYTES;
    const { library, diagnostics, papersMs, read } = large ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: INDEXING }, load) : await load();
    const parsed = parsedFiles.parseCount - parsedBefore;
    this.saveCaches(library, inputs, read, parsed ? parsedFiles : undefined);
    const update = library.updatedFrom;
    this.log.info(
      `Loaded ${library.papers.length} papers in ${library.themes.length} themes from ${files.length} files (${parsed} parsed, ${unchanged.size} not read as unchanged by size and time) in ${papersMs} ms, searchable after ${Date.now() - started} ms${library.fromCache ? ' (cached index)' : ''}${update ? ` (updated: ${update.added} papers added, ${update.removed} removed)` : ''}.`,
    );
    for (const d of diagnostics) this.log[d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warn' : 'info'](formatDiagnostic(d));
    // Ahead of the first request for related papers, which would otherwise make them at once;
    // an update's after the earlier library's, which they are made from (see `relatedFromEarlier`).
    void (earlier && library.updatedFrom ? this.relatedReady(earlier) : Promise.resolve()).then(() => this.relatedReady(library));
    this.readyForEdits(parsedFiles, read);
    return library;
  }

  /**
   * The large seed-format files made ready, in the background, for their next edit to be read
   * in part, not whole (about a second at 100,000 papers): kept by the file thread, as they were
   * parsed, and their parse restored from the cache made whole (see `ParsedFiles.restoredWork`).
   */
  private readyForEdits(parsedFiles: ParsedFiles, read: ReadonlyMap<string, FileRead>): void {
    this.editsReady ??= (async () => {
      for (const [file, { size, hash }] of read) {
        if (size < EDIT_READY_BYTES || libraryFormatOf(file) !== 'seed') continue;
        await this.fileThread.keep(file, hash).catch(() => undefined);
        await finishInSlices(parsedFiles.restoredWork(file), 'background');
      }
    })().finally(() => (this.editsReady = undefined));
  }

  /** What a load is made from: the library files and their stamps, the theme definitions and the user's overrides. */
  private async libraryInputs(): Promise<LibraryInputs> {
    const seeds = path.join(this.extensionPath, 'seeds');
    const files = await this.libraryFiles();
    // Stamped before they are read: a file changed meanwhile then no longer matches what this load saves.
    const stampedAt = Date.now();
    const stamps = await Promise.all(files.map(stampOf));
    const themes = readThemeDefinitions(path.join(seeds, 'themes.json'));
    const overrides = await this.themeOverrides.read();
    return { files, stamps, stampedAt, themes, overrides, fingerprint: outlineFingerprint(stamps, themes.themes, overrides.overrides) };
  }

  /** The seed files if included, then the configured files and globs' files. */
  private async libraryFiles(): Promise<string[]> {
    return [...(includeSeedPapers() ? seedLibraryFiles(path.join(this.extensionPath, 'seeds')) : []), ...(await findLibraryFiles(libraryLocations()))];
  }

  /** The parses kept from earlier loads (or sessions), and the files that need not be read: as stamped when they were parsed. */
  private async keptParses(stamps: readonly LibraryFileStamp[]): Promise<{ parsedFiles: ParsedFiles; unchanged: Map<string, UnchangedSource> }> {
    this.parsedFiles ??= this.readCached(PARSED_FILES_CACHE).then((saved) => finishInSlices(ParsedFiles.restore(saved)));
    this.fileStamps ??= this.readCached(FILE_STAMPS_CACHE).then((saved) => FileStamps.restore(saved?.join('')));
    const [parsedFiles, stamped] = await Promise.all([this.parsedFiles, this.fileStamps]);
    return { parsedFiles, unchanged: unchangedSources(stamps, stamped, parsedFiles) };
  }

  /** What the next load, or session, reads instead of making it again; `parsedFiles` when this load parsed any file. */
  private saveCaches(library: PaperLibrary, { stamps, stampedAt, fingerprint }: LibraryInputs, read: ReadonlyMap<string, { readonly hash: string }>, parsedFiles?: ParsedFiles): void {
    if (!library.catalogueFromCache) void this.writeCached(INDEX_CACHE, library.saveCache());
    void this.writeCached(OUTLINE_CACHE, mapWork([library], (l) => saveOutline(l.themeGroups(), fingerprint)));
    if (parsedFiles) void this.writeCached(PARSED_FILES_CACHE, parsedFiles.toCacheWork());
    const restamped = FileStamps.of(stamps, (file) => read.get(file)?.hash, stampedAt);
    this.fileStamps = Promise.resolve(restamped);
    void this.writeCached(FILE_STAMPS_CACHE, mapWork([restamped], (stamped) => stamped.save()));
  }

  private publish(library: PaperLibrary, diagnostics: readonly LibraryDiagnostic[], problem: LibraryProblem | undefined): PaperLibrary {
    this.failure = problem;
    this.problems = diagnostics;
    this.loaded = library;
    this.changed.fire(library);
    return library;
  }

  private async readCachedBytes(name: string, wanted: (head: Uint8Array) => boolean): Promise<Uint8Array | undefined> {
    return this.cacheDir ? readFileIf(path.join(this.cacheDir, name), wanted).catch(() => undefined) : undefined;
  }

  private async readCached(name: string): Promise<string[] | undefined> {
    if (!this.cacheDir) return undefined;
    try {
      return await readTextInSlices(path.join(this.cacheDir, name));
    } catch {
      return undefined; // not saved yet
    }
  }

  /** Best effort: a cache that cannot be written only costs the next start its head start. Text made in slices, or bytes. */
  private async writeCached(name: string, content: Work<string[]> | Uint8Array[]): Promise<void> {
    if (!this.cacheDir) return;
    const file = path.join(this.cacheDir, name);
    try {
      // Made in slices once the library is out: serialising a large library takes a while too.
      const chunks = content instanceof Array ? content : await encodedInSlices(content);
      // Straight to disk, not through VS Code's file system API, which would send 160 MB at
      // 100,000 papers over its IPC.
      await mkdir(this.cacheDir, { recursive: true });
      await (this.abandonedRemoved ??= removeAbandonedPartials(this.cacheDir));
      await replaceFile(file, chunks);
    } catch (error) {
      this.log.warn(`Could not write the cache ${file}: ${(error as Error).message}`);
    }
  }
}

/** A library file as a load read it (see `LibraryService.fileReads`). */
interface FileRead {
  readonly size: number;
  readonly hash: string;
  readonly how: 'whole' | 'edit' | 'unchanged';
}

interface LibraryInputs {
  readonly files: readonly string[];
  readonly stamps: readonly LibraryFileStamp[];
  /** When the stamps were taken (see `FileStamps.of`). */
  readonly stampedAt: number;
  readonly themes: { readonly themes: ThemeDefinition[]; readonly diagnostics: LibraryDiagnostic[] };
  readonly overrides: { readonly overrides: ThemeOverrides; readonly diagnostics: LibraryDiagnostic[] };
  /** What the saved outline must have been made from to be shown (see `outlineFingerprint`). */
  readonly fingerprint: string;
}

async function stampOf(file: string): Promise<LibraryFileStamp> {
  const { size, mtimeMs } = await stat(file).catch(() => ({ size: -1, mtimeMs: -1 }));
  return { file, size, mtimeMs };
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
