import type { Worker } from 'node:worker_threads';
import { hashesWork, type LibrarySource } from '../core/libraryContent';
import { finishInSlices } from '../core/slices';
import { readWholeFile } from '../core/textFile';
import type { FileReply } from './fileMessages';
import { startThread } from './thread';

type Waiting = { resolve(source: LibrarySource): void; reject(error: Error): void; file: string };

/**
 * The host's side of the file thread (`fileWorker.ts`): library files read whole and hashed
 * there, off the host's thread. Should the thread fail, files are read and hashed here, in slices.
 */
export class FileThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure?: Error;

  constructor(script: string) {
    this.worker = startThread<FileReply>(script, 'file', (reply) => this.settle(reply), (error) => this.fail(error));
  }

  /** Why the thread no longer reads, once it does not. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** The file's bytes, with their SHA-256 (see `hashesWork`); rejects as reading it here would, with its error code. */
  read(file: string): Promise<LibrarySource> {
    if (this.failure) return readHere(file);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, file });
      this.worker.postMessage({ id, file });
    });
  }

  dispose(): void {
    void this.worker.terminate();
  }

  private settle(reply: FileReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (!waiting) return;
    if ('bytes' in reply) return waiting.resolve({ file: waiting.file, bytes: reply.bytes, hash: reply.hash });
    waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  }

  /** What was asked of a thread that failed is read here. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const { resolve, reject, file } of this.waiting.values()) readHere(file).then(resolve, reject);
    this.waiting.clear();
  }
}

async function readHere(file: string): Promise<LibrarySource> {
  const bytes = await readWholeFile(file);
  const [hash] = await finishInSlices(hashesWork([{ file, bytes }]));
  return { file, bytes, hash };
}
