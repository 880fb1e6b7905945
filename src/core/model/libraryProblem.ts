// Why a library is empty, and which of its problems to tell the user about once.
import { formatDiagnostic, type LibraryDiagnostic } from './paper';

/** Why a library has no papers: `failed` when files could not be read, `empty` when they hold none. */
export interface LibraryProblem {
  readonly kind: 'empty' | 'failed';
  /** Names the first unreadable file and line, for the sidebar's welcome view. */
  readonly message: string;
}

export function emptyLibraryProblem(files: readonly string[], diagnostics: readonly LibraryDiagnostic[]): LibraryProblem {
  if (!files.length) return { kind: 'empty', message: 'No library files are configured, or no file matches the configured globs.' };
  const first = diagnostics.find((d) => d.severity === 'error');
  if (first) return { kind: 'failed', message: `No papers could be read: ${formatDiagnostic(first)}` };
  return { kind: 'empty', message: 'The library files hold no papers.' };
}

/** What a load reports to the user: one line per file with errors not reported before. */
export interface ProblemAnnouncement {
  readonly messages: string[];
  /** The errors now present, to pass to the next call. */
  readonly reported: ReadonlySet<string>;
}

/**
 * Each error (a missing or unreadable file, a malformed entry) is told once: a reload that
 * finds it again says nothing, and one fixed and then back is told again. Its line is left
 * out of what makes it the same, so lines added above it do not make it new. Warnings only
 * go to the Problems panel.
 */
export function announceProblems(diagnostics: readonly LibraryDiagnostic[], reportedBefore: ReadonlySet<string>, fileName: (file: string) => string): ProblemAnnouncement {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const identity = (d: LibraryDiagnostic) => `${d.file}\n${d.message}`;
  const byFile = new Map<string, LibraryDiagnostic[]>();
  for (const d of errors) if (!reportedBefore.has(identity(d))) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const messages = [...byFile].map(([file, [first, ...others]]) => {
    const more = others.length ? ` (and ${others.length} more ${others.length === 1 ? 'error' : 'errors'} in the file)` : '';
    return `${fileName(file)}:${first.line}: ${first.message}${more}`;
  });
  return { messages, reported: new Set(errors.map(identity)) };
}
