import vscode = require('vscode');
import { affects } from '../host/settings';
import type { FeatureDeps } from './deps';

/** Reload Library, on request and when the configured library files change. */
export function registerLibraryReload(_context: vscode.ExtensionContext, { library }: FeatureDeps): vscode.Disposable[] {
  const reload = () =>
    vscode.window.withProgress({ location: { viewId: 'literatureNotes.papers' }, title: 'Reloading the library' }, async () => {
      const loaded = await library.reload();
      vscode.window.setStatusBarMessage(`$(book) Literature Notes: ${loaded.papers.length} papers loaded`, 3000);
      return loaded.papers.length;
    });
  return [
    vscode.commands.registerCommand('literatureNotes.reloadLibrary', reload),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'libraries', 'includeSeedPapers')) void reload();
    }),
  ];
}
