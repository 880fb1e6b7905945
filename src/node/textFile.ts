// Reads and writes large text files (library files, caches) in slices.
import { open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeInSlices, encodeInSlices, finishInSlices, wholeCharactersEnd, type SlicePriority, type Work } from '../core/work/slices';

/** Bytes read from disk at a time: decoding one chunk overlaps with reading the next. */
const READ_CHUNK_BYTES = 8 << 20;
/** Room before each chunk for the bytes of a character that the chunk before cut short. */
const CARRY_ROOM = 3;

/**
 * A file's UTF-8 text in pieces, as `decodeInSlices` gives it, each chunk decoded while the
 * next is read, into one of two buffers in turn. Reading a large library's caches whole before
 * decoding any left the thread idle, waiting on the disk, and buffers that size made the
 * garbage collector run for them (see test/bench/README.md).
 */
export async function readTextInSlices(file: string, priority?: SlicePriority, chunkBytes = READ_CHUNK_BYTES): Promise<string[]> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
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
      reading = read < size ? readInto(next, read) : undefined;
      // Awaited next time round; a failure meanwhile is not unhandled.
      reading?.catch(() => undefined);
      const [start, filled] = [CARRY_ROOM - carried, CARRY_ROOM + count];
      const end = read < size ? wholeCharactersEnd(buffer, start, filled) : filled;
      for (const piece of await finishInSlices(decodeInSlices(buffer.subarray(start, end)), priority)) pieces.push(piece);
      carried = filled - end;
      next.set(buffer.subarray(end, filled), CARRY_ROOM - carried);
    }
    return pieces;
  } finally {
    await handle.close();
  }
}

/**
 * The whole file, if its first `headBytes` (or fewer, in a shorter file) are `wanted`; else
 * undefined, and only those are read.
 */
export async function readFileIf(file: string, wanted: (head: Uint8Array) => boolean, headBytes = 1024): Promise<Uint8Array | undefined> {
  const handle = await open(file);
  try {
    const head = new Uint8Array(headBytes);
    const { bytesRead } = await handle.read(head, 0, headBytes, 0);
    return wanted(head.subarray(0, bytesRead)) ? await readOpen(handle) : undefined;
  } finally {
    await handle.close();
  }
}

/**
 * The whole file, read in one request. Node's `readFile` reads half a megabyte per turn of the
 * event loop: in the extension host, whose turns come between other work's slices, a large
 * library file then took seconds to read.
 */
export async function readWholeFile(file: string, bufferFor?: (size: number) => Uint8Array): Promise<Uint8Array> {
  const handle = await open(file);
  try {
    return await readOpen(handle, bufferFor);
  } finally {
    await handle.close();
  }
}

/** Into `bufferFor(size)`, which may hold more: by default a buffer of its own, never a slice of Node's shared pool, as it may be handed to another thread. */
async function readOpen(handle: FileHandle, bufferFor = (size: number): Uint8Array => Buffer.allocUnsafeSlow(size)): Promise<Uint8Array> {
  const { size } = await handle.stat();
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

/** The text a work makes (a cache's lines), made and encoded in background slices, as chunks for `replaceFile`. */
export async function encodedInSlices(lines: Work<string[]>): Promise<Uint8Array[]> {
  return finishInSlices(encodeInSlices(await finishInSlices(lines, 'background')), 'background');
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
