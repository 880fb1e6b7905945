import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { excerptAround, markdownText, metadataLine, publicationDetails, textPreview, venueLine } from '../../src/core/model/paperPreview';

describe('paper previews', () => {
  it('say who, when and where in one line, leaving out what the library does not know', () => {
    const authors = ['Müller, Anna', 'Lee, Bo', 'OpenAI'];
    assert.equal(metadataLine({ authors, year: 2020, venue: 'Journal of Robots' }), 'Müller, Anna; Lee, Bo; OpenAI · 2020 · Journal of Robots');
    assert.equal(metadataLine({ authors, year: 2020 }, 2), 'Müller, Anna; Lee, Bo et al. · 2020');
    assert.equal(metadataLine({ year: 0, venue: '  ' }), '0');
    assert.equal(metadataLine({ venue: 'CoRR', doi: '10.1/x' }), 'CoRR');
    assert.equal(metadataLine({}), undefined);
    assert.equal(metadataLine({ authors: [], doi: '10.1/x', url: 'https://x.org' }), undefined);
  });

  it('keep short text whole, flattening white space', () => {
    assert.equal(textPreview('  A short\n abstract. ', 100), 'A short abstract.');
  });

  it('cut long text at a word boundary with an ellipsis', () => {
    assert.equal(textPreview('one two three four five six', 14), 'one two three…');
    assert.equal(textPreview('Supercalifragilistic', 5), 'Super…');
  });

  it('show the words a search matched, even deep in the abstract', () => {
    const abstract = `${'Filler words about nothing. '.repeat(20)}Here the robot plays table tennis.`;
    const excerpt = excerptAround(abstract, ['tennis'], 80);
    assert.match(excerpt, /^….*table tennis/);
    assert.equal(excerptAround(abstract, ['absent'], 40), textPreview(abstract, 40));
    assert.equal(excerptAround('Tennis first', ['tennis'], 80), 'Tennis first');
  });

  it('never exceed the length asked for (plus the ellipses)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.integer({ min: 4, max: 200 }), (text, terms, max) => {
        assert.ok(textPreview(text, max).length <= max + 1);
        assert.ok(excerptAround(text, terms, max).length <= max + 1);
      }),
    );
  });
});

describe('markdown text', () => {
  it('escapes markup, links, HTML and URLs, and keeps spaces', () => {
    assert.equal(markdownText('<script>alert(1)</script>'), '&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    assert.equal(markdownText('[x](command:quit) **b**'), '\\[x\\]\\(command\\:quit\\) \\*\\*b\\*\\*');
    assert.equal(markdownText('see https://evil.example'), 'see https\\://evil\\.example');
    assert.equal(markdownText('a &amp; b\n\nc'), 'a &amp;amp; b c');
  });

  it('reads back as the text it was made from, whatever the text', () => {
    const unescape = (md: string) => md.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\\(.)/g, '$1');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'<>&\\[]()*_`#:. ab\n'.split('')), maxLength: 40 }), (text) => {
        const md = markdownText(text);
        assert.equal(unescape(md), text.replace(/\s+/g, ' '));
        assert.doesNotMatch(md, /<|>|(?<!\\)\]\(/);
      }),
    );
  });
});

describe('venue and publication details from a whole entry', () => {
  const csl = { type: 'article-journal', 'container-title': 'J. ACM', volume: '56', issue: '6', page: '1-40', editor: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Board' }], edition: '2', publisher: 'ACM', 'publisher-place': 'New York', ISBN: '978-0' };

  it('gives the venue with volume, issue and pages, the venue as written first', () => {
    assert.equal(venueLine({ venue: 'J. ACM', csl }), 'J. ACM 56 (6): 1–40');
    assert.equal(venueLine({ csl: { ...csl, issue: undefined, volume: undefined } }), 'J. ACM: 1–40');
    assert.equal(venueLine({ venue: 'Only a venue' }), 'Only a venue');
    assert.equal(metadataLine({ authors: ['Doe, J.'], year: 2009, venue: 'J. ACM', csl }), 'Doe, J. · 2009 · J. ACM 56 (6): 1–40');
  });

  it('gives editors, edition, publisher and place, and ISBN, and nothing for a paper with no entry', () => {
    assert.equal(publicationDetails({ csl }), 'Ed. by Doe, Jane; The Board · 2nd ed. · ACM, New York · ISBN 978-0');
    assert.equal(publicationDetails({ csl: { edition: 'Revised', publisher: '<i>Pub</i>' } }), 'Revised · Pub');
    assert.equal(publicationDetails({}), undefined);
    assert.equal(publicationDetails({ csl: { editor: 'not a list', ISBN: 7 } }), 'ISBN 7');
  });
});
