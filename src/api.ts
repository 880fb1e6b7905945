// The extension's public API for other extensions, with the test surface kept apart under `testing`.
import vscode = require('vscode');
import type { LibraryUpdate, RelatedPaper, SearchResult } from './core/model/libraryView';
import type { ThemesMadeBy } from './core/model/library';
import type { LibraryProblem } from './core/model/libraryProblem';
import type { Paper } from './core/model/paper';
import type { RenderedNode } from './features/paperTree';
import type { LibraryService } from './host/libraryService';
import { paperFiles } from './host/paperFiles';
import type { TestHooks } from './testHooks';

/**
 * What `activate` returns to other extensions. Every call waits for the library to load.
 * `testing` is the extension's own test surface, apart and not stable.
 */
export interface LiteratureNotesApi {
  /** The library's papers for a query, best first, as the search box finds them. */
  search(query: string, limit?: number): Promise<SearchResult[]>;
  paperByKey(key: string): Promise<Paper | undefined>;
  /** The papers most like the paper with this key, best first. */
  related(key: string, limit?: number): Promise<RelatedPaper[]>;
  /** Every paper, grouped as the sidebar shows them. */
  themes(): Promise<{ theme: string; papers: Paper[] }[]>;
  /** Why the library has no papers, as the sidebar's welcome view says; undefined when it has some. */
  problem(): Promise<LibraryProblem | undefined>;
  /** For the extension's own host tests only. */
  readonly testing: LiteratureNotesTesting;
}

/** What the host tests read beside the public API: the library's state and the views as rendered. */
export interface LiteratureNotesTesting {
  /**
   * Once search runs without waiting: the search index is made after the papers load, restored
   * from the cache, built, or updated from the library before (`updated` then says how), in the
   * index thread or (should that fail) in the host's.
   */
  indexState(): Promise<{ readonly restored: boolean; readonly inIndexThread: boolean; readonly updated?: LibraryUpdate }>;
  /** How many times the library has been loaded since activation; a reload on a file event that changed nothing is not one. */
  loads(): number;
  /** How the latest load read each library file: whole, as an edit of the version parsed before, or not at all (unchanged). */
  fileReads(): ReadonlyMap<string, 'whole' | 'edit' | 'unchanged'>;
  /** Once the library is loaded: where its themes came from (the cache, an update, found in the index thread — `elsewhere` — or in the host's). */
  themesMadeBy(): Promise<ThemesMadeBy>;
  /** Once related papers are ready, after each load: restored from the cache, or made in the background. */
  relatedReady(): Promise<'restored' | 'made'>;
  /** The sidebar's tree items, themes with their papers, exactly as the view renders them. */
  sidebar(): Promise<{ theme: vscode.TreeItem; papers: vscode.TreeItem[] }[]>;
  /** The themes the sidebar shows right now, without waiting: from the last session's outline until the library loads. */
  sidebarThemes(): { theme: string; count: number }[];
  /** The sidebar with every node expanded: themes, the title ranges of large ones, papers. */
  sidebarTree(): Promise<readonly RenderedNode[]>;
  /** The items under one sidebar node, found by its tree items' ids from the top, as the view gets them on expanding it. */
  sidebarChildren(ids?: readonly string[]): Promise<vscode.TreeItem[]>;
  /** Cited in This Note as the view renders it: each group (a theme, or the keys not in the library) with its items. */
  citedInNote(): Promise<{ group: vscode.TreeItem; children: vscode.TreeItem[] }[]>;
  /** The note's status-bar item, text, tooltip and what a screen reader says of it; undefined while it is hidden. */
  coverageStatus(): Promise<{ text: string; tooltip: string; accessibility: vscode.AccessibilityInformation } | undefined>;
  /** What the extension's own hover and completion providers answer, asked directly rather than through VS Code. */
  provideHover(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover | undefined>;
  provideCompletion(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionList | undefined>;
  /** Handles a message as if the Abstract panel's webview had posted it (a button pressed, Escape). */
  panelMessage(message: unknown): Promise<void>;
  /** The files Open PDF finds for the paper with this key, and every path it tried. */
  paperFiles(key: string): Promise<{ found: string[]; tried: string[] }>;
}

export function createApi(library: LibraryService, hooks: TestHooks): LiteratureNotesApi {
  /** Views update when the library loads: reading them after that sees the loaded state. */
  const afterLoad =
    <T>(read: () => T | Promise<T>) =>
    async (): Promise<T> => {
      await library.ready();
      return read();
    };
  /** The library once its related papers are made. */
  const relatedLibrary = async () => library.relatedReady(await library.ready());
  /** A provider the features registered; they all register in `activate`, before any call. */
  const hooked = <K extends keyof TestHooks>(name: K): NonNullable<TestHooks[K]> => {
    const hook = hooks[name];
    if (!hook) throw new Error(`Literature Notes: the ${name} feature is not registered`);
    return hook;
  };
  const testing: LiteratureNotesTesting = {
    indexState: async () => {
      const loaded = await library.indexed();
      const updated = loaded.updatedFrom;
      return { restored: loaded.fromCache, inIndexThread: loaded.indexElsewhere, ...(updated ? { updated } : {}) };
    },
    loads: () => library.loads,
    fileReads: () => library.fileReads,
    themesMadeBy: async () => (await library.ready()).themesMadeBy,
    relatedReady: async () => ((await relatedLibrary()).relatedFromCache ? 'restored' : 'made'),
    sidebar: afterLoad(() => hooked('tree').snapshot()),
    sidebarThemes: () => hooked('tree').shownThemes(),
    sidebarTree: afterLoad(() => hooked('tree').expandedTree()),
    sidebarChildren: async (ids = []) => {
      await library.ready();
      return hooked('tree').childItems(ids);
    },
    citedInNote: afterLoad(() => hooked('cited').snapshot()),
    coverageStatus: afterLoad(() => hooked('coverage').snapshot()),
    provideHover: async (uri, position) => (await hooked('hover').provideHover(await documentAt(uri), position, NEVER_CANCELLED)) ?? undefined,
    paperFiles: async (key) => {
      const paper = (await library.ready()).paperByKey(key);
      const files = paper ? await paperFiles(paper) : { found: [], tried: [] };
      return { found: files.found.map((uri) => uri.fsPath), tried: [...files.tried] };
    },
    provideCompletion: async (uri, position) => (await hooked('completion').provideCompletionItems(await documentAt(uri), position)) ?? undefined,
    panelMessage: (message) => hooked('panel').post(message),
  };
  return {
    search: async (query, limit) => (await library.indexed()).search(query, limit),
    paperByKey: async (key) => (await library.ready()).paperByKey(key),
    related: async (key, limit) => {
      const current = await relatedLibrary();
      const paper = current.paperByKey(key);
      return paper ? current.relatedTo(paper, limit) : [];
    },
    themes: async () => (await library.ready()).themeGroups().map((g) => ({ theme: g.theme.name, papers: [...g.papers] })),
    problem: afterLoad(() => library.problem),
    testing,
  };
}

const NEVER_CANCELLED: vscode.CancellationToken = new vscode.CancellationTokenSource().token;

/** The open document at `uri`, as the providers are given it. */
const documentAt = (uri: vscode.Uri) => vscode.workspace.openTextDocument(uri);
