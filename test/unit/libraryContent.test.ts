import assert from 'node:assert/strict';
import { ParsedFiles, readLibrary } from '../../src/core/libraryContent';
import { BIBTEX, CSL_JSON } from './bibliographyFixtures';

describe('reading a library again', () => {
  const bib = { file: 'refs.bib', bytes: Buffer.from(BIBTEX) };
  const json = { file: 'refs.json', bytes: Buffer.from(CSL_JSON) };

  it('parses again only the files whose bytes changed, with the same result as afresh', async () => {
    const parsed = new ParsedFiles();
    const first = await readLibrary([bib, json], parsed);
    assert.equal(parsed.parseCount, 2);

    const again = await readLibrary([{ ...bib, bytes: Buffer.from(BIBTEX) }, json], parsed);
    assert.equal(parsed.parseCount, 2, 'equal bytes in a new buffer are not parsed again');
    assert.deepEqual(again, first);

    const edited = { file: 'refs.bib', bytes: Buffer.from(`${BIBTEX}\n@misc{added, title = {An Entry Added Later}}\n`) };
    const changed = await readLibrary([edited, json], parsed);
    assert.equal(parsed.parseCount, 3);
    assert.deepEqual(changed, await readLibrary([edited, json]));
    assert.ok(changed.entries.some((e) => e.key === 'added'));
  });

  it('forgets a file that is no longer read, and reports keys shared across files every time', async () => {
    const parsed = new ParsedFiles();
    const copy = { file: 'copy.bib', bytes: bib.bytes };
    const shared = (content: Awaited<ReturnType<typeof readLibrary>>) => content.diagnostics.filter((d) => /is also that of/.test(d.message)).map((d) => d.file);
    assert.ok(shared(await readLibrary([bib, copy], parsed)).every((file) => file === 'copy.bib'));
    assert.ok(shared(await readLibrary([bib, copy], parsed)).length > 0, 'from parses taken from earlier reads too');
    assert.deepEqual(shared(await readLibrary([bib], parsed)), []);
    await readLibrary([bib, copy], parsed);
    assert.equal(parsed.parseCount, 3, 'copy.bib was forgotten, so it is parsed again');
  });
});

describe('parsed library files kept between sessions', () => {
  const source = (file: string, text: string) => ({ file, bytes: new TextEncoder().encode(text) });
  const seed = (title: string) => `Header\n\n${title}\n\nAn abstract about ${title.toLowerCase()}, long enough to read as one.\n`;

  it('parse again only the files that changed since they were saved', async () => {
    const before = new ParsedFiles();
    const first = await readLibrary([source('a.txt', seed('Alpha Paper Title')), source('b.txt', seed('Beta Paper Title'))], before);
    const restored = ParsedFiles.fromJSON(before.toJSON());
    const again = await readLibrary([source('a.txt', seed('Alpha Paper Title')), source('b.txt', seed('Gamma Paper Title'))], restored);
    assert.equal(restored.parseCount, 1);
    assert.deepEqual(again.entries[0], first.entries[0]);
    assert.equal(again.entries[1].title, 'Gamma Paper Title');
  });

  it('start afresh from a damaged or foreign save', async () => {
    for (const saved of [undefined, '', '{', '{"schema":0,"files":[]}', '[1,2]', '{"schema":1,"files":"x"}']) {
      const parsed = ParsedFiles.fromJSON(saved);
      await readLibrary([source('a.txt', seed('Alpha Paper Title'))], parsed);
      assert.equal(parsed.parseCount, 1, String(saved));
    }
  });
});
