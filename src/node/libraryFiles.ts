// Reads library files and theme definitions from disk, for the CLI and the library service.
import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EditedSource, LibraryInput, LibrarySource, UnchangedSource } from '../core/formats/libraryContent';
import type { LibraryDiagnostic } from '../core/model/paper';
import { megabytes, readRegularFileSync, readWholeFile, RefusedFile } from './textFile';
import { parseThemeDefinitions, type ThemeDefinition } from '../core/search/themes';

/** Reading library files from disk. */

/** The library files shipped in a seeds folder: every `.txt`, in name order. */
export function seedLibraryFiles(seedsDir: string): string[] {
  return readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(seedsDir, name));
}

/** The default of the largest library file read (the setting `literatureNotes.maxLibraryFileSize`): 256 MB. */
export const DEFAULT_MAX_LIBRARY_FILE_BYTES = 256 << 20;

/**
 * Reads each file, one at a time, but those `unchanged` knows; one that cannot be read, is not
 * a regular file or is larger than `maxBytes`, is reported and the others still load. Straight
 * from disk, in the extension too: VS Code's file system API sends the bytes to the extension
 * host through its IPC, several times slower for a large library (see test/bench/README.md);
 * and in one request (see `readWholeFile`), or by `read`
 * (the extension's file thread, which hashes them too).
 */
export async function readLibrarySources(files: readonly string[], unchanged?: undefined, read?: undefined, maxBytes?: number): Promise<{ sources: LibrarySource[]; diagnostics: LibraryDiagnostic[] }>;
export async function readLibrarySources(
  files: readonly string[],
  unchanged: (file: string) => UnchangedSource | undefined,
  read?: (file: string) => Promise<LibrarySource | EditedSource>,
  maxBytes?: number,
): Promise<{ sources: (LibraryInput | EditedSource)[]; diagnostics: LibraryDiagnostic[] }>;
export async function readLibrarySources(
  files: readonly string[],
  unchanged: (file: string) => UnchangedSource | undefined = () => undefined,
  read = async (file: string): Promise<LibrarySource | EditedSource> => ({ file, bytes: await readWholeFile(file, undefined, maxBytes) }),
  maxBytes = DEFAULT_MAX_LIBRARY_FILE_BYTES,
): Promise<{ sources: (LibraryInput | EditedSource)[]; diagnostics: LibraryDiagnostic[] }> {
  const sources: (LibraryInput | EditedSource)[] = [];
  const diagnostics: LibraryDiagnostic[] = [];
  for (const file of files) {
    try {
      // Checked here too, as `read` may be another thread's, which refuses only what is not a regular file.
      const { size } = await stat(file);
      if (size > maxBytes) throw new RefusedFile(`it is ${megabytes(size)}, over the limit of ${megabytes(maxBytes)} (the setting literatureNotes.maxLibraryFileSize); it was not read`);
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

/** Theme definitions are a few kilobytes; a `--themes` file past this is refused. */
const MAX_THEMES_BYTES = 16 << 20;

export function readThemeDefinitions(file: string): { themes: ThemeDefinition[]; diagnostics: LibraryDiagnostic[] } {
  try {
    return parseThemeDefinitions(new TextDecoder().decode(readRegularFileSync(file, MAX_THEMES_BYTES)), file);
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
