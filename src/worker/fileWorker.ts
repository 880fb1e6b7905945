import { parentPort } from 'node:worker_threads';
import { KeptFiles } from './keptFiles';
import type { FileReply, FileRequest } from './fileMessages';

/**
 * The extension host's file thread: it reads and hashes library files, keeps the large ones
 * it will be asked for edits of (see `KeptFiles`), and hands bytes over without a copy. In the
 * busy host, reading and hashing a 30 MB file took 0.5–0.6 s of turns of its event loop and
 * slices of its thread.
 */
const files = new KeptFiles();

parentPort!.on('message', async ({ id, file, want }: FileRequest) => {
  try {
    const read = await files.read(file, want);
    const handedOver = [read.bytes, read.edit?.window].flatMap((bytes) => (bytes ? [bytes.buffer as ArrayBuffer] : []));
    parentPort!.postMessage({ id, ...read } satisfies FileReply, handedOver);
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    parentPort!.postMessage({ id, error: { message, code } } satisfies FileReply);
  }
});
