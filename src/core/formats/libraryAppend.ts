// Checks and writes a paper added to the end of a seed-format or BibTeX library file.
import { parseBibliographyLibrary } from './bibliographyLibrary';
import type { PaperEntry } from '../model/paper';
import { parseSeedText, readsAsTitle } from './seedFormat';
import { lineBreakOf, type TextEdit } from '../notes/textEdit';
import { lineBreakCount, trailingLength, WHITESPACE } from '../notes/textEnds';

/** A paper to add at the end of a library file, or why it cannot be. */
export type LibraryAppend =
  | { readonly kind: 'append'; readonly edit: TextEdit; readonly entry: PaperEntry }
  | { readonly kind: 'refused'; readonly reason: string };

const refused = (reason: string): LibraryAppend => ({ kind: 'refused', reason });

/** All white space, line breaks included, as single spaces: a title line, or an abstract as one paragraph. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * A seed-format entry: the title line, a blank line, the abstract as one paragraph, and a line
 * break. A short abstract that could pass for a title is broken before its last word, because
 * the parser takes a lone short line for the next paper's title, and joins wrapped lines again.
 */
export function seedEntryText(title: string, abstract: string, lineBreak = '\n'): string {
  const paragraph = oneLine(abstract);
  if (!paragraph) return `${oneLine(title)}${lineBreak}`;
  const cut = readsAsTitle(paragraph) ? paragraph.lastIndexOf(' ') : -1;
  const body = cut < 0 ? paragraph : `${paragraph.slice(0, cut)}${lineBreak}${paragraph.slice(cut + 1)}`;
  return [oneLine(title), '', body, ''].join(lineBreak);
}

/** What goes between a file's text and an entry added after it: enough line breaks for one blank line. */
export function separatorBefore(text: string, lineBreak: string): string {
  if (text.trim() === '') return '';
  const trailingBreaks = lineBreakCount(text.slice(text.length - trailingLength(text, WHITESPACE)));
  return lineBreak.repeat(Math.max(0, 2 - trailingBreaks));
}

/** Why a title cannot be written in the seed format, if it cannot: as the user types it. */
export function seedTitleProblem(title: string): string | undefined {
  const shown = oneLine(title);
  if (!shown) return 'A paper needs a title.';
  if (!readsAsTitle(shown)) return 'The title would be read as part of an abstract: a title is one line of at most 300 characters and 40 words that does not end like a sentence.';
  return undefined;
}

/**
 * A title and abstract added to a seed-format (`.txt`) library whose text is `text`. The result
 * is parsed back with the file before it is offered, so what is written is what will load:
 * a title that reads like prose, an abstract of one word or a duplicate is refused, saying why.
 */
export function appendSeedEntry(text: string, file: string, title: string, abstract: string): LibraryAppend {
  const shownTitle = oneLine(title);
  const titleProblem = seedTitleProblem(shownTitle);
  if (titleProblem) return refused(titleProblem);
  const paragraph = oneLine(abstract);
  const lineBreak = lineBreakOf(text);
  const separator = separatorBefore(text, lineBreak);
  const added = separator + seedEntryText(shownTitle, paragraph, lineBreak);
  const line = lineCount(text + separator);
  const parsed = parseSeedText(text + added, file);
  const entry = parsed.entries.find((e) => e.line === line);
  if (entry && entry === parsed.entries.at(-1) && entry.title === shownTitle && entry.abstract === paragraph) {
    return { kind: 'append', edit: { start: text.length, end: text.length, newText: added }, entry };
  }
  if (paragraph && entry?.abstract === '') return refused('The abstract is too short to be told from a title: write it as a sentence.');
  const problem = parsed.diagnostics.find((d) => d.line >= line);
  return refused(`"${shownTitle}" would not be read back as written${problem ? `: ${problem.message}` : ''}.`);
}

/**
 * A pasted BibTeX entry added to a `.bib` library whose text is `text`: exactly one entry that
 * parses, kept as pasted (its key above all, which notes cite) but for the file's line breaks.
 */
export async function appendBibtexEntry(text: string, file: string, bibtex: string): Promise<LibraryAppend> {
  const lineBreak = lineBreakOf(text);
  const body = bibtex.trim().split(LINE_BREAKS).join(lineBreak);
  if (!body.startsWith('@')) return refused('A BibTeX entry starts with "@type{key,".');
  const { entries, diagnostics } = await parseBibliographyLibrary(body, file, 'bibtex');
  const problem = diagnostics.find((d) => d.severity === 'error') ?? (entries.length === 0 ? diagnostics[0] : undefined);
  if (problem) return refused(`The BibTeX entry cannot be read: ${problem.message.replace(/; skipped$/, '')}.`);
  if (entries.length !== 1) return refused(`Paste one BibTeX entry at a time, not ${entries.length}.`);
  const separator = separatorBefore(text, lineBreak);
  const line = lineCount(text + separator) + entries[0].line - 1;
  return { kind: 'append', edit: { start: text.length, end: text.length, newText: `${separator}${body}${lineBreak}` }, entry: { ...entries[0], line } };
}

/** The 1-based line that text added after `text` starts on. */
function lineCount(text: string): number {
  return (text.match(LINE_BREAKS)?.length ?? 0) + 1;
}
