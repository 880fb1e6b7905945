// How a citation is written into a note in each style (pandoc, link, title, custom template).
import type { Paper } from '../model/paper';
import { PANDOC_KEY } from '../model/citationKey';

/** How a citation is written into a note; BibTeX and CSL-JSON are bibliographies, not snippets. */
export const SNIPPET_STYLES = ['pandoc', 'markdown', 'title', 'custom'] as const;
export type SnippetStyle = (typeof SNIPPET_STYLES)[number];

/** Placeholders a custom template may use, each read from the paper. */
const PLACEHOLDERS: Record<string, (paper: Paper) => string> = {
  key: (p) => p.key,
  title: (p) => p.title,
  theme: (p) => p.theme,
  abstract: (p) => p.abstract,
  file: (p) => p.file,
  line: (p) => String(p.line),
};

const PLACEHOLDER = /\$\{(\w+)\}/g;

/** `@key`, or pandoc's braced `@{key}` for a key that its plain form would cut short. */
export function pandocReference(key: string): string {
  return PANDOC_KEY.test(key) ? `@${key}` : `@{${key}}`;
}

/** Backslash-escapes what Markdown would read as markup, so a link text shows the title as it is. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~&]/g, '\\$&');
}

export function citationSnippet(paper: Paper, style: SnippetStyle, template?: string): string {
  switch (style) {
    case 'pandoc':
      return `[${pandocReference(paper.key)}]`;
    case 'markdown':
      return `[${escapeMarkdown(paper.title)}](#${encodeURIComponent(paper.key)})`;
    case 'title':
      return `${paper.title} [${pandocReference(paper.key)}]`;
    case 'custom':
      if (template === undefined) throw new Error('The custom citation style needs a template, e.g. "${title} [@${key}]".');
      return template.replace(PLACEHOLDER, (whole, name: string) => PLACEHOLDERS[name]?.(paper) ?? whole);
  }
}

/** One citation of several papers: pandoc's `[@a; @b]`, or each paper's snippet in turn. */
export function citationSnippetForMany(papers: readonly Paper[], style: SnippetStyle, template?: string): string {
  if (style === 'pandoc') return `[${papers.map((p) => pandocReference(p.key)).join('; ')}]`;
  const separator = style === 'custom' ? '\n' : style === 'title' ? '; ' : ', ';
  return papers.map((p) => citationSnippet(p, style, template)).join(separator);
}

/** Placeholders in a template that no paper field fills, so a settings UI can warn. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !(name in PLACEHOLDERS));
}
