// The citations of open notes, scanned once per document version.
import vscode = require('vscode');
import type { LibraryView } from '../core/model/libraryView';
import { NoteScanCache } from '../core/notes/noteScanCache';
import { NoteScanner, type NoteCitation } from '../core/notes/noteScanner';
import { finishInSlices } from '../core/work/slices';
import type { LibraryService } from './libraryService';

/**
 * The citations of open notes, scanned once per document version with the current library's
 * scanner, re-reading only the blocks an edit changed; hovers, definitions, references, the
 * cited view and the status bar share the result.
 */
export class NoteCitations implements vscode.Disposable {
  private scanner?: { library: LibraryView; scanner: Promise<NoteScanner> };
  private readonly scans = new WeakMap<vscode.TextDocument, { version: number; library: LibraryView; citations: NoteCitation[]; cache: NoteScanCache }>();
  private readonly onLoad: vscode.Disposable;

  constructor(private readonly library: LibraryService) {
    // The scanner reads every title: made as soon as a library loads, in slices, not on the first hover.
    this.onLoad = library.onDidChange((loaded) => void this.scannerFor(loaded));
  }

  dispose(): void {
    this.onLoad.dispose();
  }

  async of(document: vscode.TextDocument): Promise<NoteCitation[]> {
    const library = await this.library.ready();
    const scanner = await this.scannerFor(library);
    const cached = this.scans.get(document);
    if (cached && cached.version === document.version && cached.library === library) return cached.citations;
    // Per library: a block's citations depend on the papers. Within one, only edited blocks are read again.
    const cache = cached?.library === library ? cached.cache : new NoteScanCache(scanner);
    const citations = cache.scan(document.getText());
    this.scans.set(document, { version: document.version, library, citations, cache });
    return citations;
  }

  /** The citations of a note that is not open in an editor, such as a file read from the workspace. */
  async ofText(text: string): Promise<NoteCitation[]> {
    return (await this.scannerFor(await this.library.ready())).scan(text);
  }

  /** The citation under a position; the `@` before a key counts as part of it. */
  async at(document: vscode.TextDocument, position: vscode.Position): Promise<NoteCitation | undefined> {
    const offset = document.offsetAt(position);
    return (await this.of(document)).find((c) => offset >= c.start - (c.form === 'pandoc' ? 1 : 0) && offset <= c.end);
  }

  private scannerFor(library: LibraryView): Promise<NoteScanner> {
    if (this.scanner?.library !== library) this.scanner = { library, scanner: finishInSlices(NoteScanner.build(library)) };
    return this.scanner.scanner;
  }
}

/** Where a citation is in its note: the key (without `@`), the title or the link text. */
export function citationRange(citation: NoteCitation): vscode.Range {
  return new vscode.Range(citation.line - 1, citation.startColumn, citation.endLine - 1, citation.endColumn);
}
