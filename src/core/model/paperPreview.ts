// Short plain-text previews of a paper for tooltips, hovers and search results.
import type { PaperMetadata } from './paper';

/** Short, plain previews of a paper's text for tooltips, hovers and search results. */

/**
 * Who, when and where, as one line: `Müller, Anna; Lee, Bo · 2020 · Journal`; undefined for
 * a paper with none of them (every seed-format paper). Authors past `maxAuthors` are `et al.`
 */
export function metadataLine({ authors = [], year, venue }: PaperMetadata, maxAuthors = Infinity): string | undefined {
  const names = authors.length > maxAuthors ? `${authors.slice(0, maxAuthors).join('; ')} et al.` : authors.join('; ');
  const parts = [names, year === undefined ? '' : String(year), venue ?? ''].filter((part) => part.trim() !== '');
  return parts.length ? parts.join(' · ') : undefined;
}

/** The start of a text, cut at a word boundary near `maxLength`, with an ellipsis if cut. */
export function textPreview(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : flat.slice(0, maxLength)).replace(/[\s,.;:]+$/, '')}…`;
}

/**
 * A window of `text` around the first of `terms` it contains (whole words, any case), so a
 * search result shows why it matched; the start of the text when none occurs.
 */
export function excerptAround(text: string, terms: readonly string[], maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const positions = terms.map((t) => wordPosition(lower, t.toLowerCase())).filter((p) => p >= 0);
  const first = positions.length ? Math.min(...positions) : 0;
  if (first + maxLength / 2 <= maxLength || flat.length <= maxLength) return textPreview(flat, maxLength);
  const from = flat.indexOf(' ', Math.max(0, first - maxLength / 3));
  return `…${textPreview(flat.slice(from + 1), maxLength - 1)}`;
}

function wordPosition(lower: string, term: string): number {
  if (!term) return -1;
  for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(lower[at - 1])) return at;
  }
  return -1;
}

const MARKDOWN_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Untrusted text as Markdown that renders exactly as the text: every character Markdown
 * could read as syntax is escaped (`:` and `.` too, so no URL becomes a link), and `<`, `>`
 * and `&` become entities, so no HTML can form. Spaces stay spaces, so lines wrap at words.
 */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&:=$@'"^]/g, (c) => MARKDOWN_ENTITIES[c] ?? `\\${c}`);
}
