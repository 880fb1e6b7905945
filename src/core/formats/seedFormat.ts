// Parses the plain-text seed format (a title line, a blank line, an abstract) with a problem per bad line.
import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile, SeedParse, SeedProblem, SeedSections } from '../model/paper';
import { finish, type Work } from '../work/slices';

/**
 * The seed format: a few page-header lines (the page the papers were saved from), then
 * pairs of a title line, a blank line and an abstract paragraph.
 */

interface Paragraph {
  /** 1-based. */
  readonly line: number;
  /** Offset of its first line's first byte in the file. */
  readonly byte: number;
  readonly lines: string[];
}

/** Longest title we accept; longer single lines are prose, not titles. */
const MAX_TITLE_LENGTH = 300;
/** More than 40 words: a line is trimmed, so words are what white space separates. */
const TOO_MANY_WORDS = /^(?:\S+\s+){40}\S/;

/**
 * A decoded file as consecutive pieces of a quarter megabyte or so, each but the last ending
 * with a line break (a `\r\n` is never split). Made one string, a large file would hold the
 * thread for far longer than a slice, as V8 copies it whole (when joined, or at the first search in a
 * string concatenated from pieces); pieces are scanned one at a time, with pauses between.
 */
export type TextPieces = readonly string[];

export interface DecodedLibraryFile {
  readonly pieces?: TextPieces;
  /** Whether every character is what the bytes spell, none undecodable (U+FFFD) or a control character: then text and bytes are offset alike. */
  readonly clean?: boolean;
  readonly diagnostic?: LibraryDiagnostic;
}

/**
 * Bytes decoded between two pauses: a small part of a slice. Much smaller blocks decode to
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
  const pieces: string[] = [];
  let length = 0;
  let suspicious = 0;
  let blank = true;
  for (const { block, decoded, piece } of decodedBlocks(bytes, 0)) {
    if (block.includes(0)) return fail('the file is binary (it contains NUL bytes), not a text library');
    length += decoded.length;
    suspicious += suspiciousCharacters(decoded);
    blank &&= !/\S/.test(decoded); // \s is what trim() drops, a BOM included
    if (piece !== undefined) pieces.push(piece);
    yield;
  }
  if (suspicious / length > 0.05) return fail('the file is not UTF-8 text (too many undecodable or control characters)');
  if (blank) return fail('the file is empty: it holds no papers');
  return { pieces, clean: suspicious === 0 };
}

/**
 * The bytes from `from` (the start of a line; the file's, if `atFileStart`) on, decoded a block
 * at a time: each block's bytes and text, and the piece (see `TextPieces`) that ends with its
 * last whole line, if it has one; the last piece comes with an empty block.
 */
export function* decodedBlocks(bytes: Uint8Array, from: number, atFileStart = from === 0): Generator<{ block: Uint8Array; decoded: string; piece?: string }> {
  // A BOM is dropped at the start of the file only, as when the file is decoded whole. Blocks
  // are decoded each on its own (they end between characters): streaming is slower.
  const firstDecoder = new TextDecoder('utf-8', { ignoreBOM: !atFileStart });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let rest = ''; // decoded after the last whole line break
  for (let at = from; at < bytes.length; ) {
    const end = blockEnd(bytes, at);
    const block = bytes.subarray(at, end);
    const decoded = (at === from ? firstDecoder : decoder).decode(block);
    const cut = afterLastLineBreak(decoded);
    const piece = cut === 0 ? undefined : rest + decoded.slice(0, cut);
    rest = cut === 0 ? rest + decoded : decoded.slice(cut);
    yield { block, decoded, piece };
    at = end;
  }
  yield { block: bytes.subarray(0, 0), decoded: '', piece: rest };
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

/** Whether the text has no character `suspiciousCharacters` counts (see `DecodedLibraryFile.clean`). */
export function isClean(text: string): boolean {
  return !SUSPICIOUS.test(text);
}

/** Undecodable bytes (U+FFFD), and control characters other than tab and line ends: they mark a binary file read as text. */
function suspiciousCharacters(text: string): number {
  if (isClean(text)) return 0; // the usual case, which the regex engine finds far faster than counting
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

/**
 * Calls `visit` with each line of the pieces, as `text.split(/\r\n|\r|\n/)` would give them,
 * and the byte offset it starts at (counted from `byte`, exact for clean text: see
 * `DecodedLibraryFile.clean`), pausing every so many lines; until `visit` returns true.
 */
function* forEachLine(pieces: Iterable<string>, visit: (line: string, byte: number) => boolean | void, byte = 0): Work<void> {
  let lines = 0;
  let last = '';
  for (const piece of pieces) {
    // Counting a line's bytes is needed only where it has other than ASCII characters.
    const ascii = Buffer.byteLength(piece) === piece.length;
    let at = 0;
    // Where the next `\n` and `\r` are, each searched for again only once passed: a file with no `\r` is not scanned to its end at every line.
    let lf = piece.indexOf('\n');
    let cr = piece.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      const line = piece.slice(at, end);
      if (visit(line, byte)) return;
      const next = end + (end === cr && lf === cr + 1 ? 2 : 1);
      byte += (ascii ? line.length : Buffer.byteLength(line)) + next - end;
      at = next;
      if (lf !== -1 && lf < at) lf = piece.indexOf('\n', at);
      if (cr !== -1 && cr < at) cr = piece.indexOf('\r', at);
      if (++lines % LINES_PER_PAUSE === 0) yield;
    }
    // After a piece's last line break there is text (or an empty last line) only in the last piece.
    last = piece.slice(at);
  }
  visit(last, byte);
}

export function parseSeedText(text: string, file: string): ParsedLibraryFile {
  return finish(parseSeedWork([text], file));
}

/**
 * `parseSeedText`, pausing every so many lines and after each paragraph. When `editable` (the
 * pieces are the file's bytes decoded, clean), the parse keeps what a parse of the file edited
 * needs (see `SeedParse`).
 */
export function* parseSeedWork(text: TextPieces, file: string, editable = false): Work<ParsedLibraryFile> {
  const paragraphs: Paragraph[] = [];
  yield* forEachParagraph(text, 1, 0, (paragraph) => void paragraphs.push(paragraph));
  const start = yield* findFirstEntry(paragraphs);
  if (start < 0) {
    const message = 'no paper entries found: expected a title line, a blank line, then an abstract paragraph';
    return { entries: [], diagnostics: [{ file, line: paragraphs[0]?.line ?? 1, severity: 'error', message }] };
  }
  const reader = new SectionReader(file);
  for (let i = start; i < paragraphs.length; i++) {
    yield;
    reader.read(paragraphs[i]);
  }
  return yield* reader.parsed(editable);
}

/**
 * Calls `visit` with each paragraph of the text, its lines trimmed, the first at `line` and
 * `byte`; until `visit` returns true.
 */
export function* forEachParagraph(text: Iterable<string>, line: number, byte: number, visit: (paragraph: Paragraph) => boolean | void): Work<void> {
  let open: { line: number; byte: number; lines: string[] } | undefined;
  let index = line - 1;
  let stopped = false;
  yield* forEachLine(
    text,
    (raw, at) => {
      const trimmed = raw.trim(); // also drops a BOM, no-break spaces and other Unicode white space
      index++;
      if (trimmed === '') {
        const ended = open;
        open = undefined;
        stopped = ended !== undefined && visit(ended) === true;
      } else if (open) {
        open.lines.push(trimmed);
      } else {
        open = { line: index, byte: at, lines: [trimmed] };
      }
      return stopped;
    },
    byte,
  );
  if (open && !stopped) visit(open);
}

/**
 * What a seed-format file holds is read a section at a time: a section starts at a title
 * paragraph, which starts an entry whatever came before it, and runs to the next. The first
 * section starts at the first entry, title paragraph or not (see `findFirstEntry`).
 */
export class SectionReader {
  /** Entries as found, duplicates included (see `seedParse`), and the hashes of their titles. */
  private readonly found: PaperEntry[] = [];
  private readonly titleHashes: number[] = [];
  private readonly problems: SeedProblem[] = [];
  private readonly sections: SeedSections = { byte: [], line: [], entry: [], problem: [] };
  private current?: { title: string; line: number; abstract: string[] };

  constructor(private readonly file: string) {}

  /** Whether the paragraph would start a section, after the first: a title paragraph. */
  static startsSection(paragraph: Paragraph): boolean {
    return !looksLikeAbstract(paragraph);
  }

  /** Reads the next paragraph. */
  read(paragraph: Paragraph): void {
    const current = this.current;
    const prose = looksLikeAbstract(paragraph);
    if (current && prose && (current.abstract.length === 0 || !isGluedEntry(paragraph))) {
      if (current.abstract.length > 0) this.report(paragraph.line, 'warning', `paragraph has no title line; appended to the abstract of "${current.title}"`, current.line);
      current.abstract.push(paragraph.lines.join(' '));
      return;
    }
    this.endEntry();
    if (!prose || this.sections.byte.length === 0) {
      const { byte, line, entry, problem } = this.sections;
      byte.push(paragraph.byte);
      line.push(paragraph.line);
      entry.push(this.found.length);
      problem.push(this.problems.length);
    }
    const [first, ...rest] = paragraph.lines;
    if (!isTitleLine(first)) {
      this.report(paragraph.line, 'error', `expected a title line, found a ${first.length}-character paragraph; skipped`);
      return;
    }
    this.current = { title: first, line: paragraph.line, abstract: [] };
    if (rest.length > 0) {
      this.report(paragraph.line + 1, 'warning', `no blank line between the title "${first}" and its abstract`);
      this.current.abstract.push(rest.join(' '));
    }
  }

  /** What was read, once the last paragraph is: the sections' entries and problems. */
  done(): SeedParse & { found: PaperEntry[]; titleHashes: number[]; problems: SeedProblem[] } {
    this.endEntry();
    return { found: this.found, titleHashes: this.titleHashes, problems: this.problems, sections: this.sections };
  }

  /** The parse of a whole file: the entries but for duplicates, and when `editable`, what a parse of the file edited needs. */
  *parsed(editable: boolean): Work<ParsedLibraryFile> {
    return yield* seedParse(this.file, this.done(), editable);
  }

  private endEntry(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const entry: PaperEntry = { title: current.title, abstract: current.abstract.join('\n\n'), file: this.file, line: current.line };
    if (entry.abstract === '') this.report(entry.line, 'warning', `"${entry.title}" has no abstract; loaded with an empty one`);
    this.found.push(entry);
    this.titleHashes.push(titleHash(entry.title));
  }

  private report(line: number, severity: SeedProblem['severity'], message: string, entryLine?: number): void {
    this.problems.push(entryLine === undefined ? { line, severity, message } : { line, severity, message, entryLine });
  }
}

/** Titles that differ only in case or white space are the same title. */
function comparedTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ');
}

/** A 32-bit hash (FNV-1a) of the title as compared. */
function titleHash(title: string): number {
  const compared = comparedTitle(title);
  let hash = 0x811c9dc5;
  for (let i = 0; i < compared.length; i++) hash = Math.imul(hash ^ compared.charCodeAt(i), 0x01000193);
  return hash;
}

/** Entries found between two pauses while duplicates are looked for. */
const ENTRIES_PER_PAUSE = 4096;

/**
 * A file's parse from the entries and problems its sections gave: an entry with the title and
 * abstract of one before is skipped, one with only its title is kept; both are reported.
 */
export function* seedParse(file: string, parse: SeedParse, editable = true): Work<ParsedLibraryFile> {
  const { found, titleHashes, problems } = parse;
  const entries: PaperEntry[] = [];
  const duplicates: LibraryDiagnostic[] = [];
  // The first entry of each title, by the titles' hashes in a table of numbers, open addressing:
  // a map of the titles themselves was several times slower for a large file, most of it
  // reaching each title string scattered over the heap.
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(2 * found.length + 2))).fill(-1);
  const mask = slots.length - 1;
  for (const [i, entry] of found.entries()) {
    if (i % ENTRIES_PER_PAUSE === 0) yield;
    let slot = titleHashes[i] & mask;
    let first: PaperEntry | undefined;
    for (; slots[slot] >= 0; slot = (slot + 1) & mask) {
      const at = slots[slot];
      if (titleHashes[at] === titleHashes[i] && comparedTitle(found[at].title) === comparedTitle(entry.title)) {
        first = found[at];
        break;
      }
    }
    if (first && first.abstract === entry.abstract) {
      const message = `duplicate of the paper at line ${first.line} ("${entry.title}"); skipped`;
      duplicates.push({ file, line: entry.line, severity: 'warning', message });
      continue;
    }
    if (first) duplicates.push({ file, line: entry.line, severity: 'warning', message: `same title as the paper at line ${first.line} but another abstract; both are kept` });
    else slots[slot] = i;
    entries.push(entry);
  }
  const located = problems.map(({ line, severity, message, entryLine }): LibraryDiagnostic => ({ file, line, severity, message: entryLine === undefined ? message : `${message} (line ${entryLine})` }));
  // By line, a section's problems before the duplicate found at the same line.
  const diagnostics = duplicates.length === 0 ? located : [...located, ...duplicates].sort((a, b) => a.line - b.line);
  return { entries, diagnostics, ...(editable ? { seedParse: parse } : {}) };
}

function isTitleLine(line: string): boolean {
  return line.length <= MAX_TITLE_LENGTH && !TOO_MANY_WORDS.test(line);
}

/** Whether a line standing alone is read as a title, not as prose: for those who write the format. */
export function readsAsTitle(line: string): boolean {
  return !looksLikeAbstract({ lines: [line] });
}

/** An abstract is prose: long, or a full sentence of some length, or wrapped over lines. */
function looksLikeAbstract(p: Pick<Paragraph, 'lines'>): boolean {
  if (p.lines.length > 1) return true;
  const [text] = p.lines;
  if (text.length >= 250 || !isTitleLine(text)) return true;
  return /[.!]["')\]]?$/.test(text) && text.split(/\s+/).length >= 8;
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
