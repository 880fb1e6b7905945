// Feature: quick fixes for unknown citation keys.
import vscode = require('vscode');
import { closestPapers } from '../core/search/closestKeys';
import type { LibraryView } from '../core/model/libraryView';
import { textPreview } from '../core/model/paperPreview';
import { words } from '../core/search/text';
import { UNKNOWN_KEY } from './citationDiagnostics';
import type { FeatureDeps } from './deps';

const isUnknownKey = (d: vscode.Diagnostic) => d.source === UNKNOWN_KEY.source && d.code === UNKNOWN_KEY.code;

/** Replace an unknown key with one of the closest keys, best first; or search the library for its words. */
async function fixesFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, library: LibraryView): Promise<vscode.CodeAction[]> {
  const key = document.getText(diagnostic.range);
  const replacements = (await closestPapers(library, key)).map((paper) => {
    const action = new vscode.CodeAction(`Replace with @${paper.key} (${textPreview(paper.title, 60)})`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, diagnostic.range, paper.key);
    action.diagnostics = [diagnostic];
    return action;
  });
  const query = words(key).join(' ');
  const search = new vscode.CodeAction(`Search the library for "${query}"`, vscode.CodeActionKind.QuickFix);
  search.command = { command: 'literatureNotes.search', title: search.title, arguments: [query] };
  search.diagnostics = [diagnostic];
  return [...replacements, search];
}

/** Quick fixes for the unknown citation keys that the diagnostics report. */
export function registerCitationQuickFixes({ library }: FeatureDeps): vscode.Disposable[] {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context) {
      const unknown = context.diagnostics.filter(isUnknownKey);
      if (unknown.length === 0) return [];
      // The closest keys come from the library search too.
      const loaded = await library.indexed();
      return (await Promise.all(unknown.map((diagnostic) => fixesFor(document, diagnostic, loaded)))).flat();
    },
  };
  return [vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] })];
}
