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
