import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LibrarySource } from './libraryContent';
import type { LibraryDiagnostic } from './paper';
import { parseThemeDefinitions, type ThemeDefinition } from './themes';

/** Reading library files from disk, for the CLI and tests (the extension reads through VS Code). */

/** The library files shipped in a seeds folder: every `.txt`, in name order. */
export function seedLibraryFiles(seedsDir: string): string[] {
  return readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(seedsDir, name));
}

/**
 * Reads each file through `read` (Node's by default; the extension passes VS Code's file
 * system), one at a time; one that cannot be read is reported and the others still load.
 */
export async function readLibrarySources(
  files: readonly string[],
  read: (file: string) => PromiseLike<Uint8Array> = (file) => readFile(file),
): Promise<{ sources: LibrarySource[]; diagnostics: LibraryDiagnostic[] }> {
  const sources: LibrarySource[] = [];
  const diagnostics: LibraryDiagnostic[] = [];
  for (const file of files) {
    try {
      sources.push({ file, bytes: await read(file) });
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

/** Node's error codes, and VS Code's `FileSystemError` codes for the same. */
function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'FileNotFound') return 'no such file';
  if (code === 'EISDIR' || code === 'FileIsADirectory') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'NoPermissions') return 'permission denied';
  return (error as Error).message;
}
