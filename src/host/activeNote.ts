// The note being worked on and what it cites, shared by the features that follow the active note.
import vscode = require('vscode');
import type { PaperLibrary } from '../core/model/library';
import { noteCoverage, type NoteCoverage } from '../core/notes/noteCoverage';
import { citationsOutsideReferences } from '../core/notes/referencesSection';
import type { LibraryService } from './libraryService';
import type { NoteCitations } from './noteCitations';
import type { NotesEditors } from './notesEditors';

/** Typing settles this long before the note is looked at again. */
const DEBOUNCE_MS = 300;

/** The note being worked on, the library it was read against, and what it cites. */
export interface ActiveNoteState {
  readonly document: vscode.TextDocument;
  readonly library: PaperLibrary;
  readonly coverage: NoteCoverage;
}

/** A note's file name, or `Untitled-1` for an unsaved one: what its editor tab says. */
export function noteName(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.path;
}

/**
 * What the note being worked on cites, for the Cited in This Note view and the status bar.
 * That note is the active Markdown editor's, else the last one still visible, so a click
 * into the abstract panel or a library file beside it keeps it. Recomputed when editors
 * change, when the note changes (debounced) and when the library reloads.
 */
export class ActiveNote implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private state?: ActiveNoteState;
  private timer?: ReturnType<typeof setTimeout>;
  /** Counts refreshes, so that one finishing after a newer one is dropped. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly library: LibraryService,
    private readonly citations: NoteCitations,
    private readonly notes: NotesEditors,
  ) {
    const refresh = () => void this.refresh();
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(refresh),
      vscode.window.onDidChangeVisibleTextEditors(refresh),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length && event.document === this.notes.target?.document) this.refreshSoon();
      }),
      library.onDidChange(refresh),
    ];
    refresh();
  }

  /** Undefined when no Markdown note is being worked on. */
  get current(): ActiveNoteState | undefined {
    return this.state;
  }

  dispose(): void {
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    const document = this.notes.target?.document;
    const library = await this.library.ready();
    const citations = document && (await this.citations.of(document));
    if (generation !== this.generation) return;
    // What the References section lists is cited elsewhere in the note, or no longer cited at all.
    this.state = document && citations && { document, library, coverage: noteCoverage(citationsOutsideReferences(document.getText(), citations), library.themes) };
    this.changed.fire();
  }
}
