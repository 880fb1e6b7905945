// Feature: Reload Library, and a reload when the library settings change.
import vscode = require('vscode');
import { affects } from '../host/settings';
import type { FeatureDeps } from './deps';

/** Reload Library and Recompute Themes, on request, and a reload when the configured library files change. */
export function registerLibraryReload({ library }: FeatureDeps): vscode.Disposable[] {
  const reload = (how: 'afresh' | 'update' | 'recompute') =>
    vscode.window.withProgress({ location: { viewId: 'literatureNotes.papers' }, title: how === 'recompute' ? 'Recomputing the themes' : 'Reloading the library' }, async () => {
      const loaded = await library.reload(how);
      vscode.window.setStatusBarMessage(`$(book) Literature Notes: ${loaded.papers.length} papers loaded`, 3000);
      return loaded.papers.length;
    });
  return [
    vscode.commands.registerCommand('literatureNotes.reloadLibrary', () => reload('afresh')),
    // Papers added since the last theming were placed into the themes there were; this themes them all again.
    vscode.commands.registerCommand('literatureNotes.recomputeThemes', () => reload('recompute')),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Files added to or taken from the library: the papers of the others stay as they are.
      // Other definitions theme the library afresh (an update needs the same ones).
      if (affects(event, 'libraries', 'includeSeedPapers', 'themeDefinitions')) void reload('update');
    }),
  ];
}
