import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { UnknownCitationFinder } from '../../src/core/notes/unknownCitations';
import { blockish } from './blockish';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const scanner = new NoteScanner(library.papers);
const isKnown = (key: string) => library.paperByKey(key) !== undefined;

/** What the whole-note scanner reports as unresolved: the finder must agree exactly. */
const unresolved = (text: string) => scanner.scan(text).filter((c) => !c.paper);

const keys = (text: string, finder = new UnknownCitationFinder()) => finder.find(text, isKnown).map((c) => [c.key, c.line, c.startColumn]);

describe('unknown citation finder', () => {
  it('finds unknown keys in every pandoc form, located exactly, and never a known one', () => {
    const text = '# Notes\n\nAs [@limo; @nope, p. 3] and [-@missing]\nsay, @gone2024 and @{odd key}.\n\n[@orca] is known.';
    assert.deepEqual(keys(text), [
      ['nope', 3, 12],
      ['missing', 3, 31],
      ['gone2024', 4, 6],
      ['odd key', 4, 21],
    ]);
  });

  it('reads a note that defines footnotes or link references whole: a footnote call in a key breaks it', () => {
    assert.deepEqual(keys('See @{[^1]: } and @gone.\n\n[^1]: A footnote.'), [['gone', 1, 19]]);
    assert.deepEqual(keys('See @{[x]} and @gone.\n\n[x]: #limo'), [['gone', 1, 16]]);
  });

  it('finds nothing in code, front matter, e-mail addresses, HTML comments or after an escape', () => {
    const text = '---\nauthor: @nope\n---\n\n`[@nope]` me@nope.org \\@nope\n\n```\n[@nope]\n\n@nope\n```\n\n<!--\n\n@nope\n-->\n\n    @nope\n';
    assert.deepEqual(keys(text), []);
  });

  it('still finds the keys around malformed front matter, unclosed brackets and an unclosed fence', () => {
    assert.deepEqual(keys('---\ntitle: [@nope\n\nSee [@limo and [@missing\n\n[@other'), [
      ['nope', 2, 9],
      ['missing', 4, 17],
      ['other', 6, 2],
    ]);
    assert.deepEqual(keys('See [@missing].\n\n```\n[@nope]\n\nstill code [@nope]'), [['missing', 1, 6]]);
  });

  it('agrees with the whole-note scanner on any note', () => {
    const note = fc.array(fc.oneof(blockish, fc.constantFrom(...library.papers.map((p) => `@${p.key}`), '@nope', '[@nope]', '\n\n')), { maxLength: 8 });
    fc.assert(
      fc.property(note, (pieces) => {
        const text = pieces.join('').replace(/(?!^)\uFEFF/g, ''); // one BOM at most, as in blockish
        assert.deepEqual(new UnknownCitationFinder().find(text, isKnown), unresolved(text));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answers from its cache of blocks as afresh, as a note is edited', () => {
    const finder = new UnknownCitationFinder();
    const edit = fc.record({ at: fc.nat(), insert: fc.constantFrom('@nope', 'x', '\n\n', '`', '```\n', '[@', ' ', '@limo') });
    fc.assert(
      fc.property(blockish, fc.array(edit, { maxLength: 6 }), (start, edits) => {
        let text = start;
        for (const { at, insert } of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i);
          assert.deepEqual(finder.find(text, isKnown), new UnknownCitationFinder().find(text, isKnown));
        }
      }),
      { numRuns: 300 },
    );
  });
});
