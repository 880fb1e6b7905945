// Feature: Insert Citation, Copy Citation Key and Show Related Papers.
import vscode = require('vscode');
import { citationSnippet, SNIPPET_STYLES, type SnippetStyle } from '../core/notes/citationSnippet';
import { citationStyle, citationTemplate } from '../host/settings';
import type { FeatureDeps } from './deps';
import { paperArgument } from './paperArgument';

const isStyle = (style: unknown): style is SnippetStyle => (SNIPPET_STYLES as readonly unknown[]).includes(style);

/** Insert Citation, Copy Citation Key and Show Related Papers: each takes a key or a sidebar node. */
export function registerCitationCommands({ library, notes }: FeatureDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('literatureNotes.insertCitation', async (argument?: unknown, style?: unknown) => {
      const paper = await paperArgument(library, argument, 'Paper to cite');
      if (!paper) return false;
      const chosen = isStyle(style) ? style : citationStyle();
      return notes.insert(citationSnippet(paper, chosen, citationTemplate()));
    }),
    vscode.commands.registerCommand('literatureNotes.copyCitationKey', async (argument?: unknown) => {
      const paper = await paperArgument(library, argument, 'Paper whose key to copy');
      if (!paper) return undefined;
      await vscode.env.clipboard.writeText(paper.key);
      vscode.window.setStatusBarMessage(`$(check) Copied citation key ${paper.key}`, 3000);
      return paper.key;
    }),
    vscode.commands.registerCommand('literatureNotes.showRelated', async (argument?: unknown) => {
      const paper = await paperArgument(library, argument, 'Paper to find related papers for');
      if (!paper) return;
      const related = (await library.relatedReady(await library.ready())).relatedTo(paper, 15);
      const items = related.map(({ paper: p }) => ({ label: p.title, description: `${p.key} · ${p.theme}`, key: p.key }));
      const chosen = await vscode.window.showQuickPick(items, { title: `Related to ${paper.title}`, placeHolder: 'Open a related paper', matchOnDescription: true });
      if (chosen) await vscode.commands.executeCommand('literatureNotes.openPaper', chosen.key);
    }),
  ];
}
