// Reads the bibliography files notes name in their front matter, and keeps them until they change.
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readNoteBibliography, type NoteBibliographyRead } from '../core/cite/noteBibliography';
import type { NamedBibliography } from '../core/cite/noteMetadata';

/** A bibliography larger than this is not read for a note. */
const MAX_BIBLIOGRAPHY = 32 * 1024 * 1024;

/** A named file's path: relative to the note's folder, or absolute; `~/` is not expanded, as pandoc reads it relative too. */
export function bibliographyPath(named: NamedBibliography, notePath: string | undefined): string {
  return isAbsolute(named.path) || !notePath ? resolve(named.path) : resolve(dirname(notePath), named.path);
}

interface Kept {
  readonly stamp: string;
  readonly read: NoteBibliographyRead;
}

/**
 * The files notes name, read once and again only when they change on disk. `kept` answers
 * at once (the preview renders synchronously) with what is read already, and says which
 * files still need reading; `read` reads them.
 */
export class NoteBibliographies {
  private readonly files = new Map<string, Kept>();

  /** What is read of each file now, and the files not read yet or changed since. */
  kept(paths: readonly string[]): { readonly reads: ReadonlyMap<string, NoteBibliographyRead>; readonly stale: readonly string[] } {
    const reads = new Map<string, NoteBibliographyRead>();
    const stale: string[] = [];
    for (const path of paths) {
      const kept = this.files.get(path);
      if (kept && kept.stamp === stampNow(path)) reads.set(path, kept.read);
      else stale.push(path);
    }
    return { reads, stale };
  }

  /** Reads the files (again), and keeps what they give. Never throws. */
  async read(paths: readonly string[]): Promise<ReadonlyMap<string, NoteBibliographyRead>> {
    const reads = new Map<string, NoteBibliographyRead>();
    await Promise.all(
      paths.map(async (path) => {
        const { stamp, read } = await readOne(path);
        this.files.set(path, { stamp, read });
        reads.set(path, read);
      }),
    );
    return reads;
  }
}

function stampNow(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

async function readOne(path: string): Promise<Kept> {
  try {
    const s = await stat(path);
    const stamp = `${s.mtimeMs}:${s.size}`;
    if (!s.isFile()) return { stamp, read: { items: [], problem: { line: 1, message: `${path} is not a file.` } } };
    if (s.size > MAX_BIBLIOGRAPHY) return { stamp, read: { items: [], problem: { line: 1, message: `${path} is too large to read for a note (${Math.round(s.size / 1048576)} MB).` } } };
    return { stamp, read: await readNoteBibliography(await readFile(path, 'utf8'), path) };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { stamp: 'missing', read: { items: [], problem: { line: 1, message: missing ? `${path} does not exist.` : `${path} could not be read: ${(error as Error).message}` } } };
  }
}

/**
 * The 1-based line of a key's entry in a bibliography file: its BibTeX `@type{key,`, its
 * CSL-JSON `"id": "key"` or its CSL YAML `id: key`; undefined when none is found.
 */
export function entryLine(path: string, key: string): number | undefined {
  let text: string;
  try {
    if (statSync(path).size > MAX_BIBLIOGRAPHY) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return entryLineIn(text, key);
}

/** `entryLine` in a text already read, such as a note's front matter. */
export function entryLineIn(text: string, key: string): number | undefined {
  const quoted = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = new RegExp(`@\\w+\\s*[{(]\\s*${quoted}\\s*,|"id"\\s*:\\s*"${quoted}"|^[ \\t-]*id[ \\t]*:[ \\t]*['"]?${quoted}['"]?[ \\t]*$`, 'm');
  const found = entry.exec(text);
  return found ? text.slice(0, found.index).split(/\r\n|\r|\n/).length : undefined;
}
