// The paper and its entry in a library file: the types every layer speaks of.
/** What a bibliography says about a paper beyond its title and abstract; seed-format papers have none of it. */
export interface PaperMetadata {
  /** In order, each as `Family, Given`, or as written when it is one name (`OpenAI`). */
  readonly authors?: readonly string[];
  readonly year?: number;
  /** Journal, proceedings or other container (CSL `container-title`). */
  readonly venue?: string;
  /** The entry's own keywords (BibTeX `keywords`, CSL `keyword`), each as written: they help theme and find the paper. */
  readonly keywords?: readonly string[];
  readonly doi?: string;
  readonly url?: string;
  /**
   * The whole entry as a CSL item, for a paper read from BibTeX or CSL-JSON: its type and every
   * field, as pandoc reads the entry (see `cslItemOf`). Its strings may hold CSL rich-text tags.
   */
  readonly csl?: CslData;
  /**
   * The paper's files (PDFs and the like) as its library names them, unresolved: from a BibTeX
   * `file` field (see `attachmentsOfField`), relative to the library file or absolute.
   */
  readonly attachments?: readonly string[];
}

/** A CSL-JSON item as read from a file: `type`, names as `{family, given}`, dates as `{'date-parts'}`, and any other field. */
export type CslData = Readonly<Record<string, unknown>>;

/** A paper in the library: what the sidebar, search, panel, hovers and exports all speak of. */
export interface Paper extends PaperMetadata {
  /**
   * Citation key. A key computed from the title is unique and valid as a pandoc `@key`; a
   * BibTeX or CSL-JSON entry keeps its own, which another file may use too (see `papersByKey`).
   */
  readonly key: string;
  readonly title: string;
  /** May be empty: a title with no abstract still loads. */
  readonly abstract: string;
  /** Library file the paper was read from, as it was given to the loader. */
  readonly file: string;
  /** 1-based line of the entry in that file: its title, BibTeX `@type{key,`, or CSL-JSON `"id"`. */
  readonly line: number;
  /** Name of the one theme the paper is grouped under. */
  readonly theme: string;
}

/** A paper entry as written in a file, before it has a theme (and, without a key of its own, a key). */
export interface PaperEntry extends PaperMetadata {
  /** The file's own citation key (BibTeX label, CSL-JSON `citation-key` or `id`); none in the seed format. */
  readonly key?: string;
  readonly title: string;
  readonly abstract: string;
  readonly file: string;
  /** 1-based, as `Paper.line`. */
  readonly line: number;
}

export interface ParsedLibraryFile {
  readonly entries: PaperEntry[];
  readonly diagnostics: LibraryDiagnostic[];
  /** BibTeX only: what each entry's text gave (see `EntryParses`), for the next parse of the file; kept in memory, not in the cache. */
  readonly entryParses?: EntryParses;
  /** Seed format only: what a parse of the file edited needs (see `SeedParse`); kept in memory, not in the cache. */
  readonly seedParse?: SeedParse;
}

/**
 * What each entry of a BibTeX file gave when parsed, by a hash of its text: the papers it
 * made (at the line it was on then) and the problems found in it. A file edited in one entry
 * is then parsed in that entry alone, rather than in every one (citation-js is slow per entry).
 */
export type EntryParses = ReadonlyMap<string, EntryParse>;

export interface EntryParse {
  readonly entries: readonly PaperEntry[];
  readonly problems: readonly Omit<LibraryDiagnostic, 'file' | 'line'>[];
}

/**
 * A seed-format file as last parsed, in sections (see `SectionReader`): a parse of the file
 * edited in one place (see `FileEdit`) reads again only from the section before the edit to the
 * first section after it that is unchanged, and takes the rest from here (see `reparseSeedWork`).
 */
export interface SeedParse {
  /** Every entry the sections gave, in order, duplicates included. */
  readonly found: readonly PaperEntry[];
  /** The hashes of their titles as compared for duplicates (see `titleHash`). */
  readonly titleHashes: readonly number[];
  /** The problems found in the sections, in order. */
  readonly problems: readonly SeedProblem[];
  readonly sections: SeedSections;
}

/** A problem found in a section of a seed-format file: its message may end by naming the line of the entry it concerns, which moves with it. */
export interface SeedProblem {
  readonly line: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly entryLine?: number;
}

/** Per section: where its first paragraph starts (byte offset and line), and where its entries and problems start in `found` and `problems`. */
export interface SeedSections {
  readonly byte: number[];
  readonly line: number[];
  readonly entry: number[];
  readonly problem: number[];
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem found while reading a library file: always names the file and line. */
export interface LibraryDiagnostic {
  readonly file: string;
  /** 1-based; 1 when the problem concerns the whole file (empty, binary, unreadable). */
  readonly line: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
}

export function formatDiagnostic(d: LibraryDiagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`;
}
