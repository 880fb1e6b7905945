// Literature notes: a note about one paper, made from a template, whose library-made parts can be brought up to date without touching the rest.
import { shortHash } from '../search/text';
import type { Paper } from '../model/paper';
import { pandocReference } from './citationSnippet';
import { splitLines, type Line } from './frontMatter';
import { lineBreakOf, type TextEdit } from './textEdit';
import { withoutTrailing } from './textEnds';

/** The lines that mark the template's region the library rewrites on Update Metadata. */
export const REGION_BEGIN = '<!-- literature-notes:begin -->';
export const REGION_END = '<!-- literature-notes:end -->';
/** The front matter field that holds the hash of the front matter as the library last wrote it. */
export const HASH_FIELD = 'literature-notes-hash';

/**
 * The built-in template. Its front matter and the marked region are the library's: Update
 * Metadata rewrites them. The headings after the region are the researcher's.
 */
export const BUILT_IN_TEMPLATE = `---
title: \${title}
key: \${key}
authors: \${authors}
year: \${year}
venue: \${venue}
doi: \${doi}
url: \${url}
tags: [\${theme}]
created: \${date}
---

${REGION_BEGIN}
# \${title}

\${citation}

> \${abstract}
${REGION_END}

## Summary

## Key points

## My notes
`;

/** What a template is filled with: the paper, the papers related to it, and today's date (`YYYY-MM-DD`). */
export interface NoteContext {
  readonly paper: Paper;
  readonly related: readonly Paper[];
  readonly date: string;
}

/** A placeholder's value: text, or a list (authors, related papers), which the body and the front matter write differently. */
type Value = string | number | readonly string[] | undefined;

const VALUES: Record<string, (context: NoteContext) => Value> = {
  key: ({ paper }) => paper.key,
  title: ({ paper }) => paper.title,
  theme: ({ paper }) => paper.theme,
  abstract: ({ paper }) => paper.abstract,
  file: ({ paper }) => paper.file,
  line: ({ paper }) => paper.line,
  authors: ({ paper }) => paper.authors ?? [],
  year: ({ paper }) => paper.year,
  venue: ({ paper }) => paper.venue,
  doi: ({ paper }) => paper.doi,
  url: ({ paper }) => paper.url,
  date: ({ date }) => date,
  citation: ({ paper }) => `[${pandocReference(paper.key)}]`,
  related: ({ related }) => related.map((p) => `${p.title} [${pandocReference(p.key)}]`),
};

/** The placeholders a note template may use. */
export const NOTE_PLACEHOLDERS = Object.keys(VALUES);

const PLACEHOLDER = /\$\{(\w+)\}/g;

/**
 * The note a template makes for a paper. In the front matter a placeholder becomes a YAML
 * value (quoted text, a list of authors), so no title can break it, and a field that is one
 * placeholder with no value (no DOI) is left out; elsewhere it is the text
 * itself, and a value of several lines starts each line as its placeholder's line starts
 * (`> ${abstract}` quotes every paragraph, `- ${related}` lists every paper). Unknown
 * placeholders stay as written. The front matter gets the hash field and the region's begin
 * line the hash of what is between its lines, which tell a later update what was edited by hand.
 */
export function renderLiteratureNote(template: string, context: NoteContext): string {
  const eol = lineBreakOf(template);
  const lines = splitLines(template, 0);
  const frontMatterEnd = frontMatterClosing(lines);
  const out = lines.map((line, i) => {
    const inFrontMatter = frontMatterEnd !== undefined && i > 0 && i < frontMatterEnd;
    if (!inFrontMatter) return bodyLine(line.text, context, eol);
    // A field that is one placeholder the library has nothing for is left out (`year:` of a paper with no year).
    const whole = /^[\w-]+[ \t]*:[ \t]*\$\{(\w+)\}[ \t]*$/.exec(line.text)?.[1];
    if (whole && isEmpty(VALUES[whole]?.(context))) return undefined;
    return line.text.replace(PLACEHOLDER, (placeholder, name: string) => yamlValue(placeholder, name, context));
  });
  const ends = lines.map((line, i) => template.slice(line.end, lines[i + 1]?.start ?? template.length));
  let text = out.map((line, i) => (line === undefined ? '' : line + ends[i])).join('');
  text = withFrontMatterHash(text);
  return withRegionHash(text);
}

const isEmpty = (value: Value) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function yamlValue(whole: string, name: string, context: NoteContext): string {
  const read = VALUES[name];
  if (!read) return whole;
  const value = read(context);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value ?? '');
}

/** A body line with its placeholders filled; a value of several lines continues with the line's prefix. */
function bodyLine(text: string, context: NoteContext, eol: string): string {
  return text.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
    const read = VALUES[name];
    if (!read) return whole;
    const value = read(context);
    // Authors make one line; other lists (related papers) a line each.
    const items = Array.isArray(value) ? (name === 'authors' ? [value.join('; ')] : value) : [value === undefined ? '' : String(value)];
    const lines = items.flatMap((v) => noMarkers(v).split(/\r\n|\r|\n/));
    const before = text.slice(0, offset);
    const prefix = /^[\s>*+-]*$/.test(before) ? before : '';
    return lines.map((line, i) => (i === 0 ? line : line === '' ? prefix.trimEnd() : prefix + line)).join(eol);
  });
}

/** Library text never makes a region marker (or any HTML comment) in the note. */
function noMarkers(text: string): string {
  return text.replace(/<!--/g, '<\\!--');
}

/** The index of the line that closes the front matter that opens the text, if it has one. */
function frontMatterClosing(lines: readonly Line[]): number | undefined {
  if (!lines[0] || !/^---[ \t]*$/.test(lines[0].text)) return undefined;
  const closing = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line.text));
  return closing > 0 ? closing : undefined;
}

/** FNV-1a of the text with its line breaks made `\n`, as eight hex digits: enough to tell an edit. */
export function contentHash(text: string): string {
  return shortHash(text.replace(/\r\n?/g, '\n'));
}

/** Tested on a line without its trailing blanks (see `hashLineOf`): a `[ \t]*` before `$` too could trade blanks with the one after `:`, quadratic on a long run of them. */
const HASH_LINE = new RegExp(`^${HASH_FIELD}[ \\t]*:[ \\t]*"?([0-9a-f]{8})?"?$`);
const hashLineOf = (text: string) => HASH_LINE.exec(withoutTrailing(text, ' \t'));

/** A note's front matter and marked region, each with where it is and whether it is as the library wrote it. */
interface NoteParts {
  readonly frontMatter?: Part;
  readonly region?: Part;
}

interface Part {
  /** From the start of its first line to the end of its last (its line break not included). */
  readonly start: number;
  readonly end: number;
  /** Whether it is exactly as the library last wrote it, by the hash written with it. */
  readonly asWritten: boolean;
}

function partsOf(text: string): NoteParts {
  const lines = splitLines(text, text.startsWith('\uFEFF') ? 1 : 0);
  const closing = frontMatterClosing(lines);
  let frontMatter: Part | undefined;
  if (closing !== undefined) {
    const inner = lines.slice(1, closing);
    const hashLine = inner.find((line) => hashLineOf(line.text));
    const stored = hashLine && hashLineOf(hashLine.text)?.[1];
    const content = inner.filter((line) => line !== hashLine).map((line) => line.text).join('\n');
    frontMatter = { start: lines[0].start, end: lines[closing].end, asWritten: stored !== undefined && stored === contentHash(content) };
  }
  const begin = lines.findIndex((line, i) => (closing === undefined || i > closing) && REGION_BEGIN_LINE.test(line.text));
  const end = begin < 0 ? -1 : lines.findIndex((line, i) => i > begin && line.text.trim() === REGION_END);
  let region: Part | undefined;
  if (begin >= 0 && end > begin) {
    const stored = REGION_BEGIN_LINE.exec(lines[begin].text)?.[1];
    const content = lines.slice(begin + 1, end).map((line) => line.text).join('\n');
    region = { start: lines[begin].start, end: lines[end].end, asWritten: stored !== undefined && stored === contentHash(content) };
  }
  return { ...(frontMatter ? { frontMatter } : {}), ...(region ? { region } : {}) };
}

const REGION_BEGIN_LINE = /^[ \t]*<!-- literature-notes:begin(?: ([0-9a-f]{8}))? -->[ \t]*$/;

/** The text with its front matter's hash field set to the hash of the rest of its front matter. */
function withFrontMatterHash(text: string): string {
  const lines = splitLines(text, 0);
  const closing = frontMatterClosing(lines);
  if (closing === undefined) return text;
  const eol = lineBreakOf(text);
  const inner = lines.slice(1, closing).filter((line) => !hashLineOf(line.text));
  const hash = contentHash(inner.map((line) => line.text).join('\n'));
  const body = [...inner.map((line) => line.text), `${HASH_FIELD}: "${hash}"`].join(eol);
  return `${lines[0].text}${eol}${body}${eol}${text.slice(lines[closing].start)}`;
}

/** The text with its region's begin line carrying the hash of the region's lines. */
function withRegionHash(text: string): string {
  const lines = splitLines(text, 0);
  const begin = lines.findIndex((line) => REGION_BEGIN_LINE.test(line.text));
  const end = begin < 0 ? -1 : lines.findIndex((line, i) => i > begin && line.text.trim() === REGION_END);
  if (end < 0) return text;
  const hash = contentHash(lines.slice(begin + 1, end).map((line) => line.text).join('\n'));
  return `${text.slice(0, lines[begin].start)}<!-- literature-notes:begin ${hash} -->${text.slice(lines[begin].end)}`;
}

/** What Update Metadata found: the edits to make, and which parts the user changed by hand. */
export interface MetadataUpdate {
  /** In the note's order, none overlapping; empty when the note is up to date or has nothing the library wrote. */
  readonly edits: readonly TextEdit[];
  /** Parts the user edited by hand, left as they are unless `overwrite` was given. */
  readonly handEdited: readonly ('front matter' | 'region')[];
  /** Parts the note has that the template made (none: it is not a literature note, or its markers were removed). */
  readonly found: readonly ('front matter' | 'region')[];
}

/**
 * The edits that bring a literature note's front matter and marked region to what `rendered`
 * (the template made again from the library) has, in the note's line breaks. Everything else in
 * the note is kept byte for byte. A part the user edited by hand (its hash no longer matches) is
 * reported and left alone, unless named in `overwrite`. Never throws.
 */
export function updateLiteratureNote(note: string, rendered: string, overwrite: readonly ('front matter' | 'region')[] = []): MetadataUpdate {
  const eol = lineBreakOf(note);
  const current = partsOf(note);
  const fresh = partsOf(rendered);
  const edits: TextEdit[] = [];
  const handEdited: MetadataUpdate['handEdited'][number][] = [];
  const found: MetadataUpdate['found'][number][] = [];
  for (const name of ['front matter', 'region'] as const) {
    const part = name === 'front matter' ? current.frontMatter : current.region;
    const freshPart = name === 'front matter' ? fresh.frontMatter : fresh.region;
    if (!part || !freshPart) continue;
    found.push(name);
    if (!part.asWritten) {
      handEdited.push(name);
      if (!overwrite.includes(name)) continue;
    }
    const newText = rendered.slice(freshPart.start, freshPart.end).replace(/\r\n|\r|\n/g, eol);
    if (note.slice(part.start, part.end) !== newText) edits.push({ start: part.start, end: part.end, newText });
  }
  return { edits, handEdited, found };
}

/** The note with the edits made: what an editor shows after applying them. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The citation key a literature note's front matter names (`key:`), if any: how a note is matched to its paper. */
export function noteKeyOf(note: string): string | undefined {
  const lines = splitLines(note.slice(0, 64 * 1024), note.startsWith('\uFEFF') ? 1 : 0);
  const closing = frontMatterClosing(lines);
  if (closing === undefined) return undefined;
  for (const line of lines.slice(1, closing)) {
    // The value without the blanks around it, cut off apart: one pattern for all three backtracks on a long run of blanks.
    const m = /^key[ \t]*:(.*)$/.exec(line.text);
    if (!m) continue;
    const value = withoutTrailing(m[1], ' \t').replace(/^[ \t]+/, '');
    if (/^".*"$/.test(value)) {
      try {
        return JSON.parse(value) as string;
      } catch {
        return undefined;
      }
    }
    return /^'.*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : value || undefined;
  }
  return undefined;
}
