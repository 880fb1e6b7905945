import * as vscode from 'vscode';
import type { NoteCitation } from '../core/noteScanner';
import { hoverEnabled } from '../host/settings';
import { citationRange } from '../host/noteCitations';
import { appendPaperSummary, appendUntrusted } from '../host/paperMarkdown';
import type { FeatureDeps } from './deps';

/** Only these commands may run from a hover's links; nothing from a note or paper can add one. */
const HOVER_COMMANDS = ['literatureNotes.openPaper', 'literatureNotes.showRelated'];

const commandLink = (label: string, command: string, key: string) =>
  `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([key]))} "${label}")`;

/** What a hover on a citation shows; all paper and note text goes in as plain text. */
export function citationHoverContent(citation: NoteCitation): vscode.MarkdownString {
  const content = new vscode.MarkdownString();
  const { paper } = citation;
  if (!paper) {
    appendUntrusted(content, `@${citation.key}`).appendMarkdown(' — *not in the library*');
    return content;
  }
  content.isTrusted = { enabledCommands: HOVER_COMMANDS };
  appendPaperSummary(content, paper, 400).appendMarkdown(`\n\n${commandLink('Open Paper', 'literatureNotes.openPaper', paper.key)} · ${commandLink('Related Papers', 'literatureNotes.showRelated', paper.key)}`);
  return content;
}

/** Hovers on citation keys, titles written in the text and links whose text is a title. */
export function registerCitationHover(_context: vscode.ExtensionContext, { citations }: FeatureDeps): vscode.Disposable[] {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position) {
      if (!hoverEnabled()) return undefined;
      const citation = await citations.at(document, position);
      return citation && new vscode.Hover(citationHoverContent(citation), citationRange(citation));
    },
  };
  return [vscode.languages.registerHoverProvider({ language: 'markdown' }, provider)];
}
