// The library files and globs the settings name, and the files they find.
import * as path from 'node:path';
import vscode = require('vscode');
import { folderGlobs, isLibraryFile, libraryPattern, type LibraryPattern } from '../node/libraryPattern';
import { configuredLibraries } from './settings';

/** A configured library file or glob, and the pattern that watches it (and, for a glob, finds its files). */
export interface LibraryLocation {
  readonly pattern: vscode.RelativePattern;
  /** The file, when the entry names one: it is read even when missing, so that is reported. */
  readonly file?: string;
  /** For a glob, the folders its files may be in: one made or moved in is looked into. */
  readonly folders: readonly vscode.RelativePattern[];
}

/** The configured files and globs, each once. */
export function libraryLocations(): LibraryLocation[] {
  const seen = new Set<string>();
  return configuredLibraries().flatMap(({ entry, folder }) => {
    const resolved = libraryPattern(entry, folder);
    const id = JSON.stringify(resolved);
    if (!resolved || seen.has(id)) return [];
    seen.add(id);
    return [locationOf(resolved)];
  });
}

function locationOf(resolved: LibraryPattern): LibraryLocation {
  if (resolved.kind === 'glob') {
    const base = vscode.Uri.file(resolved.base);
    return { pattern: new vscode.RelativePattern(base, resolved.glob), folders: folderGlobs(resolved.glob).map((glob) => new vscode.RelativePattern(base, glob)) };
  }
  // A pattern, not the path alone: the watcher then also sees the file created or deleted.
  return { pattern: new vscode.RelativePattern(vscode.Uri.file(path.dirname(resolved.file)), path.basename(resolved.file)), file: resolved.file, folders: [] };
}

/** The library files, in the order of the setting; a glob's in path order, `.txt`, `.bib` and `.json` only. */
export async function findLibraryFiles(locations: readonly LibraryLocation[]): Promise<string[]> {
  const found = await Promise.all(
    locations.map(async ({ pattern, file }) => {
      if (file !== undefined) return [file];
      const uris = await vscode.workspace.findFiles(pattern);
      return uris.map((uri) => uri.fsPath).filter(isLibraryFile).sort();
    }),
  );
  return [...new Set(found.flat())];
}

/** Whether a folder holds library files of a location's glob (false for a file). */
export async function holdsLibraryFiles(folder: vscode.Uri, location: LibraryLocation): Promise<boolean> {
  const inside = folder.fsPath + path.sep;
  return (await findLibraryFiles([location])).some((file) => file.startsWith(inside));
}
