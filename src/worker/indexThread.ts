// The host's side of the index thread: an index searcher per library, and a library's themes made there.
import type { Worker } from 'node:worker_threads';
import type { IndexSearcher, IndexUpdate } from '../core/model/libraryView';
import type { BaseThemes } from '../core/model/libraryCache';
import type { PaperEntry } from '../core/model/paper';
import type { IndexedPaper } from '../core/search/searchIndex';
import type { ThemeDefinition } from '../core/search/themes';
import type { NamedDocument } from '../core/themes/themeNaming';
import { finishInSlices, mapWork, type Work } from '../core/work/slices';
import type { AnsweredRequest, IndexAnswers, IndexReply, IndexRequest, SavedIndex } from './indexMessages';
import { startThread } from './thread';

/** Papers per message: few enough that structured-cloning one message stays well within a slice. */
const PAPERS_PER_MESSAGE = 1000;

/**
 * What theming reads of an entry, and no more: the rest need not be copied to the thread. Of
 * the CSL item, its title alone: naming reads there the words the entry protects, as written.
 */
function themeDocument({ title, abstract, keywords, venue, authors, csl }: PaperEntry): NamedDocument {
  return { title, abstract, keywords, venue, authors, csl: csl?.title === undefined ? undefined : { title: csl.title } };
}

type Waiting = { resolve(value: unknown): void; reject(error: Error): void };

/**
 * The host's side of the index thread (`indexWorker.ts`): each library's search index is
 * restored or built there, and searched there, through `IndexSearcher`s. An index is dropped
 * there once its library, which holds the searcher, is collected here.
 */
export class IndexThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private nextIndex = 0;
  private nextBatch = 0;
  private failure?: Error;
  private readonly collected = new FinalizationRegistry<number>((index) => this.post({ kind: 'drop', index }));
  /** Each searcher's index number. */
  private readonly numbers = new WeakMap<IndexSearcher, number>();

  constructor(script: string) {
    this.worker = startThread<IndexReply>(script, 'index', (reply) => this.settle(reply), (error) => this.fail(error));
  }

  /** Why the thread can no longer answer, once it cannot. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * The index saved in `file`, if it was saved for the content `contentHash` gives: restored
   * while the caller works that out, as most loads are of the library it was saved from.
   */
  async restore(file: string, contentHash: PromiseLike<string | undefined>): Promise<IndexSearcher | undefined> {
    const index = this.nextIndex++;
    const [savedFor, wanted] = await Promise.all([this.ask({ kind: 'restore', index, file }), contentHash]);
    if (savedFor !== null && savedFor === wanted) return this.searcher(index);
    this.post({ kind: 'drop', index });
    return undefined;
  }

  /** An index of the papers, sent a thousand at a time between slices of the host's thread; saved to `saveTo` once built. */
  async build(papers: readonly IndexedPaper[], saveTo?: SavedIndex): Promise<IndexSearcher> {
    const index = this.nextIndex++;
    await finishInSlices(this.send(index, papers), 'first');
    await this.ask({ kind: 'build', index, saveTo });
    return this.searcher(index);
  }

  /**
   * The index of a library an update made (see `PaperLibrary.indexUpdate`), made of the earlier
   * library's: undefined when that index is not this thread's, or no longer the current one.
   */
  async update({ from, laterOf, earlierOf, added }: IndexUpdate, saveTo?: SavedIndex): Promise<IndexSearcher | undefined> {
    const earlier = this.numbers.get(from);
    if (earlier === undefined) return undefined;
    const index = this.nextIndex++;
    await finishInSlices(this.send(index, added), 'first');
    return (await this.ask({ kind: 'update', index, from: earlier, laterOf, earlierOf, saveTo })) ? this.searcher(index) : undefined;
  }

  /**
   * The entries' themes as `themeLibrary` makes them from `definitions`, made in the thread:
   * the entries sent a thousand at a time between slices of the host's thread, as the text
   * theming reads of them; `named` as `themeLibrary` takes it.
   */
  async theme(entries: readonly PaperEntry[], definitions: readonly ThemeDefinition[], named?: readonly boolean[]): Promise<BaseThemes> {
    const batch = this.nextBatch++;
    const docs = await finishInSlices(mapWork(entries, themeDocument), 'first');
    await finishInSlices(
      this.inParts(docs, (part) => this.post({ kind: 'addThemed', batch, docs: part })),
      'first',
    );
    const { themes, themeOf } = await this.ask({ kind: 'theme', batch, definitions, named });
    const names = await finishInSlices(mapWork(Array.from(themeOf), (t) => themes[t].name), 'first');
    return { themes, names };
  }

  dispose(): void {
    void this.worker.terminate();
  }

  private send(index: number, papers: readonly IndexedPaper[]): Work<void> {
    return this.inParts(papers, (part) => this.post({ kind: 'add', index, papers: part }));
  }

  /** Hands `items` to `post` a message's worth at a time, pausing between. */
  private *inParts<T>(items: readonly T[], post: (part: readonly T[]) => void): Work<void> {
    for (let at = 0; at < items.length; at += PAPERS_PER_MESSAGE) {
      post(items.slice(at, at + PAPERS_PER_MESSAGE));
      yield;
    }
  }

  private searcher(index: number): IndexSearcher {
    const searcher: IndexSearcher = { search: (query, limit, within) => this.ask({ kind: 'search', index, query, limit, within }) };
    this.collected.register(searcher, index);
    this.numbers.set(searcher, index);
    return searcher;
  }

  private ask<K extends AnsweredRequest['kind']>(request: { readonly kind: K } & Omit<Extract<AnsweredRequest, { kind: K }>, 'id'>): Promise<IndexAnswers[K]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ ...request, id } as unknown as IndexRequest);
    });
  }

  private post(request: IndexRequest): void {
    if (!this.failure) this.worker.postMessage(request);
  }

  private settle(reply: IndexReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.value);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }
}
