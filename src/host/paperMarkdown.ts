import type * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import { textPreview } from '../core/paperPreview';

/**
 * Appends paper or note text to a MarkdownString as plain text. `appendText` escapes
 * Markdown but leaves `<` alone, relying on the renderer to drop HTML; escaping it here too
 * means a title like `<script>` is inert even in a hover that allows HTML.
 */
export function appendUntrusted(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Title in bold, key and theme, then the start of the abstract: tooltips and hovers alike. */
export function appendPaperSummary(markdown: vscode.MarkdownString, paper: Paper, abstractLength: number): vscode.MarkdownString {
  appendUntrusted(markdown.appendMarkdown('**'), paper.title).appendMarkdown('**\n\n');
  appendUntrusted(markdown, `@${paper.key} · ${paper.theme}`).appendMarkdown('\n\n');
  return appendUntrusted(markdown, paper.abstract ? textPreview(paper.abstract, abstractLength) : '(no abstract)');
}
