// The file thread's kept files: each large library file's last version, to read the next as an edit.
import { createHash, type Hash } from 'node:crypto';
import { fileEditOf, commonPrefix, type FileEdit } from '../core/formats/fileEdit';
import { readWholeFile } from '../node/textFile';

/**
 * What is wanted of a file: its bytes (nothing kept); only their SHA-256 (what is kept stays);
 * an edit of the version of hash `since` when that is the one kept, else the bytes, and the file
 * kept for the next; or only that it be kept, unless the version of `hash` is.
 */
export type FileWant = { readonly kind: 'bytes' } | { readonly kind: 'hash' } | { readonly kind: 'edit'; readonly since?: string } | { readonly kind: 'keep'; readonly hash: string };

/** A file read: its SHA-256, with its bytes or an edit of the version kept, as asked. */
export interface FileRead {
  readonly hash: string;
  readonly bytes?: Uint8Array;
  readonly edit?: FileEdit;
}

/** Bytes hashed between two saved states of the hash: an edit near the end of a file is hashed from the state before it. */
const HASH_STEP = 8 << 20;

interface KeptFile {
  /** The version kept, at the start of a buffer that may be longer. */
  readonly bytes: Uint8Array;
  readonly hash: string;
  /** The SHA-256 states after each `HASH_STEP` bytes: `states[k]` after `k` steps. */
  readonly states: readonly Hash[];
  /** The buffer for the next version: the one before's. */
  readonly spare: Uint8Array;
}

/**
 * Library files as last read, kept by the file thread so that the next read of one is told
 * as an edit (`FileEdit`) and hashed from where it changed. Memory used for the first time is
 * slow, and hashing a large file whole is too: a buffer used before is read into, and only the
 * changed end is hashed (see test/bench/README.md).
 */
export class KeptFiles {
  private readonly kept = new Map<string, KeptFile>();
  /** Reads run one at a time: each may use the buffer the one before freed. */
  private queue: Promise<unknown> = Promise.resolve();

  /** The file read as `want` says; the bytes handed over, if any, are the caller's. */
  read(file: string, want: FileWant): Promise<FileRead> {
    const read = this.queue.then(() => this.readNow(file, want));
    this.queue = read.catch(() => undefined);
    return read;
  }

  private async readNow(file: string, want: FileWant): Promise<FileRead> {
    try {
      return await this.readKept(file, want);
    } catch (error) {
      this.kept.delete(file); // deleted, perhaps: a file read again is kept again
      throw error;
    }
  }

  private async readKept(file: string, want: FileWant): Promise<FileRead> {
    const kept = this.kept.get(file);
    if (want.kind === 'bytes' || (want.kind === 'edit' && (!kept || kept.hash !== want.since))) {
      const bytes = await readWholeFile(file);
      const { hash } = hashed(bytes);
      // Kept once handed over, read again: a copy would be memory used for the first time, on the host's wait.
      if (want.kind === 'edit') void this.read(file, { kind: 'keep', hash }).catch(() => undefined);
      return { hash, bytes };
    }
    if (want.kind === 'keep' && kept?.hash === want.hash) return { hash: kept.hash };
    const bytes = await readWholeFile(file, (size) => (kept && kept.spare.length >= size ? kept.spare : Buffer.allocUnsafeSlow(size + (size >> 3))));
    const prefix = kept ? commonPrefix(kept.bytes, bytes) : 0;
    const { hash, states } = hashed(bytes, kept && { states: kept.states, prefix });
    if (want.kind === 'hash') return { hash };
    // The first time, a spare buffer is touched now, in the background, rather than at the next edit.
    const spare = kept ? new Uint8Array(kept.bytes.buffer) : Buffer.allocUnsafeSlow(bytes.buffer.byteLength).fill(0);
    this.kept.set(file, { bytes, hash, states, spare });
    return kept && want.kind === 'edit' ? { hash, edit: fileEditOf(kept.bytes, bytes, kept.hash, prefix) } : { hash };
  }
}

/** The bytes' SHA-256, from the state after `from.prefix` bytes alike with those `from.states` were saved for. */
function hashed(bytes: Uint8Array, from?: { readonly states: readonly Hash[]; readonly prefix: number }): { hash: string; states: Hash[] } {
  const steps = from ? Math.min(Math.floor(from.prefix / HASH_STEP), from.states.length - 1) : 0;
  const states = from ? from.states.slice(0, steps + 1) : [createHash('sha256')];
  // The saved states are never updated, only copied: they are shared with the version before.
  const hash = states[steps].copy();
  let at = steps * HASH_STEP;
  for (; at + HASH_STEP <= bytes.length; at += HASH_STEP) {
    hash.update(bytes.subarray(at, at + HASH_STEP));
    states.push(hash.copy());
  }
  return { hash: hash.update(bytes.subarray(at)).digest('hex'), states };
}
