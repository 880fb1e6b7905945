import assert from 'node:assert/strict';
import fc from 'fast-check';
import { citationInsertEdit, type CitationToInsert } from '../../src/core/notes/citationJoin';
import { NoteScanner } from '../../src/core/notes/noteScanner';

const pandoc = (...keys: string[]): CitationToInsert => ({ snippet: `[${keys.map((k) => `@${k}`).join('; ')}]`, references: keys.map((k) => `@${k}`) });
const plain = (snippet: string): CitationToInsert => ({ snippet });

/**
 * `|` marks the cursor, or two `|` a selection; the answer is the note after the insert, with `|`
 * where the cursor lands.
 */
function inserted(marked: string, citation: CitationToInsert = pandoc('b')): string {
  const start = marked.indexOf('|');
  const second = marked.indexOf('|', start + 1);
  const end = second < 0 ? start : second - 1;
  const text = marked.replaceAll('|', '');
  const edit = citationInsertEdit(text, start, end, citation);
  const after = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  return `${after.slice(0, edit.caret)}|${after.slice(edit.caret)}`;
}

describe('joining an inserted citation to the note', () => {
  it('merges into a pandoc group the cursor is in, at every position', () => {
    assert.equal(inserted('See [@a|].'), 'See [@a; @b|].');
    assert.equal(inserted('See [@a |].'), 'See [@a; @b| ].');
    assert.equal(inserted('See [|@a].'), 'See [@b; |@a].');
    assert.equal(inserted('See [@|a].'), 'See [@a; @b|].');
    assert.equal(inserted('See [@a|; @c].'), 'See [@a; @b|; @c].');
    assert.equal(inserted('See [@a;| @c].'), 'See [@a; @b;| @c].');
    assert.equal(inserted('See [@a; |@c].'), 'See [@a; @b; |@c].');
    assert.equal(inserted('See [@a; |].'), 'See [@a; @b|].');
    assert.equal(inserted('See [@a;|].'), 'See [@a; @b|].');
    assert.equal(inserted('[see @a, p. 3|]'), '[see @a, p. 3; @b|]');
    assert.equal(inserted('[see| @a, p. 3]'), '[see @a, p. 3; @b|]');
    assert.equal(inserted('[@{odd key}|]'), '[@{odd key}; @b|]');
  });

  it('merges into a pandoc group right before or right after the cursor', () => {
    assert.equal(inserted('See [@a]|.'), 'See [@a; @b]|.');
    assert.equal(inserted('See [@a ]|'), 'See [@a; @b ]|');
    assert.equal(inserted('See |[@a].'), 'See [@b; |@a].');
    assert.equal(inserted('[@a]|', pandoc('b', 'c')), '[@a; @b; @c]|');
  });

  it('joins the group that is left when a selection is replaced', () => {
    assert.equal(inserted('See [@a]| and more|.'), 'See [@a; @b]|.');
    assert.equal(inserted('See [@a; |@old|].'), 'See [@a; @b|].');
    assert.equal(inserted('Text |words| here'), 'Text [@b]| here');
  });

  it('adds a space after a word and before a word, and none after a space or opening punctuation', () => {
    assert.equal(inserted('as shown|'), 'as shown [@b]|');
    assert.equal(inserted('as shown |'), 'as shown [@b]|');
    assert.equal(inserted('shown.|'), 'shown. [@b]|');
    assert.equal(inserted('|shown'), '[@b] |shown');
    assert.equal(inserted('(|)'), '([@b]|)');
    assert.equal(inserted('|'), '[@b]|');
    assert.equal(inserted('line\n|next'), 'line\n[@b] |next');
    assert.equal(inserted('as @a|'), 'as @a [@b]|');
  });

  it('leaves brackets that are no pandoc citation alone: links, plain brackets, code, escapes', () => {
    assert.equal(inserted('[a link](x)|'), '[a link](x) [@b]|');
    assert.equal(inserted('[plain|]'), '[plain [@b]|]');
    assert.equal(inserted('[@a](url)|'), '[@a](url) [@b]|');
    assert.equal(inserted('`[@a]`|'), '`[@a]` [@b]|');
    assert.equal(inserted('\\[@a]|'), '\\[@a] [@b]|');
    assert.equal(inserted('mail [me@a.org|]'), 'mail [me@a.org [@b]|]');
    // A group on the line before does not take the citation.
    assert.equal(inserted('[@a]\n|'), '[@a]\n[@b]|');
  });

  it('gives the other styles only the spacing, even beside a pandoc group', () => {
    const markdown = plain('[Title](#b)');
    assert.equal(inserted('as shown|', markdown), 'as shown [Title](#b)|');
    assert.equal(inserted('[@a]|', markdown), '[@a] [Title](#b)|');
    assert.equal(inserted('[@a|]', plain('Title [@b]')), '[@a Title [@b]|]');
    assert.equal(inserted('|word', plain('Title [@b]')), 'Title [@b] |word');
    // A custom template that brings its own spacing keeps it.
    assert.equal(inserted('a|b', plain('\n- [@b]\n')), 'a\n- [@b]\n|b');
  });

  it('always yields one pandoc citation more, and keeps every citation already there', () => {
    const keys = fc.constantFrom('a', 'c', 'doe:2020');
    const piece = fc.oneof(
      keys.map((k) => `[@${k}]`),
      fc.array(keys, { minLength: 1, maxLength: 3 }).map((ks) => `[${ks.map((k) => `see @${k}, p. 1`).join('; ')}]`),
      fc.constantFrom(' ', 'word', '.', ';', ']', ')', '\n', 'x@y.org', '@c'),
    );
    const scanner = new NoteScanner([]);
    const cited = (text: string) => scanner.scan(text).filter((c) => c.form === 'pandoc').map((c) => c.key).sort();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(), (pieces, at) => {
        const text = pieces.join('');
        const offset = at % (text.length + 1);
        // Splitting a word or an e-mail address in two may make a key of its second half.
        const inWord = /[\p{L}\p{N}_@:.#$%&\-+?<>~/]/u;
        fc.pre(!(inWord.test(text[offset - 1] ?? '') && inWord.test(text[offset] ?? '')));
        const edit = citationInsertEdit(text, offset, offset, pandoc('b'));
        const after = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
        assert.deepEqual(cited(after), [...cited(text), 'b'].sort(), `${JSON.stringify(text)} at ${offset} → ${JSON.stringify(after)}`);
        const glued = (t: string) => t.split('][').length;
        assert.equal(glued(after), glued(text), `glued: ${JSON.stringify(after)}`);
        assert.ok(edit.caret >= 0 && edit.caret <= after.length);
      }),
      { numRuns: 300 },
    );
  });
});
