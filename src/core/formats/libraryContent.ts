// A library's files read and parsed, with their hashes: what a library is made from and what its cache keeps.
import { createHash } from 'node:crypto';
import type { FileEdit } from './fileEdit';
import { loadCitationJs, type BibliographyFormat } from './bibliography';
import { parseBibliographyWork, type CitationJs } from './bibliographyLibrary';
import { JsonLinesReader, JsonLinesWriter } from './jsonLines';
import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile, SeedParse, SeedProblem } from '../model/paper';
import { decodeLibraryFileWork, parseSeedWork } from './seedFormat';
import { reparseSeedWork, restoredSeedParse, savedSeedParse, type SavedSeedParse } from './seedReparse';
import { finishInSlices, mapWork, type Work } from '../work/slices';

/** A library file's name and its raw bytes, however they were read (from disk, in a test). */
export interface LibrarySource {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Their SHA-256, if hashed as they were read (see `hashesWork`). */
  readonly hash?: string;
}

/** A library file not read again: by its size and time (see `FileStamps`), it has the content it had at its last parse. */
export interface UnchangedSource {
  readonly file: string;
  readonly size: number;
  readonly hash: string;
}

/** A library file read as an edit of the version last parsed (see `FileEdit`), with the new version's hash. */
export interface EditedSource {
  readonly file: string;
  readonly edit: FileEdit;
  readonly hash: string;
}

export type LibraryInput = LibrarySource | UnchangedSource;

/** The file's size in bytes. */
export function sizeOf(input: LibraryInput | EditedSource): number {
  return 'bytes' in input ? input.bytes.length : 'edit' in input ? input.edit.size : input.size;
}

/** Every library file read into entries: what a `PaperLibrary` is built from. */
export interface LibraryContent {
  /** The files as read; the library's cache is keyed on them. */
  readonly sources: readonly LibraryInput[];
  /** Each source's SHA-256, when already computed (`readLibrary` does). */
  readonly hashes?: readonly string[];
  readonly entries: readonly PaperEntry[];
  readonly diagnostics: readonly LibraryDiagnostic[];
}

export type LibraryFormat = 'seed' | BibliographyFormat;

/** By extension: `.bib` is BibTeX, `.json` CSL-JSON, anything else (`.txt`) the seed format. */
export function libraryFormatOf(file: string): LibraryFormat {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1].toLowerCase();
  return extension === 'bib' ? 'bibtex' : extension === 'json' ? 'csl-json' : 'seed';
}

/**
 * Reads every source in its format; a bad file or entry becomes a diagnostic and the rest
 * still loads. With `parsed` from earlier reads, only files whose bytes changed are parsed
 * again, and a file read as an edit only around it; one whose edit its parse cannot take is
 * read whole (`readWhole`). Runs in slices, pausing for the event loop, so a large library
 * never holds the thread for long; asynchronous too because BibTeX and CSL-JSON
 * need citation-js, loaded on first use.
 */
export async function readLibrary(
  inputs: readonly (LibraryInput | EditedSource)[],
  parsed = new ParsedFiles(),
  readWhole?: (file: string) => Promise<LibrarySource>,
): Promise<LibraryContent> {
  const sources: LibraryInput[] = [];
  for (const input of inputs) {
    if (!('edit' in input)) sources.push(input);
    else if (await finishInSlices(parsed.editWork(input))) sources.push({ file: input.file, size: input.edit.size, hash: input.hash });
    else if (readWhole) sources.push(await readWhole(input.file));
    else throw new Error(`${input.file} was read as an edit its last parse cannot take, and cannot be read whole`);
  }
  const hashes = await finishInSlices(hashesWork(sources));
  // A `Work` cannot wait for citation-js to load, so it is loaded first, and only when a file needs it.
  const needsCitationJs = sources.some((source, i) => libraryFormatOf(source.file) !== 'seed' && !parsed.has(source.file, hashes[i]));
  const citationJs = needsCitationJs ? await loadCitationJs() : undefined;
  const content = await finishInSlices(readWork(sources, hashes, parsed, citationJs));
  parsed.keepOnly(sources);
  return content;
}

function* readWork(sources: readonly LibraryInput[], hashes: readonly string[], parsed: ParsedFiles, citationJs: CitationJs | undefined): Work<LibraryContent> {
  const files: ParsedLibraryFile[] = [];
  for (const [i, source] of sources.entries()) files.push(yield* parsed.parseWork(source, hashes[i], citationJs));
  const { entries, diagnostics: cut } = withinPaperLimit(files);
  yield;
  const shared = yield* duplicateKeys(entries);
  return { sources, hashes, entries, diagnostics: [...files.flatMap((f) => f.diagnostics), ...cut, ...shared] };
}

/**
 * The most papers a library loads: twice the 100,000 it is measured at. Past it, keying,
 * theming and indexing each paper would take memory without bound (a million tiny entries
 * took gigabytes); the papers after it are left out, and that is reported where they start.
 */
export const MAX_PAPERS = 200_000;

/** The files' entries up to `MAX_PAPERS`, and a problem at the first one left out. */
export function withinPaperLimit(files: readonly ParsedLibraryFile[], limit = MAX_PAPERS): { entries: PaperEntry[]; diagnostics: LibraryDiagnostic[] } {
  const entries: PaperEntry[] = [];
  for (const file of files) {
    for (const entry of file.entries) {
      if (entries.length === limit) {
        const message = `the library holds more than ${limit.toLocaleString('en')} papers, the most it loads: this paper and those after it, here and in later files, were not loaded`;
        return { entries, diagnostics: [{ file: entry.file, line: entry.line, severity: 'error', message }] };
      }
      entries.push(entry);
    }
  }
  return { entries, diagnostics: [] };
}

/** Bytes hashed between two pauses. */
const HASH_BLOCK_BYTES = 1 << 20;

/** Each source's SHA-256, a megabyte at a time (an unchanged source's is known, and one hashed as it was read). */
export function* hashesWork(sources: readonly LibraryInput[]): Work<string[]> {
  const hashes: string[] = [];
  for (const source of sources) {
    if (!('bytes' in source) || source.hash !== undefined) {
      hashes.push(source.hash!);
      continue;
    }
    const { bytes } = source;
    const hash = createHash('sha256');
    for (let at = 0; at < bytes.length; at += HASH_BLOCK_BYTES) {
      hash.update(bytes.subarray(at, at + HASH_BLOCK_BYTES));
      yield;
    }
    hashes.push(hash.digest('hex'));
  }
  return hashes;
}

interface ParsedFile {
  readonly hash: string;
  readonly parsed: ParsedLibraryFile;
  /** A seed-format file's, restored from the cache: what its `parsed.seedParse` is made of (see `restoredWork`). */
  readonly saved?: SavedSeedParse;
}

/**
 * Each file's parse, by name and content hash: a watched library is read again on every
 * change to any of its files, and a large BibTeX file that did not change is slow to parse.
 */
export class ParsedFiles {
  private readonly byFile = new Map<string, ParsedFile>();
  private parses = 0;

  /** How many files were actually parsed, as against taken from earlier reads. */
  get parseCount(): number {
    return this.parses;
  }

  /** Whether the file was parsed with the bytes of this hash. */
  has(file: string, hash: string): boolean {
    return this.byFile.get(file)?.hash === hash;
  }

  /** The source's parse, from earlier reads when its bytes have this hash. `citationJs` is needed to parse BibTeX and CSL-JSON. */
  *parseWork(source: LibraryInput, hash: string, citationJs: CitationJs | undefined): Work<ParsedLibraryFile> {
    const known = this.byFile.get(source.file);
    if (known?.hash === hash) return known.parsed;
    if (!('bytes' in source)) throw new Error(`${source.file} was not read, but its parse is not kept`);
    const parsed = yield* readSourceOrReport(source, citationJs, known?.parsed);
    this.parses++;
    this.byFile.set(source.file, { hash, parsed });
    return parsed;
  }

  /** The SHA-256 of the file's bytes as last parsed, if it was. */
  hashOf(file: string): string | undefined {
    return this.byFile.get(file)?.hash;
  }

  /**
   * The file parsed again around an edit of the version last parsed; false when its parse
   * cannot take it (another version, not the seed format, or an edit `reparseSeedWork` leaves
   * to a whole parse).
   */
  *editWork({ file, edit, hash }: EditedSource): Work<boolean> {
    const known = this.byFile.get(file);
    if (known?.hash !== edit.since) return false;
    const earlier = known.parsed.seedParse ?? (yield* this.restoredWork(file));
    const parsed = earlier && (yield* reparseSeedWork(edit, file, earlier));
    if (!parsed) return false;
    this.parses++;
    this.byFile.set(file, { hash, parsed });
    return true;
  }

  /**
   * For a seed-format file's parse restored from the cache, what a parse of it edited needs
   * (see `SeedParse`), made from what was saved; in the background, ahead of its first edit.
   */
  *restoredWork(file: string): Work<SeedParse | undefined> {
    const known = this.byFile.get(file);
    if (!known?.saved || known.parsed.seedParse) return known?.parsed.seedParse;
    const seedParse = yield* restoredSeedParse(known.saved, known.parsed.entries);
    // Unless the file was parsed again meanwhile.
    if (seedParse && this.byFile.get(file) === known) this.byFile.set(file, { ...known, parsed: { ...known.parsed, seedParse } });
    return seedParse;
  }

  /** Forgets the files not among `sources`: removed from the settings, or deleted. */
  keepOnly(sources: readonly LibraryInput[]): void {
    const kept = new Set(sources.map((s) => s.file));
    for (const file of this.byFile.keys()) if (!kept.has(file)) this.byFile.delete(file);
  }

  /**
   * The parses, to save between sessions: the next start then parses only files that changed
   * since (reading a saved parse is far cheaper than parsing a large BibTeX file again). The
   * cache's pieces, to be written one after another: a header line, then per file a line
   * naming it and its hash, then its entries, its abstracts (raw: see `JsonLinesWriter.strings`)
   * and its diagnostics, a few hundred to a piece, so that no step of writing or reading holds
   * the thread for long.
   */
  toCacheWork(): Work<string[]> {
    return cacheLines([...this.byFile]);
  }

  /**
   * Parses saved by `toCacheWork`; anything unreadable, or saved by another version, is no help
   * and is dropped. The saved text may come whole, or in consecutive pieces split anywhere (as
   * decoded a block at a time): a large text made one string is copied whole at its first search.
   */
  static *restore(cache: string | readonly string[] | undefined): Work<ParsedFiles> {
    const restored = new ParsedFiles();
    const pieces = typeof cache === 'string' ? [cache] : (cache ?? []);
    // The header is looked for in the first piece alone: a cache saved by another version can be one very long line.
    if (!pieces[0]?.startsWith(CACHE_HEADER)) return restored;
    try {
      const lines = new JsonLinesReader(pieces, CACHE_HEADER.length);
      while (!lines.done) {
        const head = lines.value<{ file?: unknown; hash?: unknown }>();
        if (typeof head.file !== 'string' || typeof head.hash !== 'string') throw new Error('a file line names no file or hash');
        const entries = yield* lines.array<SavedEntry>();
        const abstracts = yield* lines.strings();
        if (abstracts.length !== entries.length) throw new Error('not an abstract for each entry');
        // Added to the parsed objects rather than copied into new ones: one object fewer per paper.
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i] as { abstract?: string; file?: string };
          entry.abstract = abstracts[i];
          entry.file = head.file;
        }
        const diagnostics = yield* lines.array<LibraryDiagnostic>();
        const sections = yield* lines.strings();
        const titleHashes = yield* lines.strings();
        const problems = yield* lines.array<SeedProblem>();
        const dropped = yield* lines.array<[number, PaperEntry]>();
        const saved = sections.length ? { sections, titleHashes, problems, dropped } : undefined;
        restored.byFile.set(head.file, { hash: head.hash, parsed: { entries: entries as PaperEntry[], diagnostics }, ...(saved ? { saved } : {}) });
      }
      return restored;
    } catch {
      return new ParsedFiles(); // a damaged cache is no cache
    }
  }
}

/** Bump when `ParsedLibraryFile`, the cache's lines or a parser changes what it makes of a file. */
const PARSED_FILES_SCHEMA = 6;
const CACHE_HEADER = `literature-notes parsed files, schema ${PARSED_FILES_SCHEMA}\n`;
/** Entries, or diagnostics, to a cache line: a few hundred kilobytes, well within a slice to write or read. */
const CACHE_ITEMS_PER_LINE = 200;

/** An entry as saved: its abstract is saved raw, after the entries, and its file is the one the entries are saved under. */
type SavedEntry = Omit<PaperEntry, 'abstract' | 'file'>;

function* cacheLines(files: readonly (readonly [string, ParsedFile])[]): Work<string[]> {
  const lines = new JsonLinesWriter();
  for (const [file, { hash, parsed, saved: restored }] of files) {
    lines.value({ file, hash });
    // Each a pause at a time: one map of a large library's entries held the thread past a slice.
    yield* lines.array(
      yield* mapWork(parsed.entries, ({ abstract: _abstract, file: _file, ...saved }): SavedEntry => saved),
      CACHE_ITEMS_PER_LINE,
    );
    yield* lines.strings(yield* mapWork(parsed.entries, (entry) => entry.abstract));
    yield* lines.array(parsed.diagnostics, CACHE_ITEMS_PER_LINE);
    // A seed-format file's sections, by which an edit of it is read in part: none for other formats.
    const saved = parsed.seedParse ? yield* savedSeedParse(parsed.seedParse, parsed.entries) : restored;
    yield* lines.strings(saved?.sections ?? []);
    yield* lines.strings(saved?.titleHashes ?? []);
    yield* lines.array(saved?.problems ?? [], CACHE_ITEMS_PER_LINE);
    yield* lines.array(saved?.dropped ?? [], CACHE_ITEMS_PER_LINE);
  }
  return [CACHE_HEADER, ...lines.lines];
}

/**
 * `readSource`, but a parser that fails on the file (a fault of ours, or a limit of a library
 * it uses) costs only this file: it is reported, and the other files and the shipped papers load.
 */
function* readSourceOrReport(source: LibrarySource, citationJs: CitationJs | undefined, earlier?: ParsedLibraryFile): Work<ParsedLibraryFile> {
  try {
    return yield* readSource(source, citationJs, earlier);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested or repeated beyond what the parser can take' : error instanceof Error ? error.message : String(error);
    return { entries: [], diagnostics: [{ file: source.file, line: 1, severity: 'error', message: `the file could not be read (${reason}); none of its papers were loaded` }] };
  }
}

/** The file's entries; those of a BibTeX file edited that `earlier` (its last parse) has are not parsed again. */
function* readSource({ file, bytes }: LibrarySource, citationJs: CitationJs | undefined, earlier?: ParsedLibraryFile): Work<ParsedLibraryFile> {
  const format = libraryFormatOf(file);
  const { pieces, clean, diagnostic } = yield* decodeLibraryFileWork(bytes, file);
  if (pieces === undefined) return { entries: [], diagnostics: diagnostic ? [diagnostic] : [] };
  if (format === 'seed') return yield* parseSeedWork(pieces, file, clean);
  if (!citationJs) throw new Error(`citation-js was not loaded to read ${file}`);
  return yield* parseBibliographyWork(pieces, file, format, citationJs, earlier?.entryParses);
}

/** Entries looked through for shared keys between two pauses. */
const KEYS_PER_PAUSE = 5000;

/** Entries that give the same key are all kept; each after the first is reported, naming the first. */
function* duplicateKeys(entries: readonly PaperEntry[]): Work<LibraryDiagnostic[]> {
  const first = new Map<string, PaperEntry>();
  const diagnostics: LibraryDiagnostic[] = [];
  for (const [i, entry] of entries.entries()) {
    if ((i + 1) % KEYS_PER_PAUSE === 0) yield;
    if (entry.key === undefined) continue;
    const earlier = first.get(entry.key);
    if (!earlier) {
      first.set(entry.key, entry);
      continue;
    }
    const message = `the key "${entry.key}" is also that of ${earlier.file}:${earlier.line} ("${earlier.title}"); both are kept, and @${entry.key} finds that one first`;
    diagnostics.push({ file: entry.file, line: entry.line, severity: 'warning', message });
  }
  return diagnostics;
}
