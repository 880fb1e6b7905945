// The CLI's index cache: one file per set of library files in the user's cache folder.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRegularFileSync, sealedChunks, unsealedBytes } from '../node/textFile';

/**
 * The CLI keeps the library's index between runs in the user's cache folder, one file per
 * set of library files; the library itself checks that the content has not changed.
 */
export function cacheFileFor(libraryFiles: readonly string[], themesFile: string): string {
  const base = process.env.LITERATURE_NOTES_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'literature-notes');
  const id = createHash('sha256')
    .update([...libraryFiles, themesFile].map((f) => resolve(f)).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return join(base, `library-${id}.cache`);
}

export function readCache(file: string): string | undefined {
  try {
    // Sealed: a cache cut short or changed is no cache.
    return new TextDecoder().decode(unsealedBytes(readRegularFileSync(file)));
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only or full disk only costs the next run its head start. */
export function writeCache(file: string, content: string): void {
  try {
    mkdirSync(resolve(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat(sealedChunks([new TextEncoder().encode(content)])));
    renameSync(temporary, file);
  } catch {
    // ignored on purpose, see above
  }
}
