import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PaperIndex, restoreIndexFile, saveIndexFile, type IndexedPaper } from '../core/searchIndex';
import { finishInSlices } from '../core/slices';
import { encodedInSlices, readTextInSlices, replaceFile } from '../core/textFile';
import type { AnsweredRequest, IndexAnswers, IndexReply, IndexRequest, SavedIndex } from './indexMessages';

/**
 * The extension host's index thread: it restores, builds, searches and saves the libraries'
 * search indexes, so that none of it holds the host's own thread. At 100,000 papers restoring
 * an index takes more than half a second, building one five, and a search up to a tenth of a
 * second; and the index's millions of small objects made the host's garbage collector pause
 * for up to 50 ms.
 */
const indexes = new Map<number, PaperIndex>();
const adding = new Map<number, IndexedPaper[]>();

/** Restores and builds run in slices too, so that the library shown meanwhile is still searched. */
async function answer(request: AnsweredRequest): Promise<IndexAnswers[AnsweredRequest['kind']]> {
  switch (request.kind) {
    case 'restore':
      return restore(request.index, request.file);
    case 'build': {
      const papers = adding.get(request.index) ?? [];
      adding.delete(request.index);
      const index = await finishInSlices(PaperIndex.build(papers));
      indexes.set(request.index, index);
      if (request.saveTo) void save(index, request.saveTo);
      return true;
    }
    case 'search': {
      const index = indexes.get(request.index);
      if (!index) throw new Error(`no index ${request.index}: it was dropped`);
      return index.search(request.query, request.limit);
    }
  }
}

/** The index saved in `file`, kept as index `at`; the content it was made from, or null when there is none to restore. */
async function restore(at: number, file: string): Promise<string | null> {
  const text = await readTextInSlices(file).catch(() => undefined); // not saved yet
  const restored = text && (await finishInSlices(restoreIndexFile(text)));
  if (restored) indexes.set(at, restored.index);
  return restored ? restored.contentHash : null;
}

/** Best effort, in slices, so that searches are answered meanwhile: a file not written only costs the next session a build. */
async function save(index: PaperIndex, { file, contentHash }: SavedIndex): Promise<void> {
  try {
    await replaceFile(file, await encodedInSlices(saveIndexFile(index, contentHash)));
  } catch {
    // The next session builds the index again.
  }
}

function handle(request: IndexRequest): void {
  if (request.kind === 'add') return void (adding.get(request.index) ?? adding.set(request.index, []).get(request.index)!).push(...request.papers);
  if (request.kind === 'drop') return void indexes.delete(request.index);
  const reply = (message: IndexReply) => parentPort!.postMessage(message);
  answer(request).then(
    (value) => reply({ id: request.id, value }),
    (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
}

/**
 * Below the host's thread, which then gets a CPU first when both want one: on two cores shared
 * with VS Code's other processes, the host's thread otherwise waited for one for tens of
 * milliseconds while the index was restored. Linux only (a thread's own nice value); elsewhere
 * it runs at the host's priority.
 */
function yieldToTheHost(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // Not Linux: no per-thread priority to set.
  }
}

yieldToTheHost();
parentPort!.on('message', handle);
