// What every feature is given, and the one shape every feature's register function has.
import type * as vscode from 'vscode';
import type { ActiveNote } from '../host/activeNote';
import type { CitationFormatting } from '../host/citationFormatting';
import type { LibraryService } from '../host/libraryService';
import type { LiteratureNoteFolder } from '../host/literatureNoteFolder';
import type { NoteCitations } from '../host/noteCitations';
import type { NotesEditors } from '../host/notesEditors';
import type { PaperFilesIndex } from '../host/paperFiles';
import type { TestHooks } from '../testHooks';

/** The shared services of the extension host, made once in `activate`. */
export interface FeatureDeps {
  /** Where the extension's own files are (the webview bundle, the shipped seeds). */
  readonly extensionUri: vscode.Uri;
  readonly library: LibraryService;
  readonly citations: NoteCitations;
  readonly notes: NotesEditors;
  /** Citation styles: how each note's citations and References are formatted. */
  readonly formatting: CitationFormatting;
  /** The Markdown note being worked on, for the views that follow it. */
  readonly activeNote: ActiveNote;
  /** Where literature notes are, and which papers have one. */
  readonly literatureNotes: LiteratureNoteFolder;
  /** Which papers have a file (a PDF) on disk, for views that cannot wait for the disk. */
  readonly paperFiles: PaperFilesIndex;
  readonly log: vscode.LogOutputChannel;
  /** What the extension remembers for this user across windows and sessions. */
  readonly globalState: vscode.Memento;
  /** Production for users; Test when a window runs the host tests. */
  readonly extensionMode: vscode.ExtensionMode;
  /** Where a feature leaves the providers the host tests read; nothing else reads them. */
  readonly testHooks: TestHooks;
}

/** A contributed capability: registers its commands, providers and views, and returns what to dispose. */
export type Feature = (deps: FeatureDeps) => vscode.Disposable[];
