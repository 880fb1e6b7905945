/** A paper in the library: what the sidebar, search, panel, hovers and exports all speak of. */
export interface Paper {
  /** Citation key, unique in the library, valid as a pandoc `@key`. */
  readonly key: string;
  readonly title: string;
  /** May be empty: a title with no abstract still loads. */
  readonly abstract: string;
  /** Library file the paper was read from, as it was given to the loader. */
  readonly file: string;
  /** 1-based line of the title in that file. */
  readonly line: number;
  /** Name of the one theme the paper is grouped under. */
  readonly theme: string;
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
