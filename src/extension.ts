import * as path from 'node:path';
import vscode = require('vscode');
import { createApi, type LiteratureNotesApi } from './api';
import { registerAbstractPanel } from './features/abstractPanel';
import { registerAddPaper } from './features/addPaper';
import { registerBibliographyExport } from './features/bibliographyExport';
import { registerCitationCommands } from './features/citationCommands';
import { CitationCompletionProvider, registerCitationCompletion } from './features/citationCompletion';
import { registerCitationDefinition } from './features/citationDefinition';
import { registerCitationDiagnostics } from './features/citationDiagnostics';
import { citationHoverProvider, registerCitationHover } from './features/citationHover';
import { registerCitationQuickFixes } from './features/citationQuickFixes';
import { registerCitationReferences } from './features/citationReferences';
import { CitedTreeProvider, registerCitedView } from './features/citedView';
import { CoverageStatusBar, registerCoverageStatus } from './features/coverageStatus';
import type { FeatureDeps } from './features/deps';
import { registerLibraryProblems } from './features/libraryProblems';
import { registerLibraryReload } from './features/libraryReload';
import { registerLibraryWatch } from './features/libraryWatch';
import { registerNoteReferences } from './features/noteReferences';
import { registerPaperSearch } from './features/paperSearch';
import { registerPaperTree, ThemeTreeProvider } from './features/paperTree';
import { registerThemeOverrides } from './features/themeOverrides';
import { ActiveNote } from './host/activeNote';
import { LibraryService } from './host/libraryService';
import { NoteCitations } from './host/noteCitations';
import { NotesEditors } from './host/notesEditors';

export type { LiteratureNotesApi } from './api';

export function activate(context: vscode.ExtensionContext): LiteratureNotesApi {
  const log = vscode.window.createOutputChannel('Literature Notes', { log: true });
  // One cache folder per version: a new version may parse or index differently.
  const cacheDir = path.join(context.globalStorageUri.fsPath, String(context.extension.packageJSON.version));
  const library = new LibraryService(context.extensionPath, cacheDir, log);
  const notes = new NotesEditors();
  const deps: FeatureDeps = { library, citations: new NoteCitations(library), notes, log };
  const tree = new ThemeTreeProvider();
  const activeNote = new ActiveNote(library, deps.citations, notes);
  const cited = new CitedTreeProvider(activeNote);
  const coverage = new CoverageStatusBar(activeNote);
  const hover = citationHoverProvider(deps);
  const completion = new CitationCompletionProvider(library);

  context.subscriptions.push(
    log,
    library,
    deps.citations,
    notes,
    activeNote,
    // The library: where papers come from, and their problems.
    ...registerLibraryReload(context, deps),
    ...registerLibraryWatch(context, deps),
    ...registerLibraryProblems(context, deps),
    ...registerAddPaper(context, deps),
    ...registerThemeOverrides(context, deps),
    // Browsing it: the sidebar, search and the abstract panel.
    ...registerPaperTree(context, deps, tree),
    ...registerPaperSearch(context, deps),
    ...registerAbstractPanel(context, deps),
    // Writing with it: citing, and what a citation in a note refers to.
    ...registerCitationCommands(context, deps),
    ...registerCitationCompletion(context, deps, completion),
    ...registerCitationHover(context, deps, hover),
    ...registerCitationDiagnostics(context, deps),
    ...registerCitationQuickFixes(context, deps),
    ...registerCitationDefinition(context, deps),
    ...registerCitationReferences(context, deps),
    // A note as a whole: what it cites, what it leaves out, its bibliography.
    ...registerCitedView(context, deps, cited),
    ...registerCoverageStatus(context, deps, coverage),
    ...registerBibliographyExport(context, deps),
    ...registerNoteReferences(context, deps),
  );
  void library.ready();
  return createApi(library, { tree, cited, coverage, hover, completion });
}

export function deactivate(): void {}
