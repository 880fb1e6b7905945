// Feature: the Papers view, the library in the sidebar by theme.
import vscode = require('vscode');
import type { LibraryView, ThemeGroup } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import type { ThemeOutline } from '../core/model/sidebarOutline';
import { letterRanges, titlePages, type TitleRange } from '../core/search/titleRanges';
import { appendPaperSummary } from '../host/paperMarkdown';
import type { FeatureDeps } from './deps';
import { notificationText } from '../core/model/untrustedText';
import { RESTRICTED_NOTICE } from './workspaceTrust';

export const PAPERS_VIEW = 'literatureNotes.papers';
/** `loading`, `ready`, `empty` or `failed`: the welcome views in package.json key on it. */
const STATE_CONTEXT = 'literatureNotes.libraryState';

export interface ThemeNode {
  readonly kind: 'theme';
  /** The theme and its papers; before the library has loaded, the theme as the last session outlined it. */
  readonly group: ThemeGroup | OutlinedGroup;
}

/** A theme from the saved outline: how many papers it has, but not yet which. */
interface OutlinedGroup {
  readonly theme: ThemeOutline['theme'];
  readonly count: number;
}

/** A theme split into sub-themes (its papers too many to scan): the sub-themes under it. */
export interface ParentThemeNode {
  readonly kind: 'parent';
  readonly name: string;
  readonly children: readonly ThemeNode[];
}

/** A paper in the sidebar; commands run from its context menu receive it. */
export interface PaperNode {
  readonly kind: 'paper';
  readonly paper: Paper;
}

/** Part of a theme too large to list at once: its papers `start` to `end`, in title order. */
export interface TitleRangeNode {
  readonly kind: 'titles';
  readonly group: ThemeGroup;
  readonly range: TitleRange;
}

export type PaperTreeNode = ParentThemeNode | ThemeNode | TitleRangeNode | PaperNode;

/** A node as the view renders it, with its children as they render when it is expanded. */
export interface RenderedNode {
  readonly item: vscode.TreeItem;
  readonly children: readonly RenderedNode[];
}

/** The most children a node lists; a larger theme shows alphabetical ranges instead. */
export const PAGE_SIZE = 200;

/** What the sidebar marks on a paper besides its title: whether it has a literature note, and a file to open. */
export interface PaperMarks {
  hasNote(key: string): boolean;
  hasFiles(paper: Paper): boolean;
}

/** Which papers the sidebar lists: all, or only those with (or without) a literature note. */
export type NoteFilter = 'all' | 'with' | 'without';

/** The sidebar's data: themes as collapsible nodes, papers under them (in title ranges when many). */
export class ThemeTreeProvider implements vscode.TreeDataProvider<PaperTreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: ThemeNode[] = [];
  /** The first level: themes, and the parents of sub-themes in the place of their first sub-theme. */
  private top: (ThemeNode | ParentThemeNode)[] = [];
  private libraryShown = false;
  private showLibrary!: () => void;
  private readonly shown = new Promise<void>((resolve) => (this.showLibrary = resolve));
  private library?: LibraryView;
  private filter: NoteFilter = 'all';

  constructor(private readonly marks: PaperMarks = { hasNote: () => false, hasFiles: () => false }) {}

  setLibrary(library: LibraryView): void {
    this.library = library;
    this.show(this.filteredGroups(library));
    this.libraryShown = true;
    this.showLibrary();
    this.changed.fire();
  }

  get noteFilter(): NoteFilter {
    return this.filter;
  }

  setNoteFilter(filter: NoteFilter): void {
    this.filter = filter;
    this.refresh();
  }

  /** Renders the papers again, as notes and files come and go. */
  refresh(): void {
    if (this.library) this.setLibrary(this.library);
  }

  private filteredGroups(library: LibraryView): ThemeNode[] {
    const groups = library.themeGroups();
    if (this.filter === 'all') return groups.map((group) => ({ kind: 'theme', group }));
    const wanted = this.filter === 'with';
    return groups
      .map((group) => ({ ...group, papers: group.papers.filter((paper) => this.marks.hasNote(paper.key) === wanted) }))
      .filter((group) => group.papers.length > 0)
      .map((group) => ({ kind: 'theme', group }));
  }

  /**
   * The themes as the last session left them, shown until the library loads (for a large
   * library, noticeably later); false, and nothing shown, once it has.
   */
  setOutline(outline: readonly ThemeOutline[]): boolean {
    if (this.libraryShown) return false;
    this.show(outline.map(({ theme, count }) => ({ kind: 'theme', group: { theme, count } })));
    this.changed.fire();
    return true;
  }

  private show(groups: ThemeNode[]): void {
    this.groups = groups;
    this.top = [];
    const parents = new Map<string, ThemeNode[]>();
    for (const node of groups) {
      const parent = node.group.theme.parent;
      if (parent === undefined) this.top.push(node);
      else if (parents.has(parent)) parents.get(parent)!.push(node);
      else {
        const children = [node];
        parents.set(parent, children);
        this.top.push({ kind: 'parent', name: parent, children });
      }
    }
  }

  /**
   * Computed only for the node being expanded, so a theme of thousands costs nothing until
   * opened. A theme from the outline lists its papers once the library has loaded.
   */
  getChildren(node?: PaperTreeNode): PaperTreeNode[] | Promise<PaperTreeNode[]> {
    if (!node) return this.top;
    if (node.kind === 'paper') return [];
    if (node.kind === 'parent') return [...node.children];
    if (node.kind === 'theme' && !('papers' in node.group)) return this.loadedChildren(node.group.theme.name);
    const group = node.group as ThemeGroup;
    const { start, end } = node.kind === 'titles' ? node.range : { start: 0, end: group.papers.length };
    const papers = group.papers.slice(start, end);
    if (papers.length <= PAGE_SIZE) return papers.map((paper) => ({ kind: 'paper', paper }));
    const titles = papers.map((p) => p.title);
    const ranges = node.kind === 'theme' ? letterRanges(titles, PAGE_SIZE) : titlePages(titles, PAGE_SIZE);
    return ranges.map((r) => ({ kind: 'titles', group, range: { ...r, start: start + r.start, end: start + r.end } }));
  }

  private async loadedChildren(themeName: string): Promise<PaperTreeNode[]> {
    await this.shown;
    const loaded = this.groups.find((node) => node.group.theme.name === themeName);
    return loaded ? this.getChildren(loaded) : [];
  }

  /** The themes as shown now, with how many papers each says it has: from the outline until the library loads. */
  shownThemes(): { theme: string; count: number; parent?: string }[] {
    return this.groups.map(({ group }) => ({ theme: group.theme.name, count: countOf(group), ...(group.theme.parent !== undefined ? { parent: group.theme.parent } : {}) }));
  }

  /** The rendered tree once the library has loaded, themes with all their papers (whatever ranges the view shows them in). */
  snapshot(): { theme: vscode.TreeItem; papers: vscode.TreeItem[] }[] {
    return this.groups.map((node) => ({ theme: this.getTreeItem(node), papers: (node.group as ThemeGroup).papers.map((paper) => paperItem(paper, this.marks)) }));
  }

  /** The tree with every node expanded, as the view would render it: for tests, through the API. */
  async expandedTree(node?: PaperTreeNode): Promise<RenderedNode[]> {
    const children = await this.getChildren(node);
    return Promise.all(children.map(async (child) => ({ item: this.getTreeItem(child), children: await this.expandedTree(child) })));
  }

  /**
   * The items of one node's children, as the view asks for them when that node is expanded: the
   * node found by the ids of its tree items from the top (none for the top level).
   */
  async childItems(ids: readonly string[]): Promise<vscode.TreeItem[]> {
    let node: PaperTreeNode | undefined;
    for (const id of ids) {
      node = (await this.getChildren(node)).find((child) => this.getTreeItem(child).id === id);
      if (!node) throw new Error(`The sidebar has no node ${ids.join(' / ')}`);
    }
    return (await this.getChildren(node)).map((child) => this.getTreeItem(child));
  }

  getTreeItem(node: PaperTreeNode): vscode.TreeItem {
    return node.kind === 'parent' ? parentItem(node) : node.kind === 'theme' ? themeItem(node.group) : node.kind === 'titles' ? titleRangeItem(node) : paperItem(node.paper, this.marks);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function countOf(group: ThemeGroup | OutlinedGroup): number {
  return 'papers' in group ? group.papers.length : group.count;
}

function themeItem(group: ThemeGroup | OutlinedGroup): vscode.TreeItem {
  const { theme } = group;
  const count = countOf(group);
  const item = new vscode.TreeItem(theme.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `theme:${theme.name}`;
  item.description = String(count);
  item.tooltip = theme.description ? `${theme.description} (${count} papers)` : `${count} papers`;
  item.iconPath = new vscode.ThemeIcon(theme.icon ?? 'symbol-folder');
  item.contextValue = 'theme';
  // Without it a screen reader reads the tooltip, and never the theme's name.
  item.accessibilityInformation = { label: `${theme.name}, theme, ${count === 1 ? '1 paper' : `${count} papers`}` };
  return item;
}

function parentItem({ name, children }: ParentThemeNode): vscode.TreeItem {
  const count = children.reduce((sum, child) => sum + countOf(child.group), 0);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `parent:${name}`;
  item.description = String(count);
  item.tooltip = `${count} papers in ${children.length} sub-themes`;
  item.accessibilityInformation = { label: `${name}, theme of ${children.length} sub-themes, ${count} papers` };
  item.iconPath = new vscode.ThemeIcon('folder-library');
  item.contextValue = 'parentTheme';
  return item;
}

function titleRangeItem({ group, range }: TitleRangeNode): vscode.TreeItem {
  const count = range.end - range.start;
  const item = new vscode.TreeItem(`${range.label} (${count})`, vscode.TreeItemCollapsibleState.Collapsed);
  // Positions in the theme's title order: unique, and the same for as long as the library is.
  item.id = `theme:${group.theme.name}:titles:${range.start}-${range.end}`;
  item.tooltip = `${count} papers of ${group.theme.name}, ${range.label}`;
  item.iconPath = new vscode.ThemeIcon('list-flat');
  item.contextValue = 'titles';
  item.accessibilityInformation = { label: `${range.label}, ${count} papers of ${group.theme.name}` };
  return item;
}

function paperItem(paper: Paper, marks: PaperMarks): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  // Keys may repeat across library files (both papers are shown); a file and line never do.
  item.id = `paper:${paper.file}:${paper.line}`;
  const noted = marks.hasNote(paper.key);
  const filed = marks.hasFiles(paper);
  item.description = noted ? `${paper.key} · noted` : paper.key;
  item.tooltip = appendPaperSummary(new vscode.MarkdownString(), paper, 600);
  if (noted) item.tooltip.appendMarkdown('\n\n*Has a literature note*');
  item.iconPath = new vscode.ThemeIcon(noted ? 'notebook' : 'book');
  // `paper`, then what the context menu may offer besides: the menus match on `^paper\b`.
  item.contextValue = ['paper', ...(noted ? ['noted'] : []), ...(filed ? ['pdf'] : [])].join(' ');
  item.accessibilityInformation = { label: `${paper.title}, ${paper.key}${noted ? ', has a literature note' : ''}${filed ? ', has a PDF' : ''}` };
  item.command = { command: 'literatureNotes.openPaper', title: 'Open Paper', arguments: [paper.key] };
  return item;
}

/** Shows `provider` (made by `activate`, which also hands it to the API) in the sidebar. */
export function registerPaperTree({ library, testHooks, literatureNotes, paperFiles }: FeatureDeps): vscode.Disposable[] {
  const provider = new ThemeTreeProvider({ hasNote: (key) => literatureNotes.hasNote(key), hasFiles: (paper) => paperFiles.hasFiles(paper) });
  testHooks.tree = provider;
  const view = vscode.window.createTreeView(PAPERS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  void vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'loading');

  const show = (loaded: LibraryView) => {
    provider.setLibrary(loaded);
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT, library.problem?.kind ?? 'ready');
    // Restricted Mode first: it is why the workspace's files are missing, whatever else the load found.
    view.message = vscode.workspace.isTrusted ? library.problem && notificationText(library.problem.message) : RESTRICTED_NOTICE;
  };
  void library.outline.then((outline) => {
    if (outline?.length && provider.setOutline(outline)) void vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'ready');
  });
  if (library.current) show(library.current);
  const filterBy = (filter: NoteFilter) => {
    provider.setNoteFilter(filter);
    view.description = filter === 'all' ? undefined : filter === 'with' ? 'with literature notes' : 'without literature notes';
  };
  return [
    provider,
    view,
    library.onDidChange(show),
    literatureNotes.onDidChange(() => provider.refresh()),
    paperFiles.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('literatureNotes.filterByLiteratureNotes', async (filter?: unknown) => {
      const chosen = isNoteFilter(filter) ? filter : await chooseNoteFilter(provider.noteFilter);
      if (chosen) filterBy(chosen);
    }),
  ];
}

const NOTE_FILTERS: Record<NoteFilter, string> = { all: 'All papers', with: 'Papers with a literature note', without: 'Papers without a literature note' };
const isNoteFilter = (value: unknown): value is NoteFilter => typeof value === 'string' && Object.hasOwn(NOTE_FILTERS, value);

async function chooseNoteFilter(current: NoteFilter): Promise<NoteFilter | undefined> {
  const items = (Object.keys(NOTE_FILTERS) as NoteFilter[]).map((filter) => ({ label: NOTE_FILTERS[filter], description: filter === current ? 'shown now' : undefined, filter }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Papers to show in the sidebar' }))?.filter;
}
