// Feature: citation key completion after `@` in Markdown notes.
import vscode = require('vscode');
import { byline } from '../core/model/paperByline';
import { partialCitationAt } from '../core/notes/citationContext';
import { papersForTypedKey, prepareKeyTables } from '../core/search/keyCompletion';
import type { LibraryView } from '../core/model/libraryView';
import type { Paper } from '../core/model/paper';
import { finishInSlices } from '../core/work/slices';
import { appendPaperSummary } from '../host/paperMarkdown';
import type { CitationFormatting } from '../host/citationFormatting';
import type { LibraryService } from '../host/libraryService';
import type { CslData } from '../core/cite/noteMetadata';
import type { FeatureDeps } from './deps';

const ITEM_LIMIT = 50;

/** Key, title and theme in the list; the abstract beside it, once selected. Accepting it writes only the key. */
class PaperCompletionItem extends vscode.CompletionItem {
  constructor(readonly paper: Paper) {
    const who = byline(paper);
    super({ label: paper.key, detail: ` ${paper.title}`, description: who ? `${who} · ${paper.theme}` : paper.theme }, vscode.CompletionItemKind.Reference);
  }
}

/** An entry of the note's own bibliography (front matter `references:` or `bibliography:` files), which the library does not have. */
class NoteEntryCompletionItem extends vscode.CompletionItem {
  constructor(entry: CslData, rank: number, query: string, range: vscode.Range) {
    const title = typeof entry.title === 'string' ? entry.title : '';
    super({ label: entry.id, detail: title ? ` ${title}` : undefined, description: "note's bibliography" }, vscode.CompletionItemKind.Reference);
    this.insertText = entry.id;
    this.range = range;
    this.filterText = query;
    this.sortText = String(rank).padStart(4, '0');
  }
}

/** The note's own entries whose key or title holds every word typed, keys the library has left out. */
function noteEntriesFor(entries: readonly CslData[], query: string, inLibrary: (key: string) => boolean): CslData[] {
  const words = query.toLowerCase().split(/[\s-]+/).filter(Boolean);
  return entries.filter((entry) => {
    if (inLibrary(entry.id)) return false;
    const text = `${entry.id} ${typeof entry.title === 'string' ? entry.title : ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
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
export class CitationCompletionProvider implements vscode.CompletionItemProvider<PaperCompletionItem | NoteEntryCompletionItem> {
  private readonly tables = new WeakMap<LibraryView, Promise<void>>();

  constructor(
    private readonly library: LibraryService,
    private readonly formatting?: CitationFormatting,
  ) {}

  prepare(loaded: LibraryView): Promise<void> {
    return this.tables.get(loaded) ?? this.tables.set(loaded, finishInSlices(prepareKeyTables(loaded))).get(loaded)!;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList<PaperCompletionItem | NoteEntryCompletionItem> | undefined> {
    const text = document.getText();
    const typed = partialCitationAt(text, document.offsetAt(position));
    if (!typed) return undefined;
    // The whole key is replaced, whatever the insert mode: a key's tail left after the cursor would only spoil it.
    const range = new vscode.Range(document.positionAt(typed.start), document.positionAt(typed.end));
    const loaded = await this.library.ready();
    await this.prepare(loaded);
    const papers = await papersForTypedKey(loaded, typed.query, ITEM_LIMIT);
    // The note's own entries first: a note names its bibliography for the papers it cites.
    const own = noteEntriesFor(this.formatting?.noteEntries(text, document.uri) ?? [], typed.query, (key) => loaded.paperByKey(key) !== undefined).slice(0, ITEM_LIMIT);
    // Incomplete, so that each keystroke searches again rather than filtering these.
    return new vscode.CompletionList<PaperCompletionItem | NoteEntryCompletionItem>(
      [...own.map((entry, rank) => new NoteEntryCompletionItem(entry, rank, typed.query, range)), ...papers.map((paper, rank) => completionItem(paper, own.length + rank, typed.query, range))],
      true,
    );
  }

  // Only for the item shown: fifty abstracts sent with every keystroke would slow the list down.
  resolveCompletionItem(item: PaperCompletionItem | NoteEntryCompletionItem): PaperCompletionItem | NoteEntryCompletionItem {
    if (item instanceof PaperCompletionItem) item.documentation = appendPaperSummary(new vscode.MarkdownString(), item.paper, 600);
    return item;
  }
}

export function registerCitationCompletion({ library, formatting, testHooks }: FeatureDeps): vscode.Disposable[] {
  const provider = new CitationCompletionProvider(library, formatting);
  testHooks.completion = provider;
  // A space re-triggers inside `[@…`, where several title words make one query (`[@robot cook`);
  // anywhere else the provider finds nothing being typed and answers nothing.
  return [vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, provider, '@', ' '), library.onDidChange((loaded) => void provider.prepare(loaded))];
}
