// Each library's search index and first themes, made in the index thread, or in the host's thread if that fails.
import * as path from 'node:path';
import type vscode = require('vscode');
import type { LibraryContent } from '../core/formats/libraryContent';
import { namedByDefinitions, PaperLibrary, type LibraryOptions } from '../core/model/library';
import type { BaseThemes } from '../core/model/libraryCache';
import type { IndexSearcher } from '../core/model/libraryView';
import { finishInSlices } from '../core/work/slices';
import { IndexThread } from '../worker/indexThread';

/** Kept by the index thread, which restores it: the host's thread never reads it. */
const SEARCH_INDEX_CACHE = 'search-index.cache';

/**
 * Each library's search index, made in the index thread (`IndexThread`): restored from the
 * cache, else built of what the host's thread sends it. Should the thread fail, the index is
 * made in the host's thread, in slices, and the next load starts another thread.
 */
export class LibraryIndexer implements vscode.Disposable {
  private thread?: IndexThread;

  constructor(
    /** The index thread's bundle. */
    private readonly script: string,
    private readonly cacheDir: string | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * The index the cache holds, if saved for the content `contentHash` gives (undefined for a
   * load that found no library); undefined too when the thread fails (`make` then finds out).
   */
  async restore(contentHash: Promise<string | undefined>): Promise<IndexSearcher | undefined> {
    const file = this.cachedIndex();
    return file === undefined ? undefined : this.current().restore(file, contentHash).catch(() => undefined);
  }

  /** Gives the library its index: `restoring`'s, else the earlier library's updated (see `PaperLibrary.indexUpdate`), else one built of its papers. */
  async make(library: PaperLibrary, restoring: Promise<IndexSearcher | undefined>): Promise<void> {
    try {
      const restored = await restoring;
      const file = this.cachedIndex();
      const saveTo = file === undefined ? undefined : { file, contentHash: library.contentHash };
      const update = library.indexUpdate;
      const updated = !restored && update ? await this.current().update(update, saveTo) : undefined;
      // The papers' terms before the note scanner and completion's tables, made from the same library meanwhile: search is what a user waits on.
      const built = restored ?? updated ?? (await this.current().build(await finishInSlices(library.indexedPapers(), 'first'), saveTo));
      library.useIndex(built, restored !== undefined);
    } catch (error) {
      this.log.warn(`The search index could not be made in its own thread (${(error as Error).message}); it is made in the extension host's thread instead.`);
      await finishInSlices(library.makeIndex(), 'first');
    }
  }

  /**
   * The themes of a library the catalogue would theme afresh (see `PaperLibrary.themedAfresh`),
   * made in the index thread; undefined for one it would not, or when the thread fails: the
   * catalogue then themes its papers in the host's thread, in slices.
   */
  async themes(content: LibraryContent, options: LibraryOptions): Promise<BaseThemes | undefined> {
    if (!content.entries.length || !(await finishInSlices(PaperLibrary.themedAfresh(content, options), 'first'))) return undefined;
    try {
      return await this.current().theme(content.entries, options.themes, namedByDefinitions(content.entries, options));
    } catch (error) {
      this.log.warn(`The themes could not be found in the index thread (${(error as Error).message}); they are found in the extension host's thread instead.`);
      return undefined;
    }
  }

  dispose(): void {
    this.thread?.dispose();
  }

  private cachedIndex(): string | undefined {
    return this.cacheDir && path.join(this.cacheDir, SEARCH_INDEX_CACHE);
  }

  private current(): IndexThread {
    if (!this.thread || this.thread.failed) this.thread = new IndexThread(this.script);
    return this.thread;
  }
}
