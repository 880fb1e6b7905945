// Feature: hovers on citations, titles and title links in Markdown notes.
import vscode = require('vscode');
import { papersWithCloseKeys } from '../core/search/closestKeys';
import type { NoteCitation } from '../core/notes/noteScanner';
import type { Paper } from '../core/model/paper';
import type { FormattedPaper } from '../host/citationFormatting';
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
  formatted?: FormattedPaper,
): vscode.MarkdownString {
  const content = new vscode.MarkdownString();
  const { paper } = citation;
  if (!paper) {
    appendUntrusted(content, `@${citation.key}`);
    // A key of the note's own bibliography (front matter `bibliography:` or `references:`).
    if (formatted) appendFormatted(content.appendMarkdown(' — *from the note\'s bibliography*'), formatted);
    else content.appendMarkdown(' — *not in the library*');
    // Plain text: the keys come from library files.
    if (!formatted && closeKeys.length) appendUntrusted(content.appendMarkdown('\n\n'), `Did you mean ${closeKeys.map((p) => `@${p.key}`).join(', ')}?`);
    return content;
  }
  content.isTrusted = { enabledCommands: HOVER_COMMANDS };
  appendPaperSummary(content, paper, 400);
  if (formatted) appendFormatted(content, formatted);
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

/**
 * The citation and reference as the note's style formats them. They come as Markdown with
 * every markup character of the paper's text escaped, and links only to web addresses.
 */
function appendFormatted(content: vscode.MarkdownString, { inText, reference, style }: FormattedPaper): void {
  content.appendMarkdown('\n\n---\n\n');
  appendUntrusted(content.appendMarkdown('*'), style).appendMarkdown('* · ');
  content.appendMarkdown(`${inText}\n\n${reference}`);
}

/** Whether the cited paper has a literature note and a file on disk: the hover links to them. */
export interface OwnFiles {
  readonly hasNote: boolean;
  readonly hasFiles: boolean;
}

/** Hovers on citation keys, titles written in the text and links whose text is a title. */
export function citationHoverProvider({ citations, library, literatureNotes, formatting }: FeatureDeps): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      if (!hoverEnabled()) return undefined;
      const citation = await citations.at(document, position);
      if (!citation) return undefined;
      const loaded = await library.ready();
      const sharingKey = citation.paper ? loaded.papersByKey(citation.paper.key) : [];
      const own = citation.paper ? { hasNote: literatureNotes.hasNote(citation.paper.key), hasFiles: (await paperFiles(citation.paper)).found.length > 0 } : undefined;
      const cited = (await citations.of(document)).filter((c) => c.form === 'pandoc').map((c) => c.key);
      const formatted = formatting.formattedInNote(document, citation.key, cited);
      // Keys only, not titles: fast enough to answer a hover in a large library.
      const closeKeys = citation.paper || formatted ? [] : papersWithCloseKeys(loaded.papers, citation.key, 3, { titles: false });
      return new vscode.Hover(citationHoverContent(citation, sharingKey, own, closeKeys, formatted), citationRange(citation));
    },
  };
}

export function registerCitationHover(deps: FeatureDeps): vscode.Disposable[] {
  const provider = citationHoverProvider(deps);
  deps.testHooks.hover = provider;
  return [vscode.languages.registerHoverProvider({ language: 'markdown' }, provider)];
}
