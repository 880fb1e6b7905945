// The edit that sets pandoc's `bibliography:` field in a note's YAML front matter.
import { lineBreakOf, type TextEdit } from './textEdit';

/** What setting pandoc's `bibliography:` field takes: an edit, nothing, or a reason it cannot be done. */
export type BibliographyFieldEdit =
  | ({ readonly kind: 'edit' } & TextEdit)
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface Line {
  readonly text: string;
  readonly start: number;
  /** Where the line's text ends, before its line break. */
  readonly end: number;
}

const FIELD = /^bibliography[ \t]*:/;
const OPENING = /^---[ \t]*$/;
/** pandoc closes a YAML block with `---` or `...`. */
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;
/** Lines that belong to the value of the key above them: indented ones and a block list's `- item`s. */
const CONTINUATION = /^(?:[ \t]+\S|-(?:[ \t]|$))/;

/**
 * The edit that makes pandoc read `path` as the note's bibliography: the `bibliography:`
 * field of the YAML front matter is added or its value replaced (a list too: the exported
 * file holds every paper the note cites), and a front matter is created when there is none.
 * A front matter that already names `path` is left alone. Never throws.
 */
export function withBibliographyField(text: string, path: string): BibliographyFieldEdit {
  const eol = lineBreakOf(text);
  const field = `bibliography: ${metadataValue(path)}`;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const lines = splitLines(text, bom);
  const [first, second] = lines;

  if (first && /^\+\+\+[ \t]*$/.test(first.text)) {
    return { kind: 'refused', reason: `The note's front matter is TOML (\`+++\`), which pandoc does not read; add \`${field}\` to a YAML front matter yourself.` };
  }
  // As in pandoc: `---` followed by a blank line is a horizontal rule, not front matter.
  if (!first || !OPENING.test(first.text) || !second || second.text.trim() === '') {
    const rest = text.slice(bom);
    const gap = rest === '' || /^[\r\n]/.test(rest) ? '' : eol;
    return { kind: 'edit', start: bom, end: bom, newText: `---${eol}${field}${eol}---${eol}${gap}` };
  }
  const closing = lines.findIndex((line, i) => i > 0 && CLOSING.test(line.text));
  if (closing < 0) {
    return { kind: 'refused', reason: `The note's front matter (the \`---\` on line 1) is never closed by a \`---\` line, so it was left as it is; close it and try again.` };
  }

  const at = lines.findIndex((line, i) => i > 0 && i < closing && FIELD.test(line.text));
  if (at < 0) return { kind: 'edit', start: lines[closing].start, end: lines[closing].start, newText: `${field}${eol}` };
  const last = lastValueLine(lines, at, closing);
  const value = lines
    .slice(at, last + 1)
    .map((line) => line.text)
    .join('\n')
    .replace(FIELD, '');
  if (valueNames(value).includes(path)) return { kind: 'unchanged' };
  return { kind: 'edit', start: lines[at].start, end: lines[last].end, newText: field };
}

export function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  const lineEnd = /\r\n|\r|\n|$/g;
  for (let start = from; start <= text.length; ) {
    lineEnd.lastIndex = start;
    const match = lineEnd.exec(text)!;
    lines.push({ text: text.slice(start, match.index), start, end: match.index });
    if (!match[0]) break;
    start = match.index + match[0].length;
  }
  return lines;
}

/** The last line of the field's value; blank lines count only between value lines. */
function lastValueLine(lines: readonly Line[], field: number, closing: number): number {
  let last = field;
  for (let i = field + 1; i < closing; i++) {
    if (CONTINUATION.test(lines[i].text)) last = i;
    else if (lines[i].text.trim() !== '') break;
  }
  return last;
}

/** The file names a `bibliography:` value holds: a scalar, a flow list or a block list. */
function valueNames(value: string): string[] {
  const items = value
    .split('\n')
    .map((line) => line.replace(/(^|[ \t])#.*$/, '').trim().replace(/^-[ \t]*/, ''))
    .filter(Boolean);
  const flow = items.length === 1 && /^\[(.*)\]$/.exec(items[0]);
  return (flow ? flow[1].split(',') : items).map((item) => unquote(item.trim()).replace(MARKDOWN_ESCAPE, '$1'));
}

function unquote(scalar: string): string {
  if (/^'.*'$/.test(scalar)) return scalar.slice(1, -1).replace(/''/g, "'");
  if (/^".*"$/.test(scalar)) return scalar.slice(1, -1).replace(/\\(.)/g, '$1');
  return scalar;
}

/** A path that pandoc's Markdown leaves as it is: no smart quotes or dashes, no emphasis, no citation. */
const PLAIN_PATH = /^(?!.*(?:--|\.\.\.|(?:^|[^\p{L}\p{N}])_|_(?:[^\p{L}\p{N}]|$)))[\p{L}\p{N}./][\p{L}\p{N}._/-]*$/u;
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * A path as pandoc reads it back. pandoc reads metadata values as Markdown (`Bob's.bib`
 * would become `Bob’s.bib`), so any other path has its punctuation backslash-escaped for
 * Markdown, then single-quoted for YAML, which keeps backslashes as they are.
 */
function metadataValue(path: string): string {
  if (PLAIN_PATH.test(path) && /[./]/.test(path)) return path;
  return `'${path.replace(/[!-/:-@[-`{-~]/g, '\\$&').replace(/'/g, "''")}'`;
}
