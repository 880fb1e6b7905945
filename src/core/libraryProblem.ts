import { formatDiagnostic, type LibraryDiagnostic } from './paper';

/** Why a library has no papers: `failed` when files could not be read, `empty` when they hold none. */
export interface LibraryProblem {
  readonly kind: 'empty' | 'failed';
  /** Names the first unreadable file and line, for the sidebar's welcome view. */
  readonly message: string;
}

export function emptyLibraryProblem(files: readonly string[], diagnostics: readonly LibraryDiagnostic[]): LibraryProblem {
  if (!files.length) return { kind: 'empty', message: 'No library files are configured.' };
  const first = diagnostics.find((d) => d.severity === 'error');
  if (first) return { kind: 'failed', message: `No papers could be read: ${formatDiagnostic(first)}` };
  return { kind: 'empty', message: 'The library files hold no papers.' };
}
