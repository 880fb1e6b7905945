// Feature: Search Papers, a live quick pick over the library.
import vscode = require('vscode');
import type { LibraryView, SearchResult } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import { byline } from '../core/model/paperByline';
import { excerptAround } from '../core/model/paperPreview';
import { FILTER_HELP } from '../core/search/searchFilters';
import { isNote } from '../host/notesEditors';
import type { FeatureDeps } from './deps';
import { notificationText } from '../core/model/untrustedText';

const RESULT_LIMIT = 50;

export interface PaperPickItem extends vscode.QuickPickItem {
  readonly paper: Paper;
}

const openButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('book'), tooltip: 'Open Paper' };
const noteButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('new-file'), tooltip: 'New Literature Note (opens it when there is one)' };

/**
 * A QuickPick item for a search hit. The QuickPick's own filter is off (our index decides
 * what matches, typos and all), so the words that matched are named in the detail line.
 */
export function pickItem({ paper, terms }: Pick<SearchResult, 'paper' | 'terms'>): PaperPickItem {
  const matched = terms.length ? `$(search) ${terms.join(', ')} — ` : '';
  const who = byline(paper);
  return {
    paper,
    label: paper.title,
    description: `${who ? `${who} · ` : ''}${paper.key} · ${paper.theme}`,
    detail: `${matched}${excerptAround(paper.abstract, terms, 160)}`,
    alwaysShow: true,
    buttons: [openButton, noteButton],
  };
}

async function itemsFor(library: LibraryView, query: string): Promise<PaperPickItem[]> {
  if (!query.trim()) return library.papers.slice(0, RESULT_LIMIT).map((paper) => pickItem({ paper, terms: [] }));
  return (await library.search(query, RESULT_LIMIT)).map(pickItem);
}

/**
 * Searches live as the user types. Enter cites the paper in the active Markdown editor when
 * there is one, otherwise opens it; the item's buttons open it, or its literature note.
 */
async function searchPapers({ library }: FeatureDeps, initialQuery?: string): Promise<void> {
  const quickPick = vscode.window.createQuickPick<PaperPickItem>();
  quickPick.title = 'Search Papers';
  quickPick.placeholder = `Type words of the title or abstract, authors, a year, a key or DOI; filter with ${FILTER_HELP}`;
  quickPick.matchOnDescription = false;
  quickPick.matchOnDetail = false;
  quickPick.value = initialQuery ?? '';
  // Shown at once, busy until the library can be searched, so typing can start straight away.
  quickPick.busy = true;
  quickPick.show();
  const loaded = await library.indexed();
  quickPick.busy = false;

  // Searches answer in turn, but a slow one must not replace what a later query found.
  const refresh = async () => {
    const query = quickPick.value;
    try {
      const items = await itemsFor(loaded, query);
      if (quickPick.value === query) quickPick.items = items;
    } catch (error) {
      // Only if the index thread stopped: the next load starts another.
      void vscode.window.showErrorMessage(notificationText(`Search failed: ${(error as Error).message}. Reload the library to search again.`), 'Reload Library').then(
        (choice) => choice && vscode.commands.executeCommand('literatureNotes.reloadLibrary'),
      );
    }
  };
  const open = (paper: Paper) => vscode.commands.executeCommand('literatureNotes.openPaper', paper.key);
  const done = new Promise<void>((resolve) => {
    quickPick.onDidChangeValue(() => void refresh());
    quickPick.onDidTriggerItemButton(({ item, button }) => {
      quickPick.hide();
      void (button === noteButton ? vscode.commands.executeCommand('literatureNotes.newLiteratureNote', item.paper.key) : open(item.paper));
    });
    quickPick.onDidAccept(() => {
      const [chosen] = quickPick.selectedItems;
      if (!chosen) return;
      quickPick.hide();
      const editor = vscode.window.activeTextEditor;
      const notesActive = editor !== undefined && isNote(editor.document);
      void (notesActive ? vscode.commands.executeCommand('literatureNotes.insertCitation', chosen.paper.key) : open(chosen.paper));
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve();
    });
  });
  void refresh();
  return done;
}

export function registerPaperSearch(deps: FeatureDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand('literatureNotes.search', (query?: unknown) => searchPapers(deps, typeof query === 'string' ? query : undefined))];
}
