import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteScanner, type NoteCitation } from '../../src/core/notes/noteScanner';
import type { Paper } from '../../src/core/model/paper';
import { wordSpans } from '../../src/core/search/text';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const scanner = new NoteScanner(library.papers);
const limo = library.paperByKey('limo') as Paper;

/** What a citation claims to cover, read back from the text through its line and columns. */
function textAt(text: string, c: NoteCitation): string {
  const lines = text.split(/\r\n?|\n/);
  if (c.line === c.endLine) return lines[c.line - 1].slice(c.startColumn, c.endColumn);
  return text.slice(c.start, c.end);
}

function brief(text: string): [string, string, string, number, number][] {
  return scanner.scan(text).map((c) => [c.form, c.key, textAt(text, c), c.line, c.startColumn]);
}

/** The words of a title, for comparing a title as written with a paper's title. */
const wordsOf = (text: string) => wordSpans(text).map((w) => w.word);

/** Every citation points at exactly the text it claims: the key, or the cited title's words. */
function assertPositionsHold(text: string, citations: readonly NoteCitation[]): void {
  for (const c of citations) {
    const at = text.slice(c.start, c.end);
    const isTitle = () => assert.deepEqual(wordsOf(at), wordsOf(c.paper?.title ?? ''), `${c.form} ${c.key}: ${at}`);
    if (c.form === 'pandoc') assert.equal(at, c.key);
    else if (c.form === 'title') isTitle();
    // A link's text is its title, or anything when its target is `#key`.
    else if (!/^\]\(\s*<?#/.test(text.slice(c.end))) isTitle();
    if (c.line === c.endLine) assert.equal(textAt(text, c), at);
    const before = text.slice(0, c.start).split(/\r\n?|\n/);
    assert.equal(c.line, before.length);
    assert.equal(c.startColumn, before.at(-1)?.length);
  }
}

/** Text dense in the characters that Markdown and pandoc citations are made of. */
const markdownish = fc.string({
  unit: fc.constantFrom(...'@[]-`\n\r *_\\<>{};:#|!()'.split(''), 'limo', 'x@', '\uFEFF', '😀', limo.title, '```\n', '---\n', '](#%E0', '](#limo)'),
  maxLength: 60,
});

describe('note scanner', () => {
  it('finds pandoc citations in all their forms, with the key located exactly', () => {
    const text = 'As [see @limo, pp. 33-35; also @nobody99, chap. 1] and [-@limo] show,\n@limo says so [@{limo}].';
    assert.deepEqual(brief(text), [
      ['pandoc', 'limo', 'limo', 1, 9],
      ['pandoc', 'nobody99', 'nobody99', 1, 32],
      ['pandoc', 'limo', 'limo', 1, 58],
      ['pandoc', 'limo', 'limo', 2, 1],
      ['pandoc', 'limo', 'limo', 2, 17],
    ]);
  });

  it('resolves keys in the library and returns unknown keys as unresolved', () => {
    const [known, unknown] = scanner.scan('[@limo; @nobody99]');
    assert.equal(known.paper, limo);
    assert.equal(unknown.key, 'nobody99');
    assert.equal(unknown.paper, undefined);
  });

  it('reads the words of a title inside a citation key as the key, not as the title', () => {
    const text = 'See [@on-the-measure-of-intelligence-2] and @on-the-measure-of-intelligence.';
    assert.deepEqual(
      scanner.scan(text).map((c) => [c.form, c.key]),
      [
        ['pandoc', 'on-the-measure-of-intelligence-2'],
        ['pandoc', 'on-the-measure-of-intelligence'],
      ],
    );
  });

  it('ends a key at trailing punctuation, as pandoc does', () => {
    assert.deepEqual(
      brief('See @limo. Or @doe:2020.a, @a-b-.').map((c) => c[1]),
      ['limo', 'doe:2020.a', 'a-b'],
    );
  });

  it('reads nothing in code, HTML, front matter, link targets, URLs, e-mail addresses or escapes', () => {
    const text = [
      '---',
      'cites: "@limo"',
      '---',
      '',
      'Write to me@limo.org or <you@limo.org>, not `[@limo]`; \\@limo is escaped.',
      '[a link](https://example.org/@limo) <span title="@limo">x</span>',
      'Bare URLs: https://medium.com/@limo, www.example.org/@limo and <https://example.org/@limo>.',
      '',
      '```',
      '[@limo] LIMO: Less is More for Reasoning',
      '```',
      '',
      '    @limo in indented code',
      '',
      '[def]: https://example.org/@limo',
    ].join('\n');
    assert.deepEqual(brief(text), []);
  });

  it('finds titles written in prose, whatever the case, markup or line breaks', () => {
    const text = `We read *limo: less is MORE* for\nreasoning, then ${library.papers[1].title}.`;
    assert.deepEqual(
      scanner.scan(text).map((c) => [c.form, c.key, c.line, c.startColumn, c.endLine, c.endColumn]),
      [
        ['title', 'limo', 1, 9, 2, 9],
        ['title', library.papers[1].key, 2, 16, 2, 16 + library.papers[1].title.length],
      ],
    );
  });

  it('does not run a title across code or other words, nor match part of a word', () => {
    assert.deepEqual(brief('LIMO: Less `is` More for Reasoning'), []);
    assert.deepEqual(brief('LIMO: Less is More for Reasonings'), []);
  });

  it('finds links whose text is a title or whose target is a key, and locates the link text', () => {
    const text = `See [${limo.title}](https://arxiv.org/abs/x) and [that paper](#limo), not [LIMO](https://x) or [x](#%E0%A4%A).`;
    assert.deepEqual(brief(text), [
      ['link', 'limo', limo.title, 1, 5],
      ['link', 'limo', 'that paper', 1, limo.title.length + 37],
    ]);
  });

  it('counts positions the way editors do: CRLF, a BOM, astral characters', () => {
    const text = '\uFEFF# Notes 😀\r\n\r\n😀 [@limo] and \r\n @limo';
    assert.deepEqual(brief(text), [
      ['pandoc', 'limo', 'limo', 3, 5],
      ['pandoc', 'limo', 'limo', 4, 2],
    ]);
  });

  it('finds citations in headings, lists, quotes, tables and footnotes', () => {
    const text = '# [@limo]\n\n- item @limo\n\n> quoted @limo\n\n| a | b |\n|---|---|\n| @limo | x |\n\nNote.[^1]\n\n[^1]: After @limo.\n';
    assert.deepEqual(
      brief(text).map((c) => c[3]),
      [1, 3, 5, 9, 13],
    );
  });

  it('never throws on arbitrary text, and every position points at what it claims', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), markdownish), (text) => {
        assertPositionsHold(text, scanner.scan(text));
      }),
      { numRuns: 600 },
    );
  });

  it('finds every citation put into a note made of random Markdown pieces', () => {
    const paper = fc.constantFrom(...library.papers);
    const piece = fc.oneof(
      paper.map((p) => ({ text: `[@${p.key}]`, key: p.key })),
      paper.map((p) => ({ text: `@${p.key} says`, key: p.key })),
      paper.map((p) => ({ text: p.title, key: p.key })),
      paper.map((p) => ({ text: `[${p.title}](https://example.org)`, key: p.key })),
      fc.constantFrom('`[@limo]`', 'me@limo.org', '\n\n```\n@limo\n```\n\n', 'plain words,', '**bold**', '\n', '\n\n- ', '> '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.map((p) => (typeof p === 'string' ? p : p.text)).join(' ');
        const citations = scanner.scan(text);
        assertPositionsHold(text, citations);
        const expected = pieces.flatMap((p) => (typeof p === 'string' ? [] : [p.key]));
        assert.deepEqual(
          citations.map((c) => c.key),
          expected,
          text,
        );
      }),
      { numRuns: 300 },
    );
  });
});
