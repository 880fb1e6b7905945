import type * as vscode from 'vscode';
import type { LibraryService } from '../host/libraryService';
import type { NoteCitations } from '../host/noteCitations';
import type { NotesEditors } from '../host/notesEditors';

/** What every feature is given: the shared library, the notes' citations, the notes editors and the log. */
export interface FeatureDeps {
  readonly library: LibraryService;
  readonly citations: NoteCitations;
  readonly notes: NotesEditors;
  readonly log: vscode.LogOutputChannel;
}
