import * as path from 'node:path';
import * as vscode from 'vscode';
import { PaperLibrary } from '../core/library';
import { ParsedFiles, readLibrary } from '../core/libraryContent';
import { readLibrarySourcesWith, readThemeDefinitions, seedLibraryFiles } from '../core/libraryFiles';
import { emptyLibraryProblem, type LibraryProblem } from '../core/libraryProblem';
import { formatDiagnostic, type LibraryDiagnostic } from '../core/paper';
import { findLibraryFiles, libraryLocations } from './libraryLocations';
import { includeSeedPapers } from './settings';
import { ThemeOverridesFile } from './themeOverridesFile';

const INDEXING = 'Indexing the library…';
/** Past either, a load is announced in a notification, not only in the status bar. */
const LARGE_LIBRARY_PAPERS = 5000;
const SLOW_LOAD_MS = 1000;

/**
 * The one library every feature shares: loaded on first use, reloaded on request or when
 * the library files or their settings change, announced through `onDidChange`. Loads run one
 * after another, so an older one never replaces a newer library.
 */
export class LibraryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PaperLibrary>();
  /** Fires after every load, with the new library; views and hovers refresh from it. */
  readonly onDidChange = this.changed.event;
  private loading?: Promise<PaperLibrary>;
  private loaded?: PaperLibrary;
  private failure?: LibraryProblem;
  private problems: readonly LibraryDiagnostic[] = [];
  /** Reloads parse again only the files that changed. */
  private readonly parsedFiles = new ParsedFiles();
  /** The user's theme renames and paper moves, applied by every load. */
  readonly themeOverrides = new ThemeOverridesFile();

  constructor(
    private readonly extensionPath: string,
    private readonly cacheFile: string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

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

  /** Loads once and shares the result. */
  ready(): Promise<PaperLibrary> {
    return (this.loading ??= this.load());
  }

  reload(): Promise<PaperLibrary> {
    const previous = this.loading;
    return (this.loading = previous ? previous.then(() => this.load()) : this.load());
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async load(): Promise<PaperLibrary> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: INDEXING }, () => this.loadOrReport());
  }

  /** Never rejects: whatever goes wrong is reported, and the features get an empty library. */
  private async loadOrReport(): Promise<PaperLibrary> {
    try {
      return await this.read();
    } catch (error) {
      const message = `The library could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(message);
      return this.publish(await PaperLibrary.fromSources([], { themes: [] }), [], { kind: 'failed', message });
    }
  }

  private async read(): Promise<PaperLibrary> {
    const started = Date.now();
    const seeds = path.join(this.extensionPath, 'seeds');
    const files = [...(includeSeedPapers() ? seedLibraryFiles(seeds) : []), ...(await findLibraryFiles(libraryLocations()))];
    const { sources, diagnostics: unread } = await readLibrarySourcesWith(files, (file) => vscode.workspace.fs.readFile(vscode.Uri.file(file)));
    const themes = readThemeDefinitions(path.join(seeds, 'themes.json'));
    const overrides = await this.themeOverrides.read();
    const cache = await this.readCache();
    const parsedBefore = this.parsedFiles.parseCount;
    const content = await readLibrary(sources, this.parsedFiles);
    const build = async () => {
      // A timer's turn, not only an immediate: the progress message then reaches the window before the build holds the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return PaperLibrary.fromContent(content, { themes: themes.themes, themeOverrides: overrides.overrides, cache });
    };
    const announced = content.entries.length > LARGE_LIBRARY_PAPERS || Date.now() - started > SLOW_LOAD_MS;
    const library = announced ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: INDEXING }, build) : await build();
    if (!library.fromCache) void this.writeCache(library);

    const diagnostics = [...unread, ...themes.diagnostics, ...overrides.diagnostics, ...library.diagnostics];
    const parsed = this.parsedFiles.parseCount - parsedBefore;
    this.log.info(
      `Loaded ${library.papers.length} papers in ${library.themes.length} themes from ${files.length} files (${parsed} parsed, the others unchanged) in ${Date.now() - started} ms${library.fromCache ? ' (cached index)' : ''}.`,
    );
    for (const d of diagnostics) this.log[d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warn' : 'info'](formatDiagnostic(d));
    return this.publish(library, diagnostics, library.papers.length ? undefined : emptyLibraryProblem(files, diagnostics));
  }

  private publish(library: PaperLibrary, diagnostics: readonly LibraryDiagnostic[], problem: LibraryProblem | undefined): PaperLibrary {
    this.failure = problem;
    this.problems = diagnostics;
    this.loaded = library;
    this.changed.fire(library);
    return library;
  }

  private async readCache(): Promise<string | undefined> {
    if (!this.cacheFile) return undefined;
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(this.cacheFile)));
    } catch {
      return undefined; // no cache yet
    }
  }

  /** Best effort: a cache that cannot be written only costs the next start its head start. */
  private async writeCache(library: PaperLibrary): Promise<void> {
    if (!this.cacheFile) return;
    // Once the library is out: writing a large index holds the thread too, and need not hold the load.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      await vscode.workspace.fs.writeFile(vscode.Uri.file(this.cacheFile), new TextEncoder().encode(library.toCache()));
    } catch (error) {
      this.log.warn(`Could not write the index cache ${this.cacheFile}: ${(error as Error).message}`);
    }
  }
}
