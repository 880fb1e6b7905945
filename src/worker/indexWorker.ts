// The index thread: restores, builds, updates, searches and saves the search indexes, and themes a library made afresh.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { PaperIndex, restoreIndexFile, saveIndexFile, type IndexedPaper } from '../core/search/searchIndex';
import { themeLibrary } from '../core/themes/libraryThemes';
import type { NamedDocument } from '../core/themes/themeNaming';
import { finishInSlices, type Work } from '../core/work/slices';
import { encodedInSlices, readTextInSlices, replaceFile } from '../node/textFile';
import type { AnsweredRequest, IndexAnswers, IndexReply, IndexRequest, SavedIndex, ThreadTheming } from './indexMessages';

/**
 * The extension host's index thread: it restores, builds, searches and saves the libraries'
 * search indexes, so that none of it holds the host's own thread. For a large library,
 * restoring, building and searching an index each take far longer than one slice, and the
 * index's millions of small objects made the host's garbage collector pause too
 * (see test/bench/README.md).
 */
const indexes = new Map<number, IndexView>();
const adding = new Map<number, IndexedPaper[]>();
/** The documents sent to be themed, by batch. */
const toTheme = new Map<number, NamedDocument[]>();
/** Updates made so far: a save that an update overtakes is given up (it would save papers half moved). */
let updates = 0;

/**
 * A library's index. An update (see `PaperIndex.moveTo`) makes an index another library's;
 * the libraries it was made for before still search it, through where each paper is now
 * (`fromCurrent`: by current place, its place in theirs, -1 for a paper they lack).
 */
interface IndexView {
  readonly index: PaperIndex;
  fromCurrent?: Int32Array;
}

/** Restores and builds run in slices too, so that the library shown meanwhile is still searched. */
async function answer(request: AnsweredRequest): Promise<IndexAnswers[AnsweredRequest['kind']]> {
  switch (request.kind) {
    case 'restore':
      return restore(request.index, request.file);
    case 'build': {
      const papers = adding.get(request.index) ?? [];
      adding.delete(request.index);
      const index = await finishInSlices(PaperIndex.build(papers));
      indexes.set(request.index, { index });
      if (request.saveTo) void save(index, request.saveTo);
      return true;
    }
    case 'update':
      return update(request);
    case 'theme':
      return theme(request);
    case 'search': {
      const view = indexes.get(request.index);
      if (!view) throw new Error(`no index ${request.index}: it was dropped`);
      const theirs = view.fromCurrent;
      // `within` is by the asking library's positions; the index's are the current library's.
      const within = request.within && theirs ? Uint8Array.from(theirs, (at) => (at >= 0 ? request.within![at] : 0)) : request.within;
      const hits = view.index.search(request.query, request.limit, within);
      return theirs ? hits.filter((hit) => theirs[hit.id] >= 0).map((hit) => ({ ...hit, id: theirs[hit.id] })) : hits;
    }
  }
}

/**
 * The themes of a library made afresh, found from its papers (see `themeLibrary`): for a large
 * library the longest work of its first load, in slices so that searches are answered meanwhile.
 */
async function theme({ batch, definitions, named }: Extract<AnsweredRequest, { kind: 'theme' }>): Promise<ThreadTheming> {
  const docs = toTheme.get(batch) ?? [];
  toTheme.delete(batch);
  const { themes, names } = await finishInSlices(themeLibrary(docs, definitions, named));
  const position = new Map(themes.map((t, i) => [t.name, i]));
  return { themes, themeOf: Int32Array.from(names, (name) => position.get(name)!) };
}

/** Index `from`, made the index of the library an update made (see `PaperIndex.moveTo`), kept as index `at`; false when it is not the current one. */
async function update({ from, index: at, laterOf, earlierOf, saveTo }: Extract<AnsweredRequest, { kind: 'update' }>): Promise<boolean> {
  const added = adding.get(at) ?? [];
  adding.delete(at);
  const view = indexes.get(from);
  if (!view || view.fromCurrent) return false;
  updates++;
  await finishInSlices(view.index.moveTo(laterOf));
  // At once, before any search: the earlier libraries' papers are where they were for them.
  for (const other of indexes.values()) {
    if (other.index !== view.index) continue;
    const theirs = other.fromCurrent;
    other.fromCurrent = theirs ? earlierOf.map((earlier) => (earlier < 0 ? -1 : theirs[earlier])) : earlierOf;
  }
  await finishInSlices(view.index.add(added));
  indexes.set(at, { index: view.index });
  // Saved once vacuumed, which is long for a large library: searches are answered meanwhile.
  const vacuumed = view.index.vacuum();
  if (saveTo) void vacuumed.then(() => save(view.index, saveTo));
  return true;
}

/** The index saved in `file`, kept as index `at`; the content it was made from, or null when there is none to restore. */
async function restore(at: number, file: string): Promise<string | null> {
  const text = await readTextInSlices(file, undefined, undefined, true).catch(() => undefined); // not saved yet, or damaged
  // A saved index that passes its checksum but still does not hold together is no index either.
  const restored = text && (await finishInSlices(restoreIndexFile(text)).catch(() => undefined));
  if (restored) indexes.set(at, { index: restored.index });
  return restored ? restored.contentHash : null;
}

/** Best effort, in slices, so that searches are answered meanwhile: a file not written only costs the next session a build. */
async function save(index: PaperIndex, { file, contentHash }: SavedIndex): Promise<void> {
  try {
    await replaceFile(file, await encodedInSlices(unlessUpdated(saveIndexFile(index, contentHash)), true));
  } catch {
    // The next session builds the index again.
  }
}

/** The work, given up once an index is updated meanwhile. */
function* unlessUpdated<T>(work: Work<T>): Work<T> {
  const before = updates;
  for (;;) {
    if (updates !== before) throw new Error('an update overtook it');
    const step = work.next();
    if (step.done) return step.value;
    yield;
  }
}

/** What the host sends a part at a time, gathered by the number it is sent under. */
function appendTo<T>(gathered: Map<number, T[]>, at: number, items: readonly T[]): void {
  (gathered.get(at) ?? gathered.set(at, []).get(at)!).push(...items);
}

function handle(request: IndexRequest): void {
  if (request.kind === 'add') return appendTo(adding, request.index, request.papers);
  if (request.kind === 'drop') return void indexes.delete(request.index);
  if (request.kind === 'addThemed') return appendTo(toTheme, request.batch, request.docs);
  const reply = (message: IndexReply) => parentPort!.postMessage(message);
  answer(request).then(
    (value) => reply({ id: request.id, value }),
    (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
}

/**
 * Below the host's thread, which then gets a CPU first when both want one: on two cores shared
 * with VS Code's other processes, the host's thread otherwise waited for one, longer than a
 * slice, while the index was restored. Linux only (a thread's own nice value); elsewhere
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
