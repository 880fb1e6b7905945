// The file thread: reads and hashes library files and keeps the large ones between reads.
import { parentPort } from 'node:worker_threads';
import { KeptFiles } from './keptFiles';
import type { FileReply, FileRequest } from './fileMessages';

/**
 * The extension host's file thread: it reads and hashes library files, keeps the large ones
 * it will be asked for edits of (see `KeptFiles`), and hands bytes over without a copy. In the
 * busy host, reading and hashing a large file held turns of its event loop and slices of its
 * thread that the user's work needs (see test/bench/README.md).
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
