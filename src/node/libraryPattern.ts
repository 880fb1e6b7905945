// One entry of the libraries setting resolved to a file, or a glob under a folder.
import { isWithin } from '../core/model/restrictedMode';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * One entry of the libraries setting: a file, or a glob under a base folder (what VS Code
 * searches and watches). Paths use the platform's separators, globs always `/`.
 */
export type LibraryPattern = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'glob'; readonly base: string; readonly glob: string };

/** The extensions a glob picks files by; a file named on its own is read whatever its extension. */
const LIBRARY_EXTENSIONS = ['.txt', '.bib', '.json'] as const;

const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * Resolves an entry against the workspace folder it is relative to; undefined for a relative
 * entry with no folder. A relative glob is searched from the folder itself, so it also finds
 * files in subfolders created later; an absolute one from its last folder before a wildcard.
 */
export function libraryPattern(entry: string, folder: string | undefined): LibraryPattern | undefined {
  const written = entry.trim();
  if (!written || (!isAbsolute(written) && folder === undefined)) return undefined;
  const full = resolve(folder ?? '', written);
  if (!GLOB_CHARACTERS.test(full)) return { kind: 'file', file: full };
  const segments = full.split(/[\\/]/);
  const wild = segments.findIndex((s) => GLOB_CHARACTERS.test(s));
  const prefix = segments.slice(0, wild).join(sep) || sep;
  const base = folder !== undefined && isWithin(folder, prefix) ? resolve(folder) : prefix;
  const glob = [...relative(base, prefix).split(sep).filter(Boolean), ...segments.slice(wild)].join('/');
  return { kind: 'glob', base, glob };
}

/** Whether a file a glob found is one to read as a library. */
export function isLibraryFile(file: string): boolean {
  const lower = file.toLowerCase();
  return LIBRARY_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Globs for the folders that may hold a glob's files ('refs/*.bib' → 'refs'; 'a/[bc]/d/*.bib' → 'a',
 * 'a/[bc]', 'a/[bc]/d'): file watchers miss files written into a folder just made or moved in, so
 * a new folder is looked into. Empty when the glob's files sit in its base folder.
 */
export function folderGlobs(glob: string): string[] {
  const segments = splitSegments(glob).slice(0, -1);
  const deepest = segments.indexOf('**');
  const kept = deepest === -1 ? segments : segments.slice(0, deepest + 1);
  return kept.map((_, i) => kept.slice(0, i + 1).join('/'));
}

/** A glob's path segments: a `/` inside braces or brackets does not end one. */
function splitSegments(glob: string): string[] {
  const segments = [''];
  let depth = 0;
  for (const char of glob) {
    if (char === '{' || char === '[') depth++;
    else if ((char === '}' || char === ']') && depth > 0) depth--;
    if (char === '/' && depth === 0) segments.push('');
    else segments[segments.length - 1] += char;
  }
  return segments;
}
