// The References section that Insert Bibliography adds to a note and updates in place.
import type { Html } from 'mdast';
import { escapeMarkdown } from './citationSnippet';
import { markdownModules } from './markdown';
import { parsesWithinLimits } from './markdownBudget';
import type { NoteCitation } from './noteScanner';
import type { Paper } from '../model/paper';
import { lineBreakOf, type TextEdit } from './textEdit';
import { lineBreakCount, trailingLength } from './textEnds';

/**
 * The References section sits between two HTML comments: invisible when the note is
 * rendered, and found again however the user retitles or moves the section.
 */
export const REFERENCES_START = '<!-- literature-notes:references -->';
export const REFERENCES_END = '<!-- /literature-notes:references -->';

export type ReferencesSection =
  | { readonly kind: 'none' }
  /** From the start of the start marker to the end of the end marker. */
  | { readonly kind: 'found'; readonly start: number; readonly end: number }
  /** A start marker with no end marker after it: where the section ends is anyone's guess. */
  | { readonly kind: 'unclosed'; readonly line: number };

export type ReferencesEdit = ({ readonly kind: 'edit' } & TextEdit) | { readonly kind: 'unchanged' } | { readonly kind: 'refused'; readonly reason: string };

/** The markers count only as blocks of their own at the top level, never inside code or lists. */
export function findReferencesSection(text: string): ReferencesSection {
  if (!text.includes(REFERENCES_START)) return { kind: 'none' }; // most notes: no need to parse them
  // micromark drops a leading BOM (one only) and counts offsets without it.
  const shift = text.startsWith('\uFEFF') ? 1 : 0;
  if (!parsesWithinLimits(text)) return markerLines(text);
  const markers = markdownModules().sectionParser.parse(text).children.filter((node): node is Html => node.type === 'html');
  const start = markers.find((node) => node.value.trim() === REFERENCES_START);
  if (!start) return { kind: 'none' };
  const end = markers.find((node) => node.value.trim() === REFERENCES_END && node.position!.start.offset! > start.position!.start.offset!);
  if (!end) return { kind: 'unclosed', line: start.position!.start.line };
  return { kind: 'found', start: start.position!.start.offset! + shift, end: end.position!.end.offset! + shift };
}

/** The markers as whole lines of their own, unindented: for a note too large to parse (see `parsesWithinLimits`). */
function markerLines(text: string): ReferencesSection {
  const lineAt = (offset: number) => (text.slice(0, offset).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const find = (marker: string, from: number) => {
    for (let at = text.indexOf(marker, from); at >= 0; at = text.indexOf(marker, at + 1)) {
      const before = text[at - 1];
      const after = text[at + marker.length];
      if ((at === 0 || before === '\n' || before === '\r' || (at === 1 && before === '\uFEFF')) && (after === undefined || after === '\n' || after === '\r')) return at;
    }
    return -1;
  };
  const start = find(REFERENCES_START, 0);
  if (start < 0) return { kind: 'none' };
  const end = find(REFERENCES_END, start);
  return end < 0 ? { kind: 'unclosed', line: lineAt(start) } : { kind: 'found', start, end: end + REFERENCES_END.length };
}

/**
 * The papers a note cites, in order of first citation, each once. The References section
 * does not count: it names every paper by title, so it would otherwise keep citing papers
 * the prose no longer does.
 */
export function citedPapers(text: string, citations: readonly NoteCitation[]): Paper[] {
  const papers = new Map<string, Paper>();
  for (const c of citationsOutsideReferences(text, citations)) if (c.paper && !papers.has(c.key)) papers.set(c.key, c.paper);
  return [...papers.values()];
}

/** The citations of a note but those in its References section, which only lists what the rest cites. */
export function citationsOutsideReferences(text: string, citations: readonly NoteCitation[]): readonly NoteCitation[] {
  const section = findReferencesSection(text);
  return section.kind === 'found' ? citations.filter((c) => c.start < section.start || c.end > section.end) : citations;
}

/**
 * Each paper as key and title, not as `[@key]`: a citation in the list would make pandoc
 * cite every paper once more and the list would keep its papers cited forever. `@` is
 * escaped too, so that no title reads as a citation.
 */
export function referencesSectionText(papers: readonly Pick<Paper, 'key' | 'title'>[] | FormattedReferences, eol = '\n'): string {
  if ('formatted' in papers) {
    // Each entry a paragraph of its own, as pandoc lists them; each comes on one line, `@` escaped.
    const entries = papers.formatted.flatMap((entry) => [entry, '']);
    return [REFERENCES_START, '## References', '', ...entries, REFERENCES_END].join(eol);
  }
  const item = (p: Pick<Paper, 'key' | 'title'>) => `- **${escapeMarkdown(p.key)}** — ${escapeMarkdown(p.title.replace(/\s+/g, ' ').trim()).replace(/@/g, '\\@')}`;
  return [REFERENCES_START, '## References', '', ...papers.map(item), '', REFERENCES_END].join(eol);
}

/** References formatted in a citation style, as Markdown in which no `@` cites: the entries, in the style's order. */
export interface FormattedReferences {
  readonly formatted: readonly string[];
}

/**
 * Replaces the References section in place, or appends one after a blank line at the end
 * of the note. Refuses when the section could not be found again afterwards, e.g. at the
 * end of a note that ends inside an unclosed code fence, rather than add a second one each time.
 */
export function withReferencesSection(text: string, papers: readonly Pick<Paper, 'key' | 'title'>[] | FormattedReferences): ReferencesEdit {
  const eol = lineBreakOf(text);
  const section = referencesSectionText(papers, eol);
  const found = findReferencesSection(text);
  if (found.kind === 'unclosed') {
    return { kind: 'refused', reason: `The References section that starts on line ${found.line} has lost its end marker ${REFERENCES_END}; put it back after the list, or delete the section, and try again.` };
  }
  if (found.kind === 'found' && text.slice(found.start, found.end) === section) return { kind: 'unchanged' };
  const edit = found.kind === 'found' ? { start: found.start, end: found.end, newText: section } : appended(text, section, eol);
  const after = findReferencesSection(text.slice(0, edit.start) + edit.newText + text.slice(edit.end));
  if (after.kind !== 'found' || after.end - after.start !== section.length) {
    return { kind: 'refused', reason: 'The note ends inside a code block or an HTML block (an unclosed ``` fence or `<!--` comment?), where a References section would not be read; close it and try again.' };
  }
  return { kind: 'edit', ...edit };
}

function appended(text: string, section: string, eol: string): TextEdit {
  const trailingBreaks = lineBreakCount(text.slice(text.length - trailingLength(text, '\r\n')));
  const gap = text.replace(/^\uFEFF/, '') === '' ? '' : eol.repeat(Math.max(0, 2 - trailingBreaks));
  return { start: text.length, end: text.length, newText: `${gap}${section}${eol}` };
}
