import * as vscode from 'vscode';
import type { PaperLibrary, ThemeGroup } from '../core/library';
import type { Paper } from '../core/paper';
import { appendPaperSummary } from '../host/paperMarkdown';
import type { FeatureDeps } from './deps';

export const PAPERS_VIEW = 'literatureNotes.papers';
/** `loading`, `ready`, `empty` or `failed`: the welcome views in package.json key on it. */
const STATE_CONTEXT = 'literatureNotes.libraryState';

export interface ThemeNode {
  readonly kind: 'theme';
  readonly group: ThemeGroup;
}

/** A paper in the sidebar; commands run from its context menu receive it. */
export interface PaperNode {
  readonly kind: 'paper';
  readonly paper: Paper;
}

export type PaperTreeNode = ThemeNode | PaperNode;

/** The sidebar's data: themes as collapsible nodes, papers under them. */
export class ThemeTreeProvider implements vscode.TreeDataProvider<PaperTreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: ThemeNode[] = [];

  setLibrary(library: PaperLibrary): void {
    this.groups = library.themeGroups().map((group) => ({ kind: 'theme', group }));
    this.changed.fire();
  }

  getChildren(node?: PaperTreeNode): PaperTreeNode[] {
    if (!node) return this.groups;
    return node.kind === 'theme' ? node.group.papers.map((paper) => ({ kind: 'paper', paper })) : [];
  }

  /** The rendered tree, themes with their papers, as the view shows it. */
  snapshot(): { theme: vscode.TreeItem; papers: vscode.TreeItem[] }[] {
    return this.groups.map((node) => ({ theme: this.getTreeItem(node), papers: this.getChildren(node).map((p) => this.getTreeItem(p)) }));
  }

  getTreeItem(node: PaperTreeNode): vscode.TreeItem {
    return node.kind === 'theme' ? themeItem(node.group) : paperItem(node.paper);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function themeItem({ theme, papers }: ThemeGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(theme.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `theme:${theme.name}`;
  item.description = String(papers.length);
  item.tooltip = theme.description ? `${theme.description} (${papers.length} papers)` : `${papers.length} papers`;
  item.iconPath = new vscode.ThemeIcon(theme.icon ?? 'symbol-folder');
  item.contextValue = 'theme';
  return item;
}

function paperItem(paper: Paper): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  // Keys may repeat across library files (both papers are shown); a file and line never do.
  item.id = `paper:${paper.file}:${paper.line}`;
  item.description = paper.key;
  item.tooltip = appendPaperSummary(new vscode.MarkdownString(), paper, 600);
  item.iconPath = new vscode.ThemeIcon('book');
  item.contextValue = 'paper';
  item.command = { command: 'literatureNotes.openPaper', title: 'Open Paper', arguments: [paper.key] };
  return item;
}

/** Shows `provider` (made by `activate`, which also hands it to the API) in the sidebar. */
export function registerPaperTree(_context: vscode.ExtensionContext, { library }: FeatureDeps, provider: ThemeTreeProvider): vscode.Disposable[] {
  const view = vscode.window.createTreeView(PAPERS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  void vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'loading');

  const show = (loaded: PaperLibrary) => {
    provider.setLibrary(loaded);
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT, library.problem?.kind ?? 'ready');
    view.message = library.problem?.message;
  };
  if (library.current) show(library.current);
  return [provider, view, library.onDidChange(show)];
}
