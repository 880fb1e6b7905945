import type * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import { markdownText, textPreview } from '../core/paperPreview';

/**
 * Appends paper or note text to a MarkdownString as plain text. Not `appendText`: that
 * turns every space into `&nbsp;`, so hovers would wrap in the middle of words.
 */
export function appendUntrusted(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendMarkdown(markdownText(text));
}

/** Title in bold, key and theme, then the start of the abstract: tooltips and hovers alike. */
export function appendPaperSummary(markdown: vscode.MarkdownString, paper: Paper, abstractLength: number): vscode.MarkdownString {
  appendUntrusted(markdown.appendMarkdown('**'), paper.title).appendMarkdown('**\n\n');
  appendUntrusted(markdown, `@${paper.key} · ${paper.theme}`).appendMarkdown('\n\n');
  return appendUntrusted(markdown, paper.abstract ? textPreview(paper.abstract, abstractLength) : '(no abstract)');
}
