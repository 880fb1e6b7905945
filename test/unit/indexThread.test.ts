import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PaperLibrary } from '../../src/core/library';
import { finish } from '../../src/core/slices';
import { IndexThread } from '../../src/worker/indexThread';
import { loadSeedLibrary, seedEntries, seedSource, seedThemes, withTypo } from './seedLibrary';
import { inTempFolder } from './tempFolder';

/** The thread's script bundled as the extension's build bundles it: a worker thread runs JavaScript. */
function bundledWorker(folder: string): string {
  const outfile = path.join(folder, 'indexWorker.js');
  buildSync({ entryPoints: ['src/worker/indexWorker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  return outfile;
}

const library = loadSeedLibrary();
/** The same papers, catalogued but not indexed, as the host has them when it asks the thread. */
const papers = finish(finish(PaperLibrary.catalogue({ sources: [seedSource], entries: seedEntries, diagnostics: [] }, { themes: seedThemes })).indexedPapers());
const queries = [...library.papers.filter((_, i) => i % 9 === 0).flatMap((p) => [p.title, withTypo(p.title), p.title.slice(0, 14)]), 'robot', 'limo', 'the of and'];

/** What the library searching its own index answers, by position, score and matched words. */
async function hereAnswers(): Promise<unknown[]> {
  return Promise.all(queries.map(async (q) => (await library.search(q, 10)).map((r) => [library.papers.indexOf(r.paper), r.score.toFixed(9)])));
}

describe('the index thread', () => {
  let thread: IndexThread;
  let scriptFolder: string;
  before(() => (scriptFolder = mkdtempSync(path.join(tmpdir(), 'index-worker-'))));
  after(() => rmSync(scriptFolder, { recursive: true, force: true }));
  beforeEach(() => (thread = new IndexThread(bundledWorker(scriptFolder))));
  afterEach(() => thread.dispose());

  it('builds an index that answers as the one built in this thread, saves it, and restores it for the same content only', () =>
    inTempFolder('index-thread-', async (folder) => {
      const saveTo = { file: path.join(folder, 'search-index.cache'), contentHash: library.contentHash };
      const built = await thread.build(papers, saveTo);
      const answers = (searcher: typeof built) => Promise.all(queries.map(async (q) => (await searcher.search(q, 10)).map((h) => [h.id, h.score.toFixed(9)])));
      assert.deepEqual(await answers(built), await hereAnswers());
      for (let tries = 0; !existsSync(saveTo.file); tries++) {
        assert.ok(tries < 200, 'the built index to be saved');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const restored = await thread.restore(saveTo.file, Promise.resolve(library.contentHash));
      assert.ok(restored, 'restored from the file it was saved to');
      assert.deepEqual(await answers(restored), await hereAnswers());
      assert.equal(await thread.restore(saveTo.file, Promise.resolve('another library')), undefined);
      assert.equal(await thread.restore(saveTo.file, Promise.resolve(undefined)), undefined, 'a load that found no library');
      assert.equal(await thread.restore(path.join(folder, 'not-saved'), Promise.resolve(library.contentHash)), undefined);
      const damaged = path.join(folder, 'damaged.cache');
      writeFileSync(damaged, readFileSync(saveTo.file).subarray(0, 5000));
      assert.equal(await thread.restore(damaged, Promise.resolve(library.contentHash)), undefined, 'a file cut short');
    }));

  it('rejects what it is asked, saying why, once the thread cannot run', async () => {
    const broken = new IndexThread(path.resolve('no-such-worker.js'));
    await assert.rejects(broken.build(papers), /no-such-worker|Cannot find module|index thread stopped/);
    assert.ok(broken.failed);
    await assert.rejects(broken.restore('x', Promise.resolve('y')));
    broken.dispose();
  });
});
