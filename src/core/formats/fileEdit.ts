/**
 * A file's new bytes as an edit of a version of it read before: where they start and end
 * to differ, and the new bytes around that. The file thread keeps the version it read last
 * (see `KeptFiles`) and hands the host this rather than the whole file: a large library file
 * is many megabytes, and the host needs a few kilobytes of it to parse an edit again.
 */
export interface FileEdit {
  /** The SHA-256 of the version this is an edit of. */
  readonly since: string;
  /** The new file's size, and the size of the version before. */
  readonly size: number;
  readonly sizeBefore: number;
  /** How many bytes the two versions start with alike. */
  readonly prefix: number;
  /** How many bytes they end with alike, after the prefix in both. */
  readonly suffix: number;
  /** The new bytes from `windowStart`: those changed, and up to `EDIT_MARGIN` bytes on either side, to a line's end. */
  readonly window: Uint8Array;
  readonly windowStart: number;
}

/** New bytes handed over on either side of a change: a few hundred entries of the seed format. */
export const EDIT_MARGIN = 256 * 1024;

/** `after` as an edit of `before` (whose SHA-256 is `since`), with the new bytes copied out of `after`. */
export function fileEditOf(before: Uint8Array, after: Uint8Array, since: string, prefix = commonPrefix(before, after), margin = EDIT_MARGIN): FileEdit {
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  const windowStart = Math.max(0, prefix - margin);
  const windowEnd = Math.min(after.length, after.length - suffix + margin);
  // Ending with a whole line, never within a character; unless it has no line end after the change.
  const lineEnd = windowEnd < after.length ? after.subarray(0, windowEnd).lastIndexOf(0x0a) + 1 : windowEnd;
  // A copy, of its own buffer: it is handed to another thread, and `after`'s is used again.
  const window = new Uint8Array(after.subarray(windowStart, lineEnd > after.length - suffix ? lineEnd : windowEnd));
  return { since, size: after.length, sizeBefore: before.length, prefix, suffix, window, windowStart };
}

/** Bytes compared at once, natively, before the first difference is looked for byte by byte. */
const COMPARE_BLOCK = 1 << 16;

/** How many bytes the two start with alike. */
export function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  let at = 0;
  while (at < length && Buffer.compare(a.subarray(at, Math.min(at + COMPARE_BLOCK, length)), b.subarray(at, Math.min(at + COMPARE_BLOCK, length))) === 0) at += COMPARE_BLOCK;
  at = Math.min(at, length);
  while (at < length && a[at] === b[at]) at++;
  return at;
}

/** How many bytes, at most `most`, the two end with alike. */
function commonSuffix(a: Uint8Array, b: Uint8Array, most: number): number {
  const tail = (bytes: Uint8Array, from: number, to: number) => bytes.subarray(bytes.length - to, bytes.length - from);
  let n = 0;
  while (n < most && Buffer.compare(tail(a, n, Math.min(n + COMPARE_BLOCK, most)), tail(b, n, Math.min(n + COMPARE_BLOCK, most))) === 0) n += COMPARE_BLOCK;
  n = Math.min(n, most);
  while (n < most && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
