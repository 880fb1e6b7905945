// Paper text in hovers and tooltips, always as plain text.
import type * as vscode from 'vscode';
import type { Paper } from '../core/model/paper';
import { paperLinks } from '../core/model/paperLinks';
import { markdownText, metadataLine, publicationDetails, textPreview } from '../core/model/paperPreview';

/**
 * Appends paper or note text to a MarkdownString as plain text. Not `appendText`: that
 * turns every space into `&nbsp;`, so hovers would wrap in the middle of words.
 */
export function appendUntrusted(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendMarkdown(markdownText(text));
}

/** A hover is no place for a fifty-author list. */
const SUMMARY_AUTHORS = 4;

/** Title in bold, authors, year and venue, publication details, key and theme, then the start of the abstract: tooltips and hovers alike. */
export function appendPaperSummary(markdown: vscode.MarkdownString, paper: Paper, abstractLength: number): vscode.MarkdownString {
  appendUntrusted(markdown.appendMarkdown('**'), paper.title).appendMarkdown('**\n\n');
  const byline = metadataLine(paper, SUMMARY_AUTHORS);
  if (byline) appendUntrusted(markdown, byline).appendMarkdown('\n\n');
  const details = publicationDetails(paper);
  if (details) appendUntrusted(markdown, details).appendMarkdown('\n\n');
  const links = paperLinks(paper).map(({ label, url }) => `[${markdownText(label)}](${linkTarget(url)})`);
  if (links.length) markdown.appendMarkdown(`${links.join(' · ')}\n\n`);
  appendUntrusted(markdown, `@${paper.key} · ${paper.theme}`).appendMarkdown('\n\n');
  return appendUntrusted(markdown, paper.abstract ? textPreview(paper.abstract, abstractLength) : '(no abstract)');
}

/** A checked http(s) URL as a Markdown link target: normalised, and no parenthesis to end it early. */
function linkTarget(url: string): string {
  return new URL(url).href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
