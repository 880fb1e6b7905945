import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile } from './paper';

/**
 * The seed format: a few page-header lines (the page the papers were saved from), then
 * pairs of a title line, a blank line and an abstract paragraph.
 */

interface Paragraph {
  readonly line: number;
  readonly lines: string[];
}

/** Longest title we accept; longer single lines are prose, not titles. */
const MAX_TITLE_LENGTH = 300;
const MAX_TITLE_WORDS = 40;

/**
 * Decodes a library file's bytes. An empty or binary file is an error diagnostic,
 * never an exception, so one bad file cannot stop the others from loading.
 */
export function decodeLibraryFile(bytes: Uint8Array, file: string): { text?: string; diagnostic?: LibraryDiagnostic } {
  const fail = (message: string) => ({ diagnostic: { file, line: 1, severity: 'error' as const, message } });
  if (bytes.length === 0) return fail('the file is empty: it holds no papers');
  if (bytes.includes(0)) return fail('the file is binary (it contains NUL bytes), not a text library');
  const text = new TextDecoder('utf-8').decode(bytes);
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  // Control characters other than tab and line ends mark a binary file read as text.
  // eslint-disable-next-line no-control-regex
  const control = text.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if ((replaced + control) / text.length > 0.05) {
    return fail('the file is not UTF-8 text (too many undecodable or control characters)');
  }
  if (text.trim() === '' || text.replace(/^\uFEFF/, '').trim() === '') {
    return fail('the file is empty: it holds no papers');
  }
  return { text };
}

export function parseSeedText(text: string, file: string): ParsedLibraryFile {
  const diagnostics: LibraryDiagnostic[] = [];
  const report = (line: number, severity: LibraryDiagnostic['severity'], message: string) =>
    diagnostics.push({ file, line, severity, message });

  const paragraphs = splitParagraphs(text.replace(/^\uFEFF/, ''));
  const start = findFirstEntry(paragraphs);
  if (start < 0) {
    report(paragraphs[0]?.line ?? 1, 'error', 'no paper entries found: expected a title line, a blank line, then an abstract paragraph');
    return { entries: [], diagnostics };
  }

  const entries: PaperEntry[] = [];
  const seenTitles = new Map<string, PaperEntry>();
  let current: { title: string; line: number; abstract: string[] } | undefined;

  const finish = () => {
    if (!current) return;
    const entry: PaperEntry = { title: current.title, abstract: current.abstract.join('\n\n'), file, line: current.line };
    current = undefined;
    if (entry.abstract === '') report(entry.line, 'warning', `"${entry.title}" has no abstract; loaded with an empty one`);
    const normalized = entry.title.toLowerCase().replace(/\s+/g, ' ');
    const earlier = seenTitles.get(normalized);
    if (earlier && earlier.abstract === entry.abstract) {
      report(entry.line, 'warning', `duplicate of the paper at line ${earlier.line} ("${entry.title}"); skipped`);
      return;
    }
    if (earlier) report(entry.line, 'warning', `same title as the paper at line ${earlier.line} but another abstract; both are kept`);
    else seenTitles.set(normalized, entry);
    entries.push(entry);
  };

  for (let i = start; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i];
    const joined = paragraph.lines.join(' ');
    if (current && current.abstract.length === 0) {
      if (looksLikeAbstract(paragraph)) {
        current.abstract.push(joined);
        continue;
      }
      finish(); // a title with no abstract: this paragraph starts the next entry
    } else if (current && looksLikeAbstract(paragraph) && !startsEntry(paragraphs, i) && !isGluedEntry(paragraph)) {
      report(paragraph.line, 'warning', `paragraph has no title line; appended to the abstract of "${current.title}" (line ${current.line})`);
      current.abstract.push(joined);
      continue;
    } else {
      finish();
    }
    const [first, ...rest] = paragraph.lines;
    if (!isTitleLine(first)) {
      report(paragraph.line, 'error', `expected a title line, found a ${first.length}-character paragraph; skipped`);
      continue;
    }
    current = { title: first, line: paragraph.line, abstract: [] };
    if (rest.length > 0) {
      report(paragraph.line + 1, 'warning', `no blank line between the title "${first}" and its abstract`);
      current.abstract.push(rest.join(' '));
    }
  }
  finish();
  return { entries, diagnostics };
}

function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | undefined;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim(); // also drops a BOM, no-break spaces and other Unicode white space
    if (line === '') {
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    } else {
      open = { line: index + 1, lines: [line] };
      paragraphs.push(open);
    }
  });
  return paragraphs;
}

function isTitleLine(line: string): boolean {
  return line.length <= MAX_TITLE_LENGTH && line.split(/\s+/).length <= MAX_TITLE_WORDS;
}

/** Whether a line standing alone is read as a title, not as prose: for those who write the format. */
export function readsAsTitle(line: string): boolean {
  return !looksLikeAbstract({ line: 1, lines: [line] });
}

/** An abstract is prose: long, or a full sentence of some length, or wrapped over lines. */
function looksLikeAbstract(p: Paragraph): boolean {
  const text = p.lines.join(' ');
  if (p.lines.length > 1 || !isTitleLine(text) || text.length >= 250) return true;
  return /[.!]["')\]]?$/.test(text) && text.split(/\s+/).length >= 8;
}

function startsEntry(paragraphs: Paragraph[], i: number): boolean {
  const p = paragraphs[i];
  const next = paragraphs[i + 1];
  return p.lines.length === 1 && isTitleLine(p.lines[0]) && !looksLikeAbstract(p) && next !== undefined && looksLikeAbstract(next);
}

/**
 * A title with its abstract on the very next line, told from an abstract wrapped over lines:
 * the first line reads like a title and the second starts a sentence.
 */
function isGluedEntry(p: Paragraph): boolean {
  if (p.lines.length < 2 || !isTitleLine(p.lines[0])) return false;
  const [first, second] = p.lines;
  const longWords = first.split(/\s+/).filter((w) => w.length >= 4);
  const capitalised = longWords.filter((w) => /^\p{Lu}/u.test(w)).length;
  return /^\p{Lu}/u.test(second) && !/[,;:-]$/.test(first) && capitalised * 2 >= longWords.length;
}

/** The page header ends where the first title/abstract pair begins. */
function findFirstEntry(paragraphs: Paragraph[]): number {
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const next = paragraphs[i + 1];
    if (p.lines.length === 1 && isTitleLine(p.lines[0]) && next && looksLikeAbstract(next)) return i;
    if (p.lines.length > 1 && isTitleLine(p.lines[0])) return i; // title and abstract with no blank line between
  }
  return -1;
}
