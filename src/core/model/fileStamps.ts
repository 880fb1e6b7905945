/**
 * Library files known by their size and modification time, with the content hash they had:
 * a start, or a reload, then need not read and hash a large file that has not changed.
 * As git does, a time is trusted only once it is well in the past when taken: a file written
 * twice within the clock's granularity could otherwise have the same time twice.
 */

/** A library file as found on disk when a load started. */
export interface LibraryFileStamp {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

interface SavedStamp extends LibraryFileStamp {
  readonly hash: string;
}

/** How old a modification time must be to be trusted: more than any file system's granularity (FAT's is 2 s). */
const SETTLED_MS = 3000;
/**
 * The same on a file system that keeps times finer than a second (ext4, APFS, NTFS…; a time
 * with a fraction of a second says so), whose clock ticks in milliseconds. A library file is
 * read once it has been still this long (see `LibraryService.untilStill`): its late events (VS
 * Code's watcher tells later than Node's) then find it known, rather than hashing it again
 * (long for a large file).
 */
const FINE_SETTLED_MS = 100;
const HEADER = 'literature-notes file stamps, schema 1';

export class FileStamps {
  private constructor(private readonly byFile: ReadonlyMap<string, SavedStamp>) {}

  static readonly none = new FileStamps(new Map());

  /** The stamps of the files a load read, with their hashes; only those taken well after the file last changed. */
  static of(stamps: readonly LibraryFileStamp[], hashOf: (file: string) => string | undefined, stampedAt: number): FileStamps {
    const byFile = new Map<string, SavedStamp>();
    for (const stamp of stamps) {
      const hash = hashOf(stamp.file);
      const settledMs = stamp.mtimeMs % 1000 === 0 ? SETTLED_MS : FINE_SETTLED_MS;
      if (hash !== undefined && stamp.size >= 0 && stampedAt - stamp.mtimeMs >= settledMs) byFile.set(stamp.file, { ...stamp, hash });
    }
    return new FileStamps(byFile);
  }

  /** The content hash the file had, if it has the same size and time as when stamped. */
  hashOf({ file, size, mtimeMs }: LibraryFileStamp): string | undefined {
    const saved = this.byFile.get(file);
    return saved && saved.size === size && saved.mtimeMs === mtimeMs ? saved.hash : undefined;
  }

  save(): string {
    return JSON.stringify({ header: HEADER, stamps: [...this.byFile.values()] });
  }

  /** Stamps saved by `save`; anything else is none. */
  static restore(text: string | undefined): FileStamps {
    try {
      const saved = JSON.parse(text ?? 'null') as { header?: unknown; stamps?: unknown } | null;
      if (saved?.header !== HEADER || !Array.isArray(saved.stamps)) return FileStamps.none;
      const stamps = (saved.stamps as SavedStamp[]).filter(
        (s) => typeof s?.file === 'string' && typeof s.hash === 'string' && Number.isFinite(s.size) && Number.isFinite(s.mtimeMs),
      );
      return new FileStamps(new Map(stamps.map((s) => [s.file, s])));
    } catch {
      return FileStamps.none;
    }
  }
}
