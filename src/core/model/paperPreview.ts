// Short plain-text previews of a paper for tooltips, hovers and search results.
import type { PaperMetadata } from './paper';
import { WHITESPACE, withoutTrailing } from '../notes/textEnds';

/** Short, plain previews of a paper's text for tooltips, hovers and search results. */

/**
 * Who, when and where, as one line: `Müller, Anna; Lee, Bo · 2020 · Journal`; undefined for
 * a paper with none of them (every seed-format paper). Authors past `maxAuthors` are `et al.`
 */
export function metadataLine(paper: PaperMetadata, maxAuthors = Infinity): string | undefined {
  const { authors = [], year } = paper;
  const names = authors.length > maxAuthors ? `${authors.slice(0, maxAuthors).join('; ')} et al.` : authors.join('; ');
  const parts = [names, year === undefined ? '' : String(year), venueLine(paper) ?? ''].filter((part) => part.trim() !== '');
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * Where a paper appeared, as a citation gives it: `J. ACM 56 (6): 1–40`, from its whole entry
 * when it has one (volume, issue and pages), else its venue.
 */
export function venueLine({ venue, csl }: PaperMetadata): string | undefined {
  if (!csl) return venue;
  // The venue as written (a BibTeX entry's CSL item has it in sentence case, as pandoc reads it).
  const container = venue ?? cslText(csl['container-title']);
  const volume = cslText(csl.volume);
  const issue = cslText(csl.issue);
  const pages = cslText(csl.page)?.replace(/(\d)\s*-+\s*(\d)/g, '$1–$2');
  if (!container) return pages && !volume ? `pp. ${pages}` : undefined;
  return `${container}${volume ? ` ${volume}` : ''}${issue ? ` (${issue})` : ''}${pages ? `: ${pages}` : ''}`;
}

/** Editors, edition, publisher and place, ISBN: `Ed. by Doe, Jane · 2nd ed. · MIT Press, Cambridge · ISBN 978-…`. */
export function publicationDetails({ csl }: PaperMetadata): string | undefined {
  if (!csl) return undefined;
  const editors = Array.isArray(csl.editor) ? csl.editor.map(personName).filter((name) => name !== undefined) : [];
  const edition = cslText(csl.edition);
  const publisher = [cslText(csl.publisher), cslText(csl['publisher-place'])].filter(Boolean).join(', ');
  const isbn = cslText(csl.ISBN);
  const parts = [editors.length ? `Ed. by ${editors.join('; ')}` : '', edition ? (/^\d+$/.test(edition) ? `${ordinal(Number(edition))} ed.` : edition) : '', publisher, isbn ? `ISBN ${isbn}` : ''];
  const shown = parts.filter((part) => part !== '');
  return shown.length ? shown.join(' · ') : undefined;
}

/** A CSL field as plain text (numbers written out, rich-text tags left out); undefined when blank or of another kind. */
function cslText(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.replace(/<\/?(?:i|b|sc|sup|sub|span)(?:\s[^<>]*)?>/g, '').trim() : '';
  return text === '' ? undefined : text;
}

function personName(name: unknown): string | undefined {
  if (typeof name !== 'object' || name === null) return undefined;
  const { family, given, literal } = name as Record<string, unknown>;
  const [f, g, l] = [cslText(family), cslText(given), cslText(literal)];
  return l ?? (f && g ? `${f}, ${g}` : f ?? g);
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The start of a text, cut at a word boundary near `maxLength`, with an ellipsis if cut. */
export function textPreview(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength + 1);
  const space = cut.lastIndexOf(' ');
  return `${withoutTrailing(space > maxLength / 2 ? cut.slice(0, space) : flat.slice(0, maxLength), `${WHITESPACE},.;:`)}…`;
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
