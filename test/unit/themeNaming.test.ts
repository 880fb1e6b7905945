import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readLibrary, type LibraryContent } from '../../src/core/formats/libraryContent';
import { PhraseCounts } from '../../src/core/themes/themeNaming';
import { seedEntries } from './seedLibrary';

/** Public bibliographies nobody here wrote (see test/fixtures/themes/README.md). */
const read = (...files: string[]) => readLibrary(files.map((file) => ({ file: `test/fixtures/themes/${file}`, bytes: readFileSync(`test/fixtures/themes/${file}`) })));
const countsOf = (entries: LibraryContent['entries']) => {
  const counts = new PhraseCounts();
  for (const entry of entries) counts.add(entry);
  return counts;
};

describe('theme names as the papers write them', () => {
  it('keep proper nouns and acronyms as the papers write them, every other word in lower case, the first capitalised', async () => {
    const glaciology = countsOf((await read('pism-glaciology.bib')).entries);
    // Most of its titles capitalise every word ("Ice Sheet"), which tells nothing of a word's case.
    assert.deepEqual(glaciology.cased(['antarctic ice sheet', 'ice sheet', 'last glacial maximum', 'greenland']), ['Antarctic ice sheet', 'Ice sheet', 'Last Glacial Maximum', 'Greenland']);
    assert.deepEqual(glaciology.cased(['antarctic ice sheet'], false), ['Antarctic ice sheet']);
    assert.deepEqual(countsOf(seedEntries).cased(['lora modules', 'low-rank adaptation']), ['LoRA modules', 'Low-rank adaptation']);
    assert.deepEqual(countsOf((await read('zkp.bib')).entries).cased(['zksnarks', 'succinct arguments']), ['zkSNARKs', 'Succinct arguments']);
  });
});
