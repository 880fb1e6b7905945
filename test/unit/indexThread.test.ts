import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PaperLibrary } from '../../src/core/model/library';
import { ParsedFiles, readLibrary } from '../../src/core/formats/libraryContent';
import { PaperIndex, type IndexHit } from '../../src/core/search/searchIndex';
import { generatePapers } from '../bench/generateLibrary';
import { themeLibrary } from '../../src/core/themes/libraryThemes';
import { finish } from '../../src/core/work/slices';
import { IndexThread } from '../../src/worker/indexThread';
import { loadSeedLibrary, seedEntries, seedFormat, seedSource, seedThemes, withTypo } from './seedLibrary';
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

async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !done(); tries++) {
    assert.ok(tries < 200, what);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
      await eventually(() => existsSync(saveTo.file), 'the built index to be saved');
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

  it('updates an index for the library an update made: it answers as one built of that library, and the earlier library still finds its own papers', () =>
    inTempFolder('index-update-', async (folder) => {
    const generated = generatePapers(seedEntries, 300, 11);
    const added = { title: 'Robot Arms That Learn To Stack Blocks', abstract: 'A robot arm learns to stack blocks from demonstrations.' };
    const parsed = new ParsedFiles();
    const read = (papers: readonly { title: string; abstract: string }[]) => readLibrary([seedSource, { file: 'generated.txt', bytes: seedFormat(papers) }], parsed);
    const earlier = finish(PaperLibrary.catalogue(await read(generated), { themes: seedThemes }));
    const earlierPapers = finish(earlier.indexedPapers());
    earlier.useIndex(await thread.build(earlierPapers), false);
    // One paper removed, so that every later one moves up; one added at the end.
    const library = finish(PaperLibrary.catalogue(await read([...generated.filter((_, i) => i !== 5), added]), { themes: seedThemes, earlier }));
    const update = library.indexUpdate;
    assert.ok(update, 'an update of an index kept in the thread');
    const saveTo = { file: path.join(folder, 'search-index.cache'), contentHash: library.contentHash };
    const updated = await thread.update(update, saveTo);
    assert.ok(updated);
    const expected = finish(
      PaperIndex.build([...earlierPapers.flatMap((p) => (update.laterOf[p.id] < 0 ? [] : [{ ...p, id: update.laterOf[p.id] }])), ...update.added].sort((a, b) => a.id - b.id)),
    );
    const queries = [...library.papers.filter((_, i) => i % 7 === 0).flatMap((p) => [p.title, withTypo(p.title)]), added.title, 'robot stack', 'graph'];
    for (const query of queries) assert.equal((await updated.search(query, 1))[0]?.id, expected.search(query, 1)[0]?.id, query);
    // Once saved, it is vacuumed: what it held of the removed paper no longer counts. To nine
    // digits: the lengths the index averages are summed in another order.
    await eventually(() => existsSync(saveTo.file), 'the updated index to be saved');
    const rounded = (hits: readonly IndexHit[]) => hits.map((hit) => ({ ...hit, score: hit.score.toPrecision(9) }));
    for (const query of queries) assert.deepEqual(rounded(await updated.search(query, 10)), rounded(expected.search(query, 10)), query);
    const restored = await thread.restore(saveTo.file, Promise.resolve(library.contentHash));
    assert.ok(restored);
    // Its words' order aside, which a restored index's terms give in another order.
    const ranked = (hits: readonly IndexHit[]) => hits.map((hit) => [hit.id, hit.score.toPrecision(9)]);
    for (const query of queries) assert.deepEqual(ranked(await restored.search(query, 10)), ranked(expected.search(query, 10)), query);
    assert.equal(library.papers[(await updated.search(added.title, 1))[0].id].title, added.title);
    const moved = generated[200].title;
    assert.equal(library.papers[(await updated.search(moved, 1))[0].id].title, moved);
    assert.equal((await earlier.search(moved, 1))[0].paper.title, moved, 'the earlier library finds it at its own place');
    assert.ok(!(await earlier.search(added.title, 20)).some((r) => r.paper.title === added.title), 'not a paper of the earlier library');
    assert.equal(await thread.update(update), undefined, 'an index no longer the current one is not updated again');
  }));

  it('themes a library as this thread does: real cryptography and physics bibliographies beside the seed papers', async () => {
    const mixed = await readLibrary([seedSource, ...['zkp.bib', 'libbib-crypto.bib', 'tenpy-physics.bib'].map((name) => ({ file: `test/fixtures/themes/${name}`, bytes: readFileSync(`test/fixtures/themes/${name}`) }))]);
    for (const definitions of [seedThemes, []]) {
      const here = finish(themeLibrary(mixed.entries, definitions));
      assert.deepEqual(await thread.theme(mixed.entries, definitions), here);
      assert.ok(new Set(here.names).size >= 6, `${new Set(here.names).size} themes`);
    }
  });

  it('rejects what it is asked, saying why, once the thread cannot run', async () => {
    const broken = new IndexThread(path.resolve('no-such-worker.js'));
    await assert.rejects(broken.build(papers), /no-such-worker|Cannot find module|index thread stopped/);
    assert.ok(broken.failed);
    await assert.rejects(broken.restore('x', Promise.resolve('y')));
    await assert.rejects(broken.theme(seedEntries, seedThemes));
    broken.dispose();
  });
});
