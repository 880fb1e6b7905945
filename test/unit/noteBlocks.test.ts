import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blockAt, noteBlocks } from '../../src/core/notes/noteBlocks';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { movedBy } from '../../src/core/notes/noteScanCache';
import { blockish } from './blockish';

const pandoc = new NoteScanner([]);

/** Each block's text, for reading cuts at a glance. */
const cut = (text: string) => [...noteBlocks(text)].map((b) => text.slice(b.start, b.end));

describe('note blocks', () => {
  it('cuts before a line in the first column after a blank line', () => {
    assert.deepEqual(cut('a\n\nb\n  c\n\n  d\n\n- e\n\n    f\n\ng'), ['a\n\n', 'b\n  c\n\n  d\n\n', '- e\n\n    f\n\n', 'g']);
    assert.deepEqual([...noteBlocks('a\r\n\r\nb\r\rc')], [
      { start: 0, end: 5, line: 1 },
      { start: 5, end: 8, line: 3 },
      { start: 8, end: 9, line: 5 },
    ]);
  });

  it('does not cut inside front matter, fenced code or HTML comments, whatever blank lines they hold', () => {
    assert.deepEqual(cut('---\na: 1\n\nb: 2\n---\n\ntext'), ['---\na: 1\n\nb: 2\n---\n\n', 'text']);
    assert.deepEqual(cut('```md\n@a\n\n@b\n```\n\n~~~\n\n```\n\nx\n~~~~\n\ny'), ['```md\n@a\n\n@b\n```\n\n', '~~~\n\n```\n\nx\n~~~~\n\n', 'y']);
    assert.deepEqual(cut('<!-- draft\n\n@a\n-->\n\nb'), ['<!-- draft\n\n@a\n-->\n\n', 'b']);
    assert.deepEqual(cut('\uFEFF<!X\n\n@a\n\n>\n\nb'), ['\uFEFF<!X\n\n@a\n\n>\n\n', 'b']);
    // `<?>` and `<!-->` end on the line they open: the fence after them is a fence.
    assert.deepEqual(cut('<?>\n~~~\n?>\n\nb'), ['<?>\n~~~\n?>\n\nb']);
    assert.deepEqual(cut('<!-->\n\nb'), ['<!-->\n\n', 'b']);
    // The parser ends CDATA at `]]>` only after an even run of `]`.
    assert.deepEqual(cut('<![CDATA[x]]]>\n\n@a\n]]]]>\n\nb'), ['<![CDATA[x]]]>\n\n@a\n]]]]>\n\n', 'b']);
  });

  it('opens nothing within an HTML block that a blank line ends: its lines are HTML whatever they hold', () => {
    // In the <div>, "<![CDATA[" opens nothing; "<?" after the blank line opens a block that runs to "?>".
    assert.deepEqual(cut('<div>\n<![CDATA[\n\n<?]]>\n\n?> LIMO\n\nb'), ['<div>\n<![CDATA[\n\n', '<?]]>\n\n?> LIMO\n\n', 'b']);
    assert.deepEqual(cut('<section class="x">\n```\n\nb\n\n```\n\n@a\n```'), ['<section class="x">\n```\n\n', 'b\n\n', '```\n\n@a\n```']);
    assert.deepEqual(cut('<span title=\'a\'>\n<!--\n\nb'), ['<span title=\'a\'>\n<!--\n\n', 'b']);
    assert.deepEqual(cut('text\n<span>\n<!--\n\nb\n-->\n\nc'), ['text\n<span>\n<!--\n\nb\n-->\n\n', 'c'], 'a lone tag does not interrupt a paragraph');
  });

  it('does not cut before a line that would read otherwise at the start of a note', () => {
    assert.deepEqual(cut('a\n\n\uFEFF<pre>@x\n\n---\n\n+++\n'), ['a\n\n\uFEFF<pre>@x\n\n---\n\n+++\n']);
  });

  it('does not cut a note whose front matter is never closed, and runs an unclosed fence to the end', () => {
    assert.deepEqual(cut('---\ntitle: x\n\ntext\n\nmore'), ['---\ntitle: x\n\ntext\n\nmore']);
    assert.deepEqual(cut('a\n\n```\nb\n\nc'), ['a\n\n', '```\nb\n\nc']);
  });

  it('finds the block that holds an offset', () => {
    const text = 'a\n\nb\n\nc';
    assert.deepEqual([0, 2, 3, 4, 6, 7].map((offset) => blockAt(text, offset).start), [0, 0, 3, 3, 6, 6]);
  });

  it('tiles the note: contiguous blocks from the start to the end, each starting a line', () => {
    fc.assert(
      fc.property(blockish, (text) => {
        const blocks = [...noteBlocks(text)];
        assert.equal(blocks[0].start, 0);
        assert.equal(blocks.at(-1)!.end, text.length);
        for (const [i, b] of blocks.entries()) {
          if (i > 0) assert.equal(b.start, blocks[i - 1].end);
          assert.equal(b.line, text.slice(0, b.start).split(/\r\n?|\n/).length);
          if (i > 0) assert.match(text[b.start - 1], /[\r\n]/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same citations read block by block as read in one piece', () => {
    fc.assert(
      fc.property(blockish, (text) => {
        const byBlock = [...noteBlocks(text)].flatMap((b) => pandoc.scan(text.slice(b.start, b.end)).map((c) => movedBy(c, b.start, b.line - 1)));
        assert.deepEqual(byBlock, pandoc.scan(text));
      }),
      { numRuns: 1000 },
    );
  });
});
