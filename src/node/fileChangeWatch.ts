// Node's own file watcher on the library files' folders, which tells of a change at once.
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';

/** Past this many folders, the rest are left to VS Code's watcher: each takes one of the user's limited inotify watches. */
const MOST_FOLDERS = 64;

/**
 * Tells at once of a change to any of a set of files, through Node's own watcher on their
 * folders: a folder rather than the file, as an editor that saves by writing another file and
 * renaming it over the first replaces the file watched. VS Code's file watcher tells of a
 * change later, which would take a good part of the second a library edit has to show in
 * (see test/bench/README.md).
 */
export class FileChangeWatch {
  private readonly folders = new Map<string, { readonly watcher: FSWatcher; names: ReadonlySet<string> }>();

  constructor(private readonly changed: (file: string) => void) {}

  /** Watches these files from now on, and no others. A folder that cannot be watched is left out. */
  watchFiles(files: readonly string[]): void {
    const wanted = new Map<string, Set<string>>();
    for (const file of files) {
      const folder = path.dirname(file);
      let names = wanted.get(folder);
      if (!names && wanted.size < MOST_FOLDERS) wanted.set(folder, (names = new Set()));
      names?.add(path.basename(file));
    }
    for (const folder of this.folders.keys()) if (!wanted.has(folder)) this.unwatch(folder);
    for (const [folder, names] of wanted) {
      const kept = this.folders.get(folder);
      if (kept) kept.names = names;
      else this.watch(folder, names);
    }
  }

  dispose(): void {
    for (const folder of [...this.folders.keys()]) this.unwatch(folder);
  }

  private watch(folder: string, names: ReadonlySet<string>): void {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        const file = name?.toString();
        if (file && this.folders.get(folder)?.names.has(file)) this.changed(path.join(folder, file));
      });
      // A folder deleted: VS Code's watcher still tells of what becomes of it.
      watcher.on('error', () => this.folders.get(folder)?.watcher === watcher && this.unwatch(folder));
      this.folders.set(folder, { watcher, names });
    } catch {
      // Missing or unreadable: left to VS Code's watcher too.
    }
  }

  private unwatch(folder: string): void {
    this.folders.get(folder)?.watcher.close();
    this.folders.delete(folder);
  }
}
