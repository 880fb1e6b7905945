// Formatted citations and References in VS Code's own Markdown preview, through its markdown-it extension point.
import type MarkdownIt from 'markdown-it';
import vscode = require('vscode');
import { markdownItCitations } from '../core/cite/markdownItCitations';
import type { CitationFormatting } from '../host/citationFormatting';
import type { FeatureDeps } from './deps';

/**
 * What `activate` returns as `extendMarkdownIt`: the preview's markdown-it, with pandoc
 * citations formatted in the note's style. The preview gives the note's URI as
 * `env.currentDocument`, which places its relative bibliography and style files.
 */
export function extendMarkdownIt(md: MarkdownIt, formatting: CitationFormatting): MarkdownIt {
  markdownItCitations(md, (source, env) => {
    const document = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
    const made = formatting.citingOf(source, document instanceof vscode.Uri ? document : undefined);
    return 'citing' in made ? made.citing : undefined;
  });
  return md;
}

/** The preview renders again when a note's bibliography files are read, or the style or library changes. */
export function registerMarkdownPreview({ formatting }: FeatureDeps): vscode.Disposable[] {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined), 100);
  };
  return [formatting.onDidChange(refresh), { dispose: () => clearTimeout(pending) }];
}
