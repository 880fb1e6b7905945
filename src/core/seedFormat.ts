import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile } from './paper';
import { finish, type Work } from './slices';

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
 * A decoded file as consecutive pieces of a quarter megabyte or so, each but the last ending
 * with a line break (a `\r\n` is never split). Made one string, a 100 MB file would hold the
 * thread for over 100 ms, as V8 copies it whole (when joined, or at the first search in a
 * string concatenated from pieces); pieces are scanned one at a time, with pauses between.
 */
export type TextPieces = readonly string[];

export interface DecodedLibraryFile {
  readonly pieces?: TextPieces;
  readonly diagnostic?: LibraryDiagnostic;
}

/**
 * Bytes decoded between two pauses: a millisecond's work or so. Much smaller blocks decode to
 * strings that the garbage collector copies, as they live on, rather than allocates apart.
 */
const DECODE_BLOCK_BYTES = 256 << 10;
/** Lines split between two pauses. */
const LINES_PER_PAUSE = 1000;
/** Paragraphs looked through for the first entry between two pauses. */
const PARAGRAPHS_PER_PAUSE = 1000;

/**
 * Decodes a library file's bytes. An empty or binary file is an error diagnostic,
 * never an exception, so one bad file cannot stop the others from loading.
 */
export function decodeLibraryFile(bytes: Uint8Array, file: string): { text?: string; diagnostic?: LibraryDiagnostic } {
  const { pieces, diagnostic } = finish(decodeLibraryFileWork(bytes, file));
  return pieces ? { text: pieces.join('') } : { diagnostic };
}

/** `decodeLibraryFile`, a block of bytes at a time, into pieces. */
export function* decodeLibraryFileWork(bytes: Uint8Array, file: string): Work<DecodedLibraryFile> {
  const fail = (message: string) => ({ diagnostic: { file, line: 1, severity: 'error' as const, message } });
  if (bytes.length === 0) return fail('the file is empty: it holds no papers');
  // A BOM is dropped at the start of the file only, as when the file is decoded whole.
  const firstDecoder = new TextDecoder('utf-8');
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  let rest = ''; // decoded after the last whole line break
  let length = 0;
  let suspicious = 0;
  let blank = true;
  const take = (decoded: string) => {
    length += decoded.length;
    suspicious += suspiciousCharacters(decoded);
    blank &&= !/\S/.test(decoded); // \s is what trim() drops, a BOM included
    const cut = afterLastLineBreak(decoded);
    if (cut === 0) {
      rest += decoded;
    } else {
      pieces.push(rest + decoded.slice(0, cut));
      rest = decoded.slice(cut);
    }
  };
  for (let at = 0; at < bytes.length; ) {
    const end = blockEnd(bytes, at);
    const block = bytes.subarray(at, end);
    if (block.includes(0)) return fail('the file is binary (it contains NUL bytes), not a text library');
    take((at === 0 ? firstDecoder : decoder).decode(block));
    at = end;
    yield;
  }
  pieces.push(rest);
  if (suspicious / length > 0.05) return fail('the file is not UTF-8 text (too many undecodable or control characters)');
  if (blank) return fail('the file is empty: it holds no papers');
  return { pieces };
}

/**
 * Where a block of about `DECODE_BLOCK_BYTES` from `at` ends: never within a character (a UTF-8
 * character is a lead byte and up to three continuation bytes `10xxxxxx`), so that blocks
 * decoded apart give what the whole file gives, malformed sequences included: the block ends
 * before the last lead byte when the character it starts would run past the block.
 */
function blockEnd(bytes: Uint8Array, at: number): number {
  const end = Math.min(at + DECODE_BLOCK_BYTES, bytes.length);
  if (end === bytes.length) return end;
  // The last byte before `end` that starts a character: the block ends before it if its character runs past `end`.
  for (let start = end - 1; start >= Math.max(at, end - 4); start--) {
    const lead = bytes[start];
    if ((lead & 0xc0) === 0x80) continue;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    return start + length > end && start > at ? start : end;
  }
  return end; // only continuation bytes: none of them can be part of a character that `end` cuts
}

/** Anything but tab to CR, printable ASCII and characters past them other than U+FFFD: what is counted below, and NUL. */
const SUSPICIOUS = /[^\t-\r\u0020-\u007E\u0080-\uFFFC\uFFFE\uFFFF]/;

/** Undecodable bytes (U+FFFD), and control characters other than tab and line ends: they mark a binary file read as text. */
function suspiciousCharacters(text: string): number {
  if (!SUSPICIOUS.test(text)) return 0; // the usual case, which the regex engine finds far faster than counting
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x01 && c <= 0x08) || (c >= 0x0e && c <= 0x1f) || c === 0x7f) count++;
  }
  return count;
}

/** Where the text's last line break ends; 0 when it has none. A `\r` at the very end may be half of a `\r\n`, so it does not count. */
function afterLastLineBreak(text: string): number {
  let end = text.lastIndexOf('\n') + 1;
  for (let cr = text.indexOf('\r', end); cr !== -1 && cr < text.length - 1; cr = text.indexOf('\r', end)) end = cr + 1;
  return end;
}

/** Calls `visit` with each line of the pieces, as `text.split(/\r\n|\r|\n/)` would give them, pausing every so many lines. */
function* forEachLine(pieces: TextPieces, visit: (line: string) => void): Work<void> {
  let lines = 0;
  for (const [index, piece] of pieces.entries()) {
    let at = 0;
    // Where the next `\n` and `\r` are, each searched for again only once passed: a file with no `\r` is not scanned to its end at every line.
    let lf = piece.indexOf('\n');
    let cr = piece.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      visit(piece.slice(at, end));
      at = end + (end === cr && lf === cr + 1 ? 2 : 1);
      if (lf !== -1 && lf < at) lf = piece.indexOf('\n', at);
      if (cr !== -1 && cr < at) cr = piece.indexOf('\r', at);
      if (++lines % LINES_PER_PAUSE === 0) yield;
    }
    // After a piece's last line break there is text (or an empty last line) only in the last piece.
    if (index === pieces.length - 1) visit(piece.slice(at));
  }
}

export function parseSeedText(text: string, file: string): ParsedLibraryFile {
  return finish(parseSeedWork([text], file));
}

/** `parseSeedText`, pausing every so many lines and after each paragraph. */
export function* parseSeedWork(text: TextPieces, file: string): Work<ParsedLibraryFile> {
  const diagnostics: LibraryDiagnostic[] = [];
  const report = (line: number, severity: LibraryDiagnostic['severity'], message: string) =>
    diagnostics.push({ file, line, severity, message });

  const paragraphs = yield* splitParagraphs(text);
  const start = yield* findFirstEntry(paragraphs);
  if (start < 0) {
    report(paragraphs[0]?.line ?? 1, 'error', 'no paper entries found: expected a title line, a blank line, then an abstract paragraph');
    return { entries: [], diagnostics };
  }

  const entries: PaperEntry[] = [];
  const seenTitles = new Map<string, PaperEntry>();
  let current: { title: string; line: number; abstract: string[] } | undefined;

  const endEntry = () => {
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
    yield;
    const paragraph = paragraphs[i];
    const joined = paragraph.lines.join(' ');
    if (current && current.abstract.length === 0) {
      if (looksLikeAbstract(paragraph)) {
        current.abstract.push(joined);
        continue;
      }
      endEntry(); // a title with no abstract: this paragraph starts the next entry
    } else if (current && looksLikeAbstract(paragraph) && !startsEntry(paragraphs, i) && !isGluedEntry(paragraph)) {
      report(paragraph.line, 'warning', `paragraph has no title line; appended to the abstract of "${current.title}" (line ${current.line})`);
      current.abstract.push(joined);
      continue;
    } else {
      endEntry();
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
  endEntry();
  return { entries, diagnostics };
}

function* splitParagraphs(text: TextPieces): Work<Paragraph[]> {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | undefined;
  let index = 0;
  yield* forEachLine(text, (raw) => {
    const line = raw.trim(); // also drops a BOM, no-break spaces and other Unicode white space
    index++;
    if (line === '') {
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    } else {
      open = { line: index, lines: [line] };
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
function* findFirstEntry(paragraphs: Paragraph[]): Work<number> {
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const next = paragraphs[i + 1];
    if (p.lines.length === 1 && isTitleLine(p.lines[0]) && next && looksLikeAbstract(next)) return i;
    if (p.lines.length > 1 && isTitleLine(p.lines[0])) return i; // title and abstract with no blank line between
    if ((i + 1) % PARAGRAPHS_PER_PAUSE === 0) yield;
  }
  return -1;
}
