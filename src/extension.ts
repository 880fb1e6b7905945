import * as path from 'node:path';
import type * as vscode from 'vscode';
import { PaperLibrary, type RelatedPaper, type SearchResult } from './core/library';
import { readLibrarySources, readThemeDefinitions, seedLibraryFiles } from './core/libraryFiles';
import type { Paper } from './core/paper';

/** What `activate` returns: for tests and for other extensions. */
export interface LiteratureNotesApi {
  search(query: string, limit?: number): SearchResult[];
  paperByKey(key: string): Paper | undefined;
  related(key: string, limit?: number): RelatedPaper[];
}

export function activate(context: vscode.ExtensionContext): LiteratureNotesApi {
  let library: PaperLibrary | undefined;
  // Loaded on first use and shared, so activation itself stays instant.
  const shared = () => (library ??= loadSeedLibrary(context.extensionPath));
  return {
    search: (query, limit) => shared().search(query, limit),
    paperByKey: (key) => shared().paperByKey(key),
    related: (key, limit) => {
      const paper = shared().paperByKey(key);
      return paper ? shared().relatedTo(paper, limit) : [];
    },
  };
}

function loadSeedLibrary(extensionPath: string): PaperLibrary {
  const seeds = path.join(extensionPath, 'seeds');
  const { sources } = readLibrarySources(seedLibraryFiles(seeds));
  return PaperLibrary.fromSources(sources, { themes: readThemeDefinitions(path.join(seeds, 'themes.json')).themes });
}

export function deactivate(): void {}
