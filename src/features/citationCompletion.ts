// Feature: citation key completion after `@` in Markdown notes.
import vscode = require('vscode');
import { byline } from '../core/model/paperByline';
import { partialCitationAt } from '../core/notes/citationContext';
import { papersForTypedKey, prepareKeyTables } from '../core/search/keyCompletion';
import type { LibraryView } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import { finishInSlices } from '../core/work/slices';
import { appendPaperSummary } from '../host/paperMarkdown';
import type { LibraryService } from '../host/libraryService';
import type { FeatureDeps } from './deps';

const ITEM_LIMIT = 50;

/** Key, title and theme in the list; the abstract beside it, once selected. Accepting it writes only the key. */
class PaperCompletionItem extends vscode.CompletionItem {
  constructor(readonly paper: Paper) {
    const who = byline(paper);
    super({ label: paper.key, detail: ` ${paper.title}`, description: who ? `${who} · ${paper.theme}` : paper.theme }, vscode.CompletionItemKind.Reference);
  }
}

function completionItem(paper: Paper, rank: number, query: string, range: vscode.Range): PaperCompletionItem {
  const item = new PaperCompletionItem(paper);
  item.insertText = paper.key;
  item.range = range;
  // The library search decides what matches (title words, typos): VS Code's own filter must keep every hit, in its order.
  item.filterText = query;
  item.sortText = String(rank).padStart(4, '0');
  return item;
}

/**
 * Citation keys after `@` in notes, found by key, title words or typos. Its lookup tables are
 * made in slices as each library loads (`prepare`), rather than on the first `@`.
 */
export class CitationCompletionProvider implements vscode.CompletionItemProvider<PaperCompletionItem> {
  private readonly tables = new WeakMap<LibraryView, Promise<void>>();

  constructor(private readonly library: LibraryService) {}

  prepare(loaded: LibraryView): Promise<void> {
    return this.tables.get(loaded) ?? this.tables.set(loaded, finishInSlices(prepareKeyTables(loaded))).get(loaded)!;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList<PaperCompletionItem> | undefined> {
    const typed = partialCitationAt(document.getText(), document.offsetAt(position));
    if (!typed) return undefined;
    // The whole key is replaced, whatever the insert mode: a key's tail left after the cursor would only spoil it.
    const range = new vscode.Range(document.positionAt(typed.start), document.positionAt(typed.end));
    const loaded = await this.library.ready();
    await this.prepare(loaded);
    const papers = await papersForTypedKey(loaded, typed.query, ITEM_LIMIT);
    // Incomplete, so that each keystroke searches again rather than filtering these.
    return new vscode.CompletionList(
      papers.map((paper, rank) => completionItem(paper, rank, typed.query, range)),
      true,
    );
  }

  // Only for the item shown: fifty abstracts sent with every keystroke would slow the list down.
  resolveCompletionItem(item: PaperCompletionItem): PaperCompletionItem {
    item.documentation = appendPaperSummary(new vscode.MarkdownString(), item.paper, 600);
    return item;
  }
}

export function registerCitationCompletion({ library, testHooks }: FeatureDeps): vscode.Disposable[] {
  const provider = new CitationCompletionProvider(library);
  testHooks.completion = provider;
  // A space re-triggers inside `[@…`, where several title words make one query (`[@robot cook`);
  // anywhere else the provider finds nothing being typed and answers nothing.
  return [vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, '@', ' '), library.onDidChange((loaded) => void provider.prepare(loaded))];
}
