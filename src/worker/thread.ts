// Starts a worker thread that never keeps the process alive.
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `script`, which never keeps a process (the CLI's, a test's) running:
 * its replies go to `settle`, and `fail` hears why it stops, if it does.
 */
export function startThread<Reply>(script: string, name: string, settle: (reply: Reply) => void, fail: (error: Error) => void): Worker {
  const worker = new Worker(script);
  worker.unref();
  worker.on('message', settle);
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the ${name} thread stopped (exit code ${code})`)));
  return worker;
}
