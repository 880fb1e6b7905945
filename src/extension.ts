// The extension's entry point: makes the shared services, then registers each feature in turn.
import * as path from 'node:path';
import type MarkdownIt from 'markdown-it';
import vscode = require('vscode');
import { createApi, type LiteratureNotesApi } from './api';
import { registerAbstractPanel } from './features/abstractPanel';
import { registerAddPaper } from './features/addPaper';
import { registerBibliographyExport } from './features/bibliographyExport';
import { registerCitationCommands } from './features/citationCommands';
import { registerCitationCompletion } from './features/citationCompletion';
import { registerCitationDefinition } from './features/citationDefinition';
import { registerCitationDiagnostics } from './features/citationDiagnostics';
import { registerCitationHover } from './features/citationHover';
import { registerCitationQuickFixes } from './features/citationQuickFixes';
import { registerCitationReferences } from './features/citationReferences';
import { registerCitedView } from './features/citedView';
import { registerCoverageStatus } from './features/coverageStatus';
import type { Feature, FeatureDeps } from './features/deps';
import { registerLibraryProblems } from './features/libraryProblems';
import { registerLibraryReload } from './features/libraryReload';
import { registerLibraryWatch } from './features/libraryWatch';
import { registerLiteratureNotes } from './features/literatureNote';
import { extendMarkdownIt, registerMarkdownPreview } from './features/markdownPreview';
import { registerNoteReferences } from './features/noteReferences';
import { registerPaperSearch } from './features/paperSearch';
import { registerPaperTree } from './features/paperTree';
import { registerThemeOverrides } from './features/themeOverrides';
import { registerWalkthrough } from './features/walkthrough';
import { registerWorkspaceTrust } from './features/workspaceTrust';
import { ActiveNote } from './host/activeNote';
import { CitationFormatting } from './host/citationFormatting';
import { LibraryService } from './host/libraryService';
import { LiteratureNoteFolder } from './host/literatureNoteFolder';
import { NoteCitations } from './host/noteCitations';
import { NotesEditors } from './host/notesEditors';
import { PaperFilesIndex } from './host/paperFiles';

export type { LiteratureNotesApi } from './api';

/** Every contributed capability, one file each in src/features, in the order they register. */
const FEATURES: readonly Feature[] = [
  // The library: where papers come from, and their problems.
  registerLibraryReload,
  registerLibraryWatch,
  registerLibraryProblems,
  registerAddPaper,
  registerThemeOverrides,
  registerWorkspaceTrust,
  // Browsing it: the sidebar, search and the abstract panel.
  registerPaperTree,
  registerPaperSearch,
  registerAbstractPanel,
  // Writing with it: citing, and what a citation in a note refers to.
  registerCitationCommands,
  registerCitationCompletion,
  registerCitationHover,
  registerCitationDiagnostics,
  registerCitationQuickFixes,
  registerCitationDefinition,
  registerCitationReferences,
  // A note as a whole: what it cites, what it leaves out, its bibliography.
  registerCitedView,
  registerCoverageStatus,
  registerBibliographyExport,
  registerNoteReferences,
  // A note about one paper, and the paper's own files.
  registerLiteratureNotes,
  // A note as the reader sees it: VS Code's Markdown preview.
  registerMarkdownPreview,
  // Getting started.
  registerWalkthrough,
];

export function activate(context: vscode.ExtensionContext): LiteratureNotesApi & { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const log = vscode.window.createOutputChannel('Literature Notes', { log: true });
  // One cache folder per version: a new version may parse or index differently.
  const cacheDir = path.join(context.globalStorageUri.fsPath, String(context.extension.packageJSON.version));
  const library = new LibraryService(context.extensionPath, cacheDir, log);
  const notes = new NotesEditors();
  const citations = new NoteCitations(library);
  const activeNote = new ActiveNote(library, citations, notes);
  const literatureNotes = new LiteratureNoteFolder();
  const paperFiles = new PaperFilesIndex(library);
  const formatting = new CitationFormatting(context.extensionPath, library);
  const deps: FeatureDeps = { extensionUri: context.extensionUri, library, citations, notes, formatting, activeNote, literatureNotes, paperFiles, log, globalState: context.globalState, extensionMode: context.extensionMode, testHooks: {} };
  context.subscriptions.push(log, library, citations, notes, activeNote, literatureNotes, paperFiles, formatting);
  for (const register of FEATURES) context.subscriptions.push(...register(deps));
  void library.ready();
  // The Markdown preview's extension point (`markdown.markdownItPlugins`) reads this from the API object.
  return { ...createApi(library, deps.testHooks), extendMarkdownIt: (md: MarkdownIt) => extendMarkdownIt(md, formatting) };
}

export function deactivate(): void {}
