// The library service's caches: the files kept in the extension's storage between loads and sessions.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type vscode = require('vscode');
import type { Work } from '../core/work/slices';
import { encodedInSlices, readFileIf, readTextInSlices, removeAbandonedPartials, replaceFile, sealedChunks } from '../node/textFile';

/** Each cache file, by what it keeps. */
export const CACHE_FILES = {
  /** Keys, themes, title order and (when made in the host) the search index. */
  library: 'library.cache',
  related: 'related-papers.cache',
  /** Each library file's parse. */
  parsedFiles: 'parsed-files.cache',
  /** The sidebar's themes and counts, shown before the papers load. */
  outline: 'sidebar-outline.json',
  /** The library files' sizes and times, with their content hashes. */
  fileStamps: 'file-stamps.json',
} as const;

export type CacheFile = (typeof CACHE_FILES)[keyof typeof CACHE_FILES];

/**
 * A folder of cache files. Reads answer undefined when a file is missing or unreadable; writes
 * are best effort, since a cache that cannot be written only costs the next start its head start.
 */
export class CacheFolder {
  /** Once a session, before its first write: what a window that ended mid-write left. */
  private abandonedRemoved?: Promise<void>;

  constructor(
    /** Undefined where there is no storage (the caches are then skipped). */
    private readonly folder: string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The file's text, in pieces, read in slices so the host thread is never held long. */
  async readText(name: CacheFile): Promise<string[] | undefined> {
    if (!this.folder) return undefined;
    try {
      // Sealed: a cache cut short or changed is no cache, and is made and written again.
      return await readTextInSlices(path.join(this.folder, name), undefined, undefined, true);
    } catch {
      return undefined; // not saved yet, or damaged
    }
  }

  /** The file's bytes, read whole only when its first bytes are `wanted`. */
  async readBytesIf(name: CacheFile, wanted: (head: Uint8Array) => boolean): Promise<Uint8Array | undefined> {
    return this.folder ? readFileIf(path.join(this.folder, name), wanted, undefined, true).catch(() => undefined) : undefined;
  }

  /** Replaces the file with text made in slices, or with bytes. */
  async write(name: CacheFile, content: Work<string[]> | Uint8Array[]): Promise<void> {
    if (!this.folder) return;
    const file = path.join(this.folder, name);
    try {
      const chunks = content instanceof Array ? sealedChunks(content) : await encodedInSlices(content, true);
      // Straight to disk, not through VS Code's file system API, which would send the whole
      // cache over its IPC.
      await mkdir(this.folder, { recursive: true });
      await (this.abandonedRemoved ??= removeAbandonedPartials(this.folder));
      await replaceFile(file, chunks);
    } catch (error) {
      this.log.warn(`Could not write the cache ${file}: ${(error as Error).message}`);
    }
  }
}
