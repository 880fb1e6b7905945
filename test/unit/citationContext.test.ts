import assert from 'node:assert/strict';
import fc from 'fast-check';
import { partialCitationAt } from '../../src/core/notes/citationContext';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { blockish } from './blockish';

/** `|` marks the cursor; the answer shows the query and, bracketed, what a chosen key replaces. */
function typedAt(marked: string): string | undefined {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const typed = partialCitationAt(text, offset);
  return typed && `${typed.query} → ${text.slice(0, typed.start)}⟨${text.slice(typed.start, typed.end)}⟩${text.slice(typed.end)}`;
}

describe('citation being typed', () => {
  it('reads a key cut short in every pandoc form', () => {
    assert.equal(typedAt('See @|'), ' → See @⟨⟩');
    assert.equal(typedAt('See [@li|'), 'li → See [@⟨li⟩');
    assert.equal(typedAt('[see @or|, p. 3]'), 'or → [see @⟨or⟩, p. 3]');
    assert.equal(typedAt('[@limo; @b-|'), 'b- → [@limo; @⟨b-⟩');
    assert.equal(typedAt('[-@li|'), 'li → [-@⟨li⟩');
    assert.equal(typedAt('@li| says'), 'li → @⟨li⟩ says');
    assert.equal(typedAt('@{odd k|}'), 'odd k → @{⟨odd k⟩}');
    // An `@` inside a braced key starts nothing: the braced key is what is typed.
    assert.equal(typedAt('@{[@|}'), '[@ → @{⟨[@⟩}');
  });

  it('replaces the whole key when the cursor is inside it, but not the punctuation after it', () => {
    assert.equal(typedAt('[@li|mo]'), 'li → [@⟨limo⟩]');
    assert.equal(typedAt('@do|e:2020.'), 'do → @⟨doe:2020⟩.');
    assert.equal(typedAt('@{ta|b and more'), 'ta → @{⟨tab⟩ and more');
  });

  it('reads title words after `[@` up to the cursor, but no locator or suffix after a comma', () => {
    assert.equal(typedAt('As [@robot cook|'), 'robot cook → As [@⟨robot cook⟩');
    assert.equal(typedAt('As [@robot cook|ing] shows'), 'robot cook → As [@⟨robot cooking⟩] shows');
    assert.equal(typedAt('[@limo, p. 3|'), undefined);
    assert.equal(typedAt('[@limo] and robot cook|'), undefined);
    assert.equal(typedAt('@robot cook|'), undefined);
  });

  it('reads nothing in code, front matter, an e-mail address or after an escape', () => {
    for (const marked of ['`[@li|`', '```\n[@li|\n```', '    @li|', '---\nauthor: @li|\n---\n', 'me@li|', '\\@li|', '<!--\n\n@li|\n-->', 'plain text|']) {
      assert.equal(typedAt(marked), undefined, marked);
    }
  });

  it('still reads keys after malformed front matter, an unclosed bracket or an unclosed fence before them', () => {
    assert.equal(typedAt('---\ntitle: [x\n\nSee [@li|'), 'li → ---\ntitle: [x\n\nSee [@⟨li⟩');
    assert.equal(typedAt('[unclosed\n\n[see @or|'), 'or → [unclosed\n\n[see @⟨or⟩');
    assert.equal(typedAt('See @li|\n\n```\nnever closed'), 'li → See @⟨li⟩\n\n```\nnever closed');
  });

  it('always answers with the text from the `@` to the cursor, on one line, around the cursor', () => {
    fc.assert(
      fc.property(blockish, fc.nat(), (text, n) => {
        const offset = n % (text.length + 1);
        const typed = partialCitationAt(text, offset);
        if (!typed) return;
        assert.ok(typed.start <= offset && offset <= typed.end);
        assert.equal(typed.query, text.slice(typed.start, offset));
        assert.match(text.slice(0, typed.start), /@\{?$/);
        assert.doesNotMatch(text.slice(typed.start, typed.end), /[\r\n]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every key the note scanner finds as being typed, from anywhere in it', () => {
    const scanner = new NoteScanner([]);
    fc.assert(
      fc.property(blockish, fc.nat(), (text, n) => {
        for (const c of scanner.scan(text)) {
          const offset = c.start + (n % (c.end - c.start + 1));
          const typed = partialCitationAt(text, offset);
          assert.ok(typed, `${c.key} at ${offset}`);
          assert.equal(typed.start, c.start);
          assert.ok(typed.end >= c.end);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
