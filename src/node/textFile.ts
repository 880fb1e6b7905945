// Reads and writes large text files (library files, caches) in slices, bounded: regular files only, of a limited size.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeInSlices, encodeInSlices, finishInSlices, wholeCharactersEnd, type SlicePriority, type Work } from '../core/work/slices';

/** Bytes read from disk at a time: decoding one chunk overlaps with reading the next. */
const READ_CHUNK_BYTES = 8 << 20;
/** Room before each chunk for the bytes of a character that the chunk before cut short. */
const CARRY_ROOM = 3;

/** Past this, no file is read: well beyond the largest library (110 MB at 100,000 papers) and its caches. */
export const MAX_READ_BYTES = 1 << 30;

/** A file refused before any of it is read: not a regular file, or too large. Its message says why, in words. */
export class RefusedFile extends Error {
  readonly code = 'EREFUSED';
}

/**
 * The file opened for reading, if it is a regular file of at most `maxBytes`. Opened without
 * blocking, as a FIFO would block the open until a writer came; a symbolic link is followed, and
 * what it leads to is held to the same rules (a link to /dev/zero is refused, not read forever).
 */
export async function openRegularFile(file: string, maxBytes = MAX_READ_BYTES): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    checkReadable(stats, maxBytes);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** `openRegularFile` and a whole read, at once: for the CLI and small files read where nothing can wait. */
export function readRegularFileSync(file: string, maxBytes = MAX_READ_BYTES): Uint8Array {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    checkReadable(stats, maxBytes);
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    for (let n = 1; read < stats.size && n > 0; read += n) n = readSync(fd, bytes, read, stats.size - read, read);
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Throws a `RefusedFile` unless the stats are a regular file's of at most `maxBytes`. */
function checkReadable(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new RefusedFile(`it is ${stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device'}, not a regular file; it was not read`);
  if (stats.size > maxBytes) throw new RefusedFile(`it is ${megabytes(stats.size)}, over the limit of ${megabytes(maxBytes)}; it was not read`);
}

/** Bytes in megabytes, for messages. */
export function megabytes(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(bytes < 10 << 20 ? 1 : 0)} MB`;
}

/**
 * What ends a sealed file (a cache): a line with the SHA-256 of every byte before it. A cache
 * cut short, or changed, then no longer matches its seal, and is rebuilt rather than read as a
 * smaller or other library (see `readTextInSlices`, `readFileIf`).
 */
const SEAL_PREFIX = '\n#literature-notes sha256 ';
const SEAL_BYTES = SEAL_PREFIX.length + 64 + 1;

/** A sealed file whose content does not match its seal: cut short, changed, or never sealed. */
export class DamagedFile extends Error {
  readonly code = 'EDAMAGED';
}

/** The chunks, and after them the seal of their bytes. */
export function sealedChunks(chunks: readonly Uint8Array[]): Uint8Array[] {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return [...chunks, new TextEncoder().encode(`${SEAL_PREFIX}${hash.digest('hex')}\n`)];
}

/** The SHA-256 a seal holds, if `tail` is one. */
function sealedHash(tail: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(tail);
  return text.length === SEAL_BYTES && text.startsWith(SEAL_PREFIX) && text.endsWith('\n') ? text.slice(SEAL_PREFIX.length, -1) : undefined;
}

/** The bytes before the seal, if they match it; throws `DamagedFile` if not. */
export function unsealedBytes(bytes: Uint8Array): Uint8Array {
  const content = bytes.subarray(0, Math.max(0, bytes.length - SEAL_BYTES));
  const sealed = sealedHash(bytes.subarray(content.length));
  if (sealed === undefined || createHash('sha256').update(content).digest('hex') !== sealed) throw new DamagedFile('the file does not match its checksum');
  return content;
}

/**
 * A file's UTF-8 text in pieces, as `decodeInSlices` gives it, each chunk decoded while the
 * next is read, into one of two buffers in turn. Reading a large library's caches whole before
 * decoding any left the thread idle, waiting on the disk, and buffers that size made the
 * garbage collector run for them (see test/bench/README.md).
 */
export async function readTextInSlices(file: string, priority?: SlicePriority, chunkBytes = READ_CHUNK_BYTES, sealed = false): Promise<string[]> {
  const { handle, size: fileSize } = await openRegularFile(file);
  try {
    // A sealed file's seal is read first, and its content hashed as it is read: only the content is decoded.
    const seal = sealed ? sealedHash(await readAt(handle, Math.max(0, fileSize - SEAL_BYTES), SEAL_BYTES)) : undefined;
    if (sealed && seal === undefined) throw new DamagedFile(`${file} has no checksum`);
    const size = sealed ? fileSize - SEAL_BYTES : fileSize;
    const hash = sealed ? createHash('sha256') : undefined;
    // No larger than the file: most caches are a few kilobytes.
    const length = Math.min(chunkBytes, size);
    const buffers = [new Uint8Array(CARRY_ROOM + length), new Uint8Array(CARRY_ROOM + length)];
    const readInto = async (buffer: Uint8Array, at: number) => (await handle.read(buffer, CARRY_ROOM, Math.min(length, size - at), at)).bytesRead;
    const pieces: string[] = [];
    let [read, carried] = [0, 0];
    for (let turn = 0, reading = size ? readInto(buffers[0], 0) : undefined; reading; turn ^= 1) {
      const count = await reading;
      if (count === 0) throw new Error(`${file} ended before its ${size} bytes were read`);
      read += count;
      const [buffer, next] = [buffers[turn], buffers[turn ^ 1]];
      hash?.update(buffer.subarray(CARRY_ROOM, CARRY_ROOM + count));
      reading = read < size ? readInto(next, read) : undefined;
      // Awaited next time round; a failure meanwhile is not unhandled.
      reading?.catch(() => undefined);
      const [start, filled] = [CARRY_ROOM - carried, CARRY_ROOM + count];
      const end = read < size ? wholeCharactersEnd(buffer, start, filled) : filled;
      for (const piece of await finishInSlices(decodeInSlices(buffer.subarray(start, end)), priority)) pieces.push(piece);
      carried = filled - end;
      next.set(buffer.subarray(end, filled), CARRY_ROOM - carried);
    }
    if (hash && hash.digest('hex') !== seal) throw new DamagedFile(`${file} does not match its checksum`);
    return pieces;
  } finally {
    await handle.close();
  }
}

/** Up to `length` bytes of the file from `at`. */
async function readAt(handle: FileHandle, at: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, at);
  return bytes.subarray(0, bytesRead);
}

/**
 * The whole file, if its first `headBytes` (or fewer, in a shorter file) are `wanted`; else
 * undefined, and only those are read. A `sealed` file's content, checked against its seal
 * (see `unsealedBytes`).
 */
export async function readFileIf(file: string, wanted: (head: Uint8Array) => boolean, headBytes = 1024, sealed = false): Promise<Uint8Array | undefined> {
  const { handle, size } = await openRegularFile(file);
  try {
    if (!wanted(await readAt(handle, 0, headBytes))) return undefined;
    const bytes = await readOpen(handle, size);
    return sealed ? unsealedBytes(bytes) : bytes;
  } finally {
    await handle.close();
  }
}

/**
 * The whole file, read in one request. Node's `readFile` reads half a megabyte per turn of the
 * event loop: in the extension host, whose turns come between other work's slices, a large
 * library file then took seconds to read.
 */
export async function readWholeFile(file: string, bufferFor?: (size: number) => Uint8Array, maxBytes?: number): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(file, maxBytes);
  try {
    return await readOpen(handle, size, bufferFor);
  } finally {
    await handle.close();
  }
}

/**
 * The `size` bytes the file had when opened, into `bufferFor(size)`, which may hold more: by default a buffer of its own,
 * never a slice of Node's shared pool, as it may be handed to another thread.
 */
async function readOpen(handle: FileHandle, size: number, bufferFor = (size: number): Uint8Array => Buffer.allocUnsafeSlow(size)): Promise<Uint8Array> {
  const bytes = bufferFor(size);
  let read = 0;
  // A file that grows meanwhile is read as it was at the start; one that shrinks, as far as it goes.
  while (read < size) {
    const { bytesRead } = await handle.read(bytes, read, size - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return bytes.subarray(0, read);
}

/**
 * Writes `chunks`, one after another, beside `file` and renames them over it: a window reading
 * the file meanwhile finds the old one or the new one, never half of one.
 */
export async function replaceFile(file: string, chunks: readonly Uint8Array[]): Promise<void> {
  const partial = `${file}.${process.pid}.partial`; // see PARTIAL_FILE
  try {
    await writeFile(partial, chunks);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The text a work makes (a cache's lines), made and encoded in background slices, as chunks for `replaceFile`; sealed (see `sealedChunks`) if asked. */
export async function encodedInSlices(lines: Work<string[]>, sealed = false): Promise<Uint8Array[]> {
  const chunks = await finishInSlices(encodeInSlices(await finishInSlices(lines, 'background')), 'background');
  return sealed ? sealedChunks(chunks) : chunks;
}

/** `replaceFile`'s partial files, and the id of the process writing each. */
const PARTIAL_FILE = /\.(\d+)\.partial$/;

/**
 * Removes the partial files `replaceFile` left in `folder` when the process writing them ended
 * before renaming them (a large library's caches are tens of megabytes each): those named by the id of a
 * process no longer running. Another window's writes, still under way, are left alone.
 */
export async function removeAbandonedPartials(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) {
    const writer = PARTIAL_FILE.exec(name)?.[1];
    if (writer !== undefined && !isRunning(Number(writer))) await rm(path.join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only whether there is such a process
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // there is, but not ours to signal
  }
}
