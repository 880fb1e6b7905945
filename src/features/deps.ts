import type * as vscode from 'vscode';
import type { LibraryService } from '../host/libraryService';
import type { NotesEditors } from '../host/notesEditors';

/** What every feature is given: the shared library, the notes editors and the log. */
export interface FeatureDeps {
  readonly library: LibraryService;
  readonly notes: NotesEditors;
  readonly log: vscode.LogOutputChannel;
}
