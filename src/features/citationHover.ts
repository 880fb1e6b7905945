// Feature: hovers on citations, titles and title links in Markdown notes.
import vscode = require('vscode');
import { papersWithCloseKeys } from '../core/search/closestKeys';
import type { NoteCitation } from '../core/notes/noteScanner';
import type { Paper } from '../core/model/paper';
import { hoverEnabled } from '../host/settings';
import { citationRange } from '../host/noteCitations';
import { paperFiles } from '../host/paperFiles';
import { appendPaperSummary, appendUntrusted } from '../host/paperMarkdown';
import type { FeatureDeps } from './deps';

/** Only these commands may run from a hover's links; nothing from a note or paper can add one. */
const HOVER_COMMANDS = ['literatureNotes.openPaper', 'literatureNotes.showRelated', 'literatureNotes.newLiteratureNote', 'literatureNotes.openPdf'];

const commandLink = (label: string, command: string, key: string) =>
  `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([key]))} "${label}")`;

/**
 * What a hover on a citation shows; all paper and note text goes in as plain text.
 * `sharingKey` are all the library's papers with the cited paper's key: when there are two
 * or more, the hover names where each is, since `@key` finds only the first. `closeKeys`: for
 * an unknown key, the papers whose keys it may be a typo of.
 */
export function citationHoverContent(
  citation: NoteCitation,
  sharingKey: readonly Paper[],
  own: OwnFiles = { hasNote: false, hasFiles: false },
  closeKeys: readonly Paper[] = [],
): vscode.MarkdownString {
  const content = new vscode.MarkdownString();
  const { paper } = citation;
  if (!paper) {
    appendUntrusted(content, `@${citation.key}`).appendMarkdown(' — *not in the library*');
    // Plain text: the keys come from library files.
    if (closeKeys.length) appendUntrusted(content.appendMarkdown('\n\n'), `Did you mean ${closeKeys.map((p) => `@${p.key}`).join(', ')}?`);
    return content;
  }
  content.isTrusted = { enabledCommands: HOVER_COMMANDS };
  appendPaperSummary(content, paper, 400);
  if (sharingKey.length > 1) {
    const places = sharingKey.map((p) => `${vscode.workspace.asRelativePath(p.file)}:${p.line}`).join(', ');
    appendUntrusted(content.appendMarkdown('\n\n*'), `${sharingKey.length} papers share this key: ${places}`).appendMarkdown('*');
  }
  const links = [
    commandLink('Open Paper', 'literatureNotes.openPaper', paper.key),
    commandLink('Related Papers', 'literatureNotes.showRelated', paper.key),
    commandLink(own.hasNote ? 'Literature Note' : 'New Literature Note', 'literatureNotes.newLiteratureNote', paper.key),
    ...(own.hasFiles ? [commandLink('Open PDF', 'literatureNotes.openPdf', paper.key)] : []),
  ];
  content.appendMarkdown(`\n\n${links.join(' · ')}`);
  return content;
}

/** Whether the cited paper has a literature note and a file on disk: the hover links to them. */
export interface OwnFiles {
  readonly hasNote: boolean;
  readonly hasFiles: boolean;
}

/** Hovers on citation keys, titles written in the text and links whose text is a title. */
export function citationHoverProvider({ citations, library, literatureNotes }: FeatureDeps): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      if (!hoverEnabled()) return undefined;
      const citation = await citations.at(document, position);
      if (!citation) return undefined;
      const loaded = await library.ready();
      const sharingKey = citation.paper ? loaded.papersByKey(citation.paper.key) : [];
      const own = citation.paper ? { hasNote: literatureNotes.hasNote(citation.paper.key), hasFiles: (await paperFiles(citation.paper)).found.length > 0 } : undefined;
      // Keys only, not titles: fast enough to answer a hover in a large library.
      const closeKeys = citation.paper ? [] : papersWithCloseKeys(loaded.papers, citation.key, 3, { titles: false });
      return new vscode.Hover(citationHoverContent(citation, sharingKey, own, closeKeys), citationRange(citation));
    },
  };
}

export function registerCitationHover(deps: FeatureDeps): vscode.Disposable[] {
  const provider = citationHoverProvider(deps);
  deps.testHooks.hover = provider;
  return [vscode.languages.registerHoverProvider({ language: 'markdown' }, provider)];
}
