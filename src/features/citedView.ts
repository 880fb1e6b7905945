// Feature: the Cited in This Note view under the papers.
import vscode = require('vscode');
import type { CitedPaper, CitedTheme, UnresolvedKey } from '../core/notes/noteCoverage';
import { noteName, type ActiveNote, type ActiveNoteState } from '../host/activeNote';
import { citationRange, type NoteCitations } from '../host/noteCitations';
import { appendPaperSummary } from '../host/paperMarkdown';
import type { FeatureDeps } from './deps';

const CITED_VIEW = 'literatureNotes.cited';
/** Selects and shows the first citation of a key in a note: `(note: Uri, key: string)`. */
export const REVEAL_CITATION = 'literatureNotes.revealCitation';
/** `noNote`, `nothing` or `papers`: the welcome views in package.json key on it. */
const STATE_CONTEXT = 'literatureNotes.citedState';

/** A cited paper; `paper` on the node itself, so the sidebar's paper commands take it as they are. */
interface CitedPaperNode extends CitedPaper {
  readonly kind: 'paper';
  readonly note: vscode.Uri;
}

type CitedNode =
  | { readonly kind: 'theme'; readonly cited: CitedTheme; readonly note: vscode.Uri }
  | CitedPaperNode
  | { readonly kind: 'unresolved'; readonly keys: readonly UnresolvedKey[]; readonly note: vscode.Uri }
  | { readonly kind: 'key'; readonly cited: UnresolvedKey; readonly note: vscode.Uri };

/** The view's data: the themes the note cites, their papers, then the keys the library lacks. */
export class CitedTreeProvider implements vscode.TreeDataProvider<CitedNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(readonly note: ActiveNote) {
    this.subscription = note.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: CitedNode): CitedNode[] {
    if (node) return childrenOf(node);
    const state = this.note.current;
    if (!state) return [];
    const note = state.document.uri;
    const { themes, unresolved } = state.coverage;
    const groups: CitedNode[] = themes.map((cited) => ({ kind: 'theme', cited, note }));
    return unresolved.length ? [...groups, { kind: 'unresolved', keys: unresolved, note }] : groups;
  }

  getTreeItem(node: CitedNode): vscode.TreeItem {
    switch (node.kind) {
      case 'theme':
        return themeItem(node.cited);
      case 'paper':
        return paperItem(node);
      case 'unresolved':
        return unresolvedItem(node.keys);
      case 'key':
        return keyItem(node.cited, node.note);
    }
  }

  /** The rendered tree, each group with its children, as the view shows it. */
  snapshot(): { group: vscode.TreeItem; children: vscode.TreeItem[] }[] {
    return this.getChildren().map((group) => ({ group: this.getTreeItem(group), children: childrenOf(group).map((c) => this.getTreeItem(c)) }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function childrenOf(node: CitedNode): CitedNode[] {
  const { note } = node;
  if (node.kind === 'theme') return node.cited.papers.map((cited) => ({ kind: 'paper', ...cited, note }));
  if (node.kind === 'unresolved') return node.keys.map((cited) => ({ kind: 'key', cited, note }));
  return [];
}

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);
const revealFirst = (note: vscode.Uri, key: string): vscode.Command => ({ command: REVEAL_CITATION, title: 'Show First Citation', arguments: [note, key] });

function themeItem({ theme, papers }: CitedTheme): vscode.TreeItem {
  const item = new vscode.TreeItem(theme.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `cited-theme:${theme.name}`;
  item.description = String(papers.length);
  const citations = papers.reduce((sum, p) => sum + p.count, 0);
  item.tooltip = `${papers.length === 1 ? '1 paper' : `${papers.length} papers`} of ${theme.name}, cited ${times(citations)}`;
  item.iconPath = new vscode.ThemeIcon(theme.icon ?? 'symbol-folder');
  return item;
}

function paperItem({ paper, count, note }: CitedPaperNode): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  item.id = `cited-paper:${paper.key}`;
  item.description = `${paper.key} · ${count}×`;
  item.tooltip = appendPaperSummary(new vscode.MarkdownString(), paper, 400).appendMarkdown(`\n\n*Cited ${times(count)} in this note.*`);
  item.iconPath = new vscode.ThemeIcon('book');
  item.contextValue = 'paper';
  item.command = revealFirst(note, paper.key);
  return item;
}

function unresolvedItem(keys: readonly UnresolvedKey[]): vscode.TreeItem {
  const item = new vscode.TreeItem('Not in the library', vscode.TreeItemCollapsibleState.Expanded);
  item.id = 'cited-unresolved';
  item.description = String(keys.length);
  item.tooltip = 'Keys this note cites that no library file defines';
  item.iconPath = new vscode.ThemeIcon('warning');
  return item;
}

function keyItem({ key, count }: UnresolvedKey, note: vscode.Uri): vscode.TreeItem {
  const item = new vscode.TreeItem(`@${key}`, vscode.TreeItemCollapsibleState.None);
  item.id = `cited-key:${key}`;
  item.description = `${count}×`;
  item.tooltip = `@${key} is in no library file: check the key, or add the paper to a library file. Cited ${times(count)} in this note.`;
  item.iconPath = new vscode.ThemeIcon('question');
  item.command = revealFirst(note, key);
  return item;
}

/** Selects a key's first citation in a note, scrolled to the middle of its editor. */
async function revealFirstCitation(citations: NoteCitations, note: vscode.Uri, key: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(note);
  const first = (await citations.of(document)).find((c) => c.key === key);
  if (!first) return false;
  const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, shown?.viewColumn);
  const range = citationRange(first);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  return true;
}

function stateOf(state: ActiveNoteState | undefined): 'noNote' | 'nothing' | 'papers' {
  if (!state) return 'noNote';
  return state.coverage.themes.length || state.coverage.unresolved.length ? 'papers' : 'nothing';
}

/** Shows `provider` (made by `activate`, which also hands it to the API) as Cited in This Note. */
export function registerCitedView({ citations, activeNote, testHooks }: FeatureDeps): vscode.Disposable[] {
  const provider = new CitedTreeProvider(activeNote);
  testHooks.cited = provider;
  const view = vscode.window.createTreeView(CITED_VIEW, { treeDataProvider: provider });
  const show = () => {
    const state = provider.note.current;
    view.description = state && noteName(state.document);
    void vscode.commands.executeCommand('setContext', STATE_CONTEXT, stateOf(state));
  };
  show();
  return [
    provider,
    view,
    provider.onDidChangeTreeData(show),
    vscode.commands.registerCommand(REVEAL_CITATION, (note: vscode.Uri, key: string) => revealFirstCitation(citations, note, key)),
  ];
}
