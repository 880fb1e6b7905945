import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteScanCache } from '../../src/core/notes/noteScanCache';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { blockish } from './blockish';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const limo = library.paperByKey('limo')!;
const scanner = new NoteScanner(library.papers);

/** Notes made of Markdown block pieces, citations, titles and title links. */
const note = fc
  .array(fc.oneof(blockish, fc.constantFrom(limo.title, `[${limo.title}](https://x)`, '[link](#orca)', '[@limo]', ' @orca says', '\n\n', 'LIMO: Less\nis More for Reasoning')), { maxLength: 12 })
  .map((parts) => parts.join(' ').replace(/^\uFEFF/, '').replace(/\uFEFF/g, ''));

describe('note scan cache', () => {
  it('finds what a whole-note scan finds, pandoc keys, titles and title links alike', () => {
    fc.assert(
      fc.property(note, (text) => {
        assert.deepEqual(new NoteScanCache(scanner).scan(text), scanner.scan(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a note that defines link references or footnotes whole: a definition changes what another block says', () => {
    for (const text of ['See @{[^1]: } there.\n\n[^1]: A footnote.', 'See @{[x]} there.\n\n[x]: #limo', `${limo.title.replace('More', 'More[^n]')}\n\n[^n]: A footnote.`]) {
      assert.deepEqual(new NoteScanCache(scanner).scan(text), scanner.scan(text), text);
    }
    assert.deepEqual(new NoteScanCache(scanner).scan('See @{[^1]: } there.\n\n[^1]: A footnote.'), [], 'the footnote call breaks the key');
  });

  it('rescans only the blocks an edit changed, and still answers as a whole-note scan', () => {
    class CountingScanner extends NoteScanner {
      scans = 0;
      override scan(text: string) {
        this.scans++;
        return super.scan(text);
      }
    }
    const counting = new CountingScanner(library.papers);
    const cache = new NoteScanCache(counting);
    const before = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} cites [@limo] and ${limo.title}.`).join('\n\n');
    cache.scan(before);
    counting.scans = 0;
    const after = before.replace('Paragraph 7 cites', 'Paragraph 7 now cites [@orca] and');
    assert.deepEqual(cache.scan(after), scanner.scan(after));
    assert.equal(counting.scans, 1);
  });
});
