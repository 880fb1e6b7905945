import { createHash } from 'node:crypto';
import type { BibliographyFormat } from './bibliography';
import { parseBibliographyLibrary } from './bibliographyLibrary';
import type { LibraryDiagnostic, PaperEntry, ParsedLibraryFile } from './paper';
import { decodeLibraryFile, parseSeedText } from './seedFormat';

/** A library file's name and its raw bytes, however they were read (fs, VS Code, a test). */
export interface LibrarySource {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** Every library file read into entries: what a `PaperLibrary` is built from. */
export interface LibraryContent {
  /** The files as read; the library's cache is keyed on them. */
  readonly sources: readonly LibrarySource[];
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
 * still loads. Asynchronous because BibTeX and CSL-JSON need citation-js, loaded on first use.
 * With `parsed` from earlier reads, only files whose bytes changed are parsed again.
 */
export async function readLibrary(sources: readonly LibrarySource[], parsed = new ParsedFiles()): Promise<LibraryContent> {
  const files: ParsedLibraryFile[] = [];
  for (const source of sources) {
    files.push(await parsed.parse(source));
    await nextTurn();
  }
  parsed.keepOnly(sources);
  const entries = files.flatMap((f) => f.entries);
  return { sources, entries, diagnostics: [...files.flatMap((f) => f.diagnostics), ...duplicateKeys(entries)] };
}

/**
 * Lets the event loop run (timers, messages, other work) before going on: a large library
 * parses and builds in one thread, which must not hold the editor's extension host for all of it.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Each file's parse, by name and content hash: a watched library is read again on every
 * change to any of its files, and a large BibTeX file that did not change costs seconds to parse.
 */
export class ParsedFiles {
  private readonly byFile = new Map<string, { readonly hash: string; readonly parsed: ParsedLibraryFile }>();
  private parses = 0;

  /** How many files were actually parsed, as against taken from earlier reads. */
  get parseCount(): number {
    return this.parses;
  }

  async parse(source: LibrarySource): Promise<ParsedLibraryFile> {
    const hash = createHash('sha256').update(source.bytes).digest('hex');
    const known = this.byFile.get(source.file);
    if (known?.hash === hash) return known.parsed;
    const parsed = await readSource(source);
    this.parses++;
    this.byFile.set(source.file, { hash, parsed });
    return parsed;
  }

  /** Forgets the files not among `sources`: removed from the settings, or deleted. */
  keepOnly(sources: readonly LibrarySource[]): void {
    const kept = new Set(sources.map((s) => s.file));
    for (const file of this.byFile.keys()) if (!kept.has(file)) this.byFile.delete(file);
  }

  /**
   * The parses, to save between sessions: the next start then parses only files that changed
   * since (reading a saved parse is far cheaper than parsing a large BibTeX file again).
   */
  toJSON(): string {
    return JSON.stringify({ schema: PARSED_FILES_SCHEMA, files: [...this.byFile] });
  }

  /** Parses saved by `toJSON`; anything unreadable, or saved by another version, is no help and is dropped. */
  static fromJSON(json: string | undefined): ParsedFiles {
    const parsed = new ParsedFiles();
    try {
      const saved = JSON.parse(json ?? '') as { schema?: unknown; files?: unknown };
      if (saved.schema === PARSED_FILES_SCHEMA && Array.isArray(saved.files)) for (const [file, known] of saved.files) parsed.byFile.set(file, known);
    } catch {
      // a damaged cache is no cache
    }
    return parsed;
  }
}

/** Bump when `ParsedLibraryFile` or a parser changes what it makes of a file. */
const PARSED_FILES_SCHEMA = 1;

async function readSource({ file, bytes }: LibrarySource): Promise<ParsedLibraryFile> {
  const { text, diagnostic } = decodeLibraryFile(bytes, file);
  if (text === undefined) return { entries: [], diagnostics: diagnostic ? [diagnostic] : [] };
  const format = libraryFormatOf(file);
  return format === 'seed' ? parseSeedText(text, file) : parseBibliographyLibrary(text, file, format);
}

/** Entries that give the same key are all kept; each after the first is reported, naming the first. */
function duplicateKeys(entries: readonly PaperEntry[]): LibraryDiagnostic[] {
  const first = new Map<string, PaperEntry>();
  return entries.flatMap((entry) => {
    if (entry.key === undefined) return [];
    const earlier = first.get(entry.key);
    if (!earlier) {
      first.set(entry.key, entry);
      return [];
    }
    const message = `the key "${entry.key}" is also that of ${earlier.file}:${earlier.line} ("${earlier.title}"); both are kept, and @${entry.key} finds that one first`;
    return [{ file: entry.file, line: entry.line, severity: 'warning' as const, message }];
  });
}
