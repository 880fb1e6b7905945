// Reads library files and theme definitions from disk, for the CLI and the library service.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditedSource, LibraryInput, LibrarySource, UnchangedSource } from '../core/formats/libraryContent';
import type { LibraryDiagnostic } from '../core/model/paper';
import { readWholeFile } from './textFile';
import { parseThemeDefinitions, type ThemeDefinition } from '../core/search/themes';

/** Reading library files from disk. */

/** The library files shipped in a seeds folder: every `.txt`, in name order. */
export function seedLibraryFiles(seedsDir: string): string[] {
  return readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(seedsDir, name));
}

/**
 * Reads each file, one at a time, but those `unchanged` knows; one that cannot be read is
 * reported and the others still load. Straight from disk, in the extension too: VS Code's
 * file system API sends the bytes to the extension host through its IPC, several times slower
 * for a large library (see test/bench/README.md); and in one request (see `readWholeFile`), or by `read`
 * (the extension's file thread, which hashes them too).
 */
export async function readLibrarySources(files: readonly string[]): Promise<{ sources: LibrarySource[]; diagnostics: LibraryDiagnostic[] }>;
export async function readLibrarySources(
  files: readonly string[],
  unchanged: (file: string) => UnchangedSource | undefined,
  read?: (file: string) => Promise<LibrarySource | EditedSource>,
): Promise<{ sources: (LibraryInput | EditedSource)[]; diagnostics: LibraryDiagnostic[] }>;
export async function readLibrarySources(
  files: readonly string[],
  unchanged: (file: string) => UnchangedSource | undefined = () => undefined,
  read = async (file: string): Promise<LibrarySource | EditedSource> => ({ file, bytes: await readWholeFile(file) }),
): Promise<{ sources: (LibraryInput | EditedSource)[]; diagnostics: LibraryDiagnostic[] }> {
  const sources: (LibraryInput | EditedSource)[] = [];
  const diagnostics: LibraryDiagnostic[] = [];
  for (const file of files) {
    try {
      sources.push(unchanged(file) ?? (await read(file)));
    } catch (error) {
      diagnostics.push(unreadable(file, error));
    }
  }
  return { sources, diagnostics };
}

function unreadable(file: string, error: unknown): LibraryDiagnostic {
  return { file, line: 1, severity: 'error', message: `cannot read the file: ${describeError(error)}` };
}

export function readThemeDefinitions(file: string): { themes: ThemeDefinition[]; diagnostics: LibraryDiagnostic[] } {
  try {
    return parseThemeDefinitions(readFileSync(file, 'utf8'), file);
  } catch (error) {
    return { themes: [], diagnostics: [{ file, line: 1, severity: 'error', message: `cannot read the theme definitions: ${describeError(error)}` }] };
  }
}

/** Node's error codes, in words. */
function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}
