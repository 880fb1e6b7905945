import * as path from 'node:path';
import * as vscode from 'vscode';
import { createApi, type LiteratureNotesApi } from './api';
import { registerAbstractPanel } from './features/abstractPanel';
import { registerCitationCommands } from './features/citationCommands';
import { registerCitationHover } from './features/citationHover';
import type { FeatureDeps } from './features/deps';
import { registerLibraryReload } from './features/libraryReload';
import { registerPaperSearch } from './features/paperSearch';
import { registerPaperTree, ThemeTreeProvider } from './features/paperTree';
import { LibraryService } from './host/libraryService';
import { NoteCitations } from './host/noteCitations';
import { NotesEditors } from './host/notesEditors';

export type { LiteratureNotesApi } from './api';

export function activate(context: vscode.ExtensionContext): LiteratureNotesApi {
  const log = vscode.window.createOutputChannel('Literature Notes', { log: true });
  const cacheFile = path.join(context.globalStorageUri.fsPath, 'library.cache');
  const library = new LibraryService(context.extensionPath, cacheFile, log);
  const notes = new NotesEditors();
  const deps: FeatureDeps = { library, citations: new NoteCitations(library), notes, log };
  const tree = new ThemeTreeProvider();

  context.subscriptions.push(
    log,
    library,
    notes,
    ...registerPaperTree(context, deps, tree),
    ...registerPaperSearch(context, deps),
    ...registerAbstractPanel(context, deps),
    ...registerCitationCommands(context, deps),
    ...registerCitationHover(context, deps),
    ...registerLibraryReload(context, deps),
  );
  void library.ready();
  return createApi(library, tree);
}

export function deactivate(): void {}
