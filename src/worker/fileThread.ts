// The host's side of the file thread: asks it to read, hash and keep library files.
import type { Worker } from 'node:worker_threads';
import type { EditedSource, LibrarySource } from '../core/formats/libraryContent';
import { KeptFiles, type FileRead, type FileWant } from './keptFiles';
import type { FileReply } from './fileMessages';
import { startThread } from './thread';

type Waiting = { resolve(read: FileRead): void; reject(error: Error): void; file: string; want: FileWant };

/**
 * The host's side of the file thread (`fileWorker.ts`): library files read and hashed there,
 * off the host's thread, the large ones kept there to be read as edits. Should the thread
 * fail, files are read here, as there.
 */
export class FileThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure?: Error;
  private here?: KeptFiles;

  constructor(script: string) {
    this.worker = startThread<FileReply>(script, 'file', (reply) => this.settle(reply), (error) => this.fail(error));
  }

  /** Why the thread no longer reads, once it does not. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * The file's bytes, with their SHA-256 (see `hashesWork`); rejects as reading it here would,
   * with its error code. The thread keeps the file for `readEdit` if asked to.
   */
  async read(file: string, keep = false): Promise<Required<LibrarySource>> {
    const { hash, bytes } = await this.ask(file, keep ? { kind: 'edit' } : { kind: 'bytes' });
    return { file, hash, bytes: bytes! };
  }

  /** The file as an edit of the version of hash `since`, if the thread kept that one; else its bytes. The thread keeps it for the next. */
  async readEdit(file: string, since: string | undefined): Promise<Required<LibrarySource> | EditedSource> {
    const { hash, bytes, edit } = await this.ask(file, { kind: 'edit', since });
    return edit ? { file, hash, edit } : { file, hash, bytes: bytes! };
  }

  /** The file's SHA-256: what the thread keeps stays. */
  async hash(file: string): Promise<string> {
    return (await this.ask(file, { kind: 'hash' })).hash;
  }

  /** Has the thread keep the file, for `readEdit`, unless it keeps the version of `hash`. */
  async keep(file: string, hash: string): Promise<void> {
    await this.ask(file, { kind: 'keep', hash });
  }

  dispose(): void {
    void this.worker.terminate();
  }

  private ask(file: string, want: FileWant): Promise<FileRead> {
    if (this.failure) return this.readHere(file, want);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, file, want });
      this.worker.postMessage({ id, file, want });
    });
  }

  private settle(reply: FileReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (!waiting) return;
    if ('error' in reply) return waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    waiting.resolve(reply);
  }

  /** What was asked of a thread that failed is read here. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const { resolve, reject, file, want } of this.waiting.values()) this.readHere(file, want).then(resolve, reject);
    this.waiting.clear();
  }

  private readHere(file: string, want: FileWant): Promise<FileRead> {
    return (this.here ??= new KeptFiles()).read(file, want);
  }
}
