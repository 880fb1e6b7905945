// The citations of every Markdown note in the workspace, for Find All References.
import vscode = require('vscode');
import type { LibraryView } from '../core/model/libraryView';
import type { NoteCitation } from '../core/notes/noteScanner';
import type { LibraryService } from './libraryService';
import type { NoteCitations } from './noteCitations';
import { isNote } from './notesEditors';
import { readBoundedText } from './workspaceFiles';

const NOTES = '**/*.{md,markdown}';
const MAX_NOTES = 2000;
/** Larger files are generated output rather than notes, and would stall the extension host. */
const MAX_NOTE_BYTES = 2_000_000;
/** Files read at once: enough to overlap the reads, few enough to stay clear of file-handle limits. */
const BATCH = 50;

export interface NoteInWorkspace {
  readonly uri: vscode.Uri;
  readonly citations: readonly NoteCitation[];
}

/**
 * The citations of every note in the workspace: open documents as the editor has them (they
 * may be unsaved), other files as saved. A file is read again only when it changed on disk.
 */
export class WorkspaceNotes {
  private readonly saved = new Map<string, { mtime: number; size: number; library: LibraryView; citations: NoteCitation[] }>();

  constructor(
    private readonly library: LibraryService,
    private readonly citations: NoteCitations,
  ) {}

  /** Every note, with `asked` (the document a request came from) even if outside the workspace. */
  async all(asked: vscode.TextDocument, token?: vscode.CancellationToken): Promise<NoteInWorkspace[]> {
    const open = vscode.workspace.textDocuments.filter((d) => d === asked || (isNote(d) && (d.isUntitled || vscode.workspace.getWorkspaceFolder(d.uri))));
    const isOpen = new Set(open.map((d) => d.uri.toString()));
    const files = await vscode.workspace.findFiles(NOTES, '**/node_modules/**', MAX_NOTES, token);
    const library = await this.library.ready();
    const notes: NoteInWorkspace[] = await Promise.all(open.map(async (d) => ({ uri: d.uri, citations: await this.citations.of(d) })));
    const unopened = files.filter((uri) => !isOpen.has(uri.toString()));
    for (let i = 0; i < unopened.length && !token?.isCancellationRequested; i += BATCH) {
      const read = await Promise.all(unopened.slice(i, i + BATCH).map((uri) => this.savedNote(uri, library)));
      notes.push(...read.filter((note) => note !== undefined));
    }
    const listed = new Set(files.map((uri) => uri.toString()));
    for (const key of this.saved.keys()) if (!listed.has(key)) this.saved.delete(key);
    return notes;
  }

  private async savedNote(uri: vscode.Uri, library: LibraryView): Promise<NoteInWorkspace | undefined> {
    try {
      const { mtime, size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_NOTE_BYTES) return undefined;
      const cached = this.saved.get(uri.toString());
      if (cached?.mtime === mtime && cached.size === size && cached.library === library) return { uri, citations: cached.citations };
      const citations = await this.citations.ofText(await readBoundedText(uri, MAX_NOTE_BYTES));
      this.saved.set(uri.toString(), { mtime, size, library, citations });
      return { uri, citations };
    } catch {
      return undefined; // deleted since it was listed, or unreadable: not a note to cite from
    }
  }
}
