import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { bracketCitationAt, inTextCitationAt, locatorAndSuffix } from '../../src/core/cite/citationSyntax';
import { readCitationStyle } from '../../src/core/cite/citationStyle';
import { markdownItCitations, plainTextOf } from '../../src/core/cite/markdownItCitations';
import { noteCiting } from '../../src/core/cite/noteCiting';
import { readNoteBibliography } from '../../src/core/cite/noteBibliography';
import { noteMetadata, type CslData } from '../../src/core/cite/noteMetadata';
import { renderNote } from '../../src/cli/render';
import { CitationStyles } from '../../src/node/citationStyles';
import { loadSeedLibrary } from './seedLibrary';

const CSL_DIR = join(__dirname, '..', '..', 'media', 'csl');
const styles = new CitationStyles(CSL_DIR);
const renderer = (style: string, lang?: string) => {
  const made = styles.rendererFor(style, lang);
  assert.equal(made.kind, 'renderer', made.kind === 'invalid' ? made.reason : '');
  return (made as { renderer: import('../../src/core/cite/citationRenderer').CitationRenderer }).renderer;
};

const ITEMS: Record<string, CslData> = {
  vaswani: {
    id: 'vaswani',
    type: 'paper-conference',
    title: 'Attention is all you need',
    author: [
      { family: 'Vaswani', given: 'Ashish' },
      { family: 'Shazeer', given: 'Noam' },
      { family: 'Parmar', given: 'Niki' },
    ],
    'container-title': 'Advances in Neural Information Processing Systems',
    issued: { 'date-parts': [[2017]] },
    DOI: '10.5555/3295222.3295349',
  },
  hostile: {
    id: 'hostile',
    type: 'article-journal',
    title: 'A [link](command:workbench.action.quit) <img src=x onerror=alert(1)> *bold* @limo',
    author: [{ family: 'O"Brien', given: 'Pat' }],
    issued: { 'date-parts': [[2020]] },
    URL: 'javascript:alert(1)',
  },
};
const itemOf = (key: string) => ITEMS[key];

describe('citation syntax', () => {
  const cited = (text: string) => bracketCitationAt(text, 0)?.cluster.items.map((i) => ({ ...i }));

  it('reads every bracketed form: prefixes, locators with and without labels, suffixes, groups, suppress-author, braces', () => {
    assert.deepEqual(cited('[see @a, pp. 33-35 and elsewhere; also -@b, chap. 1]'), [
      { key: 'a', prefix: 'see', suppressAuthor: false, locator: '33-35', label: 'page', suffix: ' and elsewhere' },
      { key: 'b', prefix: 'also', suppressAuthor: true, locator: '1', label: 'chapter', suffix: '' },
    ]);
    assert.deepEqual(cited('[@{doe:2020.a}, 12]'), [{ key: 'doe:2020.a', prefix: '', suppressAuthor: false, locator: '12', label: 'page', suffix: '' }]);
    assert.deepEqual(cited('[@a, sec. 3; @b, para. 4, said]')?.map((i) => [i.label, i.locator, i.suffix]), [
      ['section', '3', ''],
      ['paragraph', '4', ', said'],
    ]);
  });

  it('reads an in-text citation with its bracketed locator', () => {
    assert.deepEqual(inTextCitationAt('@smith04 [p. 33] says', 0), {
      cluster: { items: [{ key: 'smith04', prefix: '', suppressAuthor: false, locator: '33', label: 'page', suffix: '' }], inText: true },
      end: 16,
    });
    // A following bracket that cites is a citation of its own, not this one's locator.
    assert.equal(inTextCitationAt('@a [@b]', 0)?.end, 2);
  });

  it('reads no citation in links, brackets without keys, or keys inside words', () => {
    assert.equal(bracketCitationAt('[@a](https://x.org)', 0), undefined);
    assert.equal(bracketCitationAt('[@a][ref]', 0), undefined);
    assert.equal(bracketCitationAt('[see me@host.org]', 0), undefined);
    assert.equal(bracketCitationAt('[@a; no key here]', 0), undefined);
    assert.equal(bracketCitationAt('[@a', 0), undefined);
  });

  it('takes a locator term only as a whole word, and a bare number as a page', () => {
    assert.deepEqual(locatorAndSuffix(', pages 3-5'), { locator: '3-5', label: 'page', suffix: '' });
    assert.deepEqual(locatorAndSuffix(', pagination matters'), { suffix: ', pagination matters' });
    assert.deepEqual(locatorAndSuffix(', 33, 35-37, and nowhere else'), { locator: '33, 35-37', label: 'page', suffix: ', and nowhere else' });
  });

  it('never throws, and ends every citation inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '@', '-', ';', ',', ' ', 'p', '.', '1', 'a', '{', '}', '\\', '\n') }), (text) => {
        for (let at = 0; at < text.length; at++) {
          for (const parsed of [bracketCitationAt(text, at), inTextCitationAt(text, at)]) {
            if (parsed) assert.ok(parsed.end > at && parsed.end <= text.length && parsed.cluster.items.length > 0);
          }
        }
      }),
    );
  });
});

describe('citation renderer', () => {
  it('formats citations and references in text, HTML and Markdown alike', () => {
    const clusters = [{ items: [{ key: 'vaswani', prefix: '', suffix: '', suppressAuthor: false, locator: '3', label: 'page' }], inText: false }];
    const apa = renderer('apa');
    assert.deepEqual(apa.render(clusters, itemOf, 'text').citations, ['(Vaswani et al., 2017, p. 3)']);
    const html = apa.render(clusters, itemOf, 'html');
    assert.match(html.references[0].entry, /<i>Advances in Neural Information Processing Systems<\/i>\. <a href="https:\/\/doi\.org\/10\.5555\/3295222\.3295349">https:\/\/doi\.org\/10\.5555\/3295222\.3295349<\/a>/);
    const markdown = apa.render(clusters, itemOf, 'markdown');
    assert.match(markdown.references[0].entry, /\*Advances in Neural Information Processing Systems\*\. <https:\/\/doi\.org\/10\.5555\/3295222\.3295349>/);
  });

  it('keeps every character of a hostile entry as text, and links only web addresses', () => {
    const clusters = [{ items: [{ key: 'hostile', prefix: '', suffix: '', suppressAuthor: false }], inText: false }];
    const apa = renderer('apa');
    const html = apa.render(clusters, itemOf, 'html').references[0].entry;
    assert.doesNotMatch(html, /<img|href="javascript|<a href="command/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /O&#34;Brien/);
    const markdown = apa.render(clusters, itemOf, 'markdown').references[0].entry;
    assert.match(markdown, /A \\\[link\\\]\(command:workbench\.action\.quit\) &lt;img src=x onerror=alert\(1\)&gt; \\\*bold\\\* \\@limo/);
    // An escaped bracket is text: no link can form.
    assert.doesNotMatch(markdown, /<img|(?<!\\)\]\(command|<javascript/);
  });

  it('cites a key it has no entry for as pandoc does, inside the style\'s brackets', () => {
    const clusters = [
      { items: [{ key: 'nokey', prefix: '', suffix: '', suppressAuthor: false }], inText: false },
      { items: [{ key: 'vaswani', prefix: '', suffix: '', suppressAuthor: false }, { key: 'nokey', prefix: '', suffix: '', suppressAuthor: false }], inText: false },
    ];
    assert.deepEqual(renderer('apa').render(clusters, itemOf, 'text').citations, ['(nokey?)', '(Vaswani et al., 2017; nokey?)']);
    assert.deepEqual(renderer('ieee').render(clusters, itemOf, 'html').citations, ['<strong>nokey?</strong>', '[1], <strong>nokey?</strong>']);
    assert.deepEqual(renderer('apa').render(clusters, itemOf, 'text').unknownKeys, ['nokey']);
  });

  it('formats in the locale asked for, and says why a style cannot be used', () => {
    const clusters = [{ items: [{ key: 'vaswani', prefix: '', suffix: '', suppressAuthor: false }], inText: false }];
    assert.deepEqual(renderer('chicago-author-date', 'de-DE').render(clusters, itemOf, 'text').citations, ['(Vaswani, Shazeer, und Parmar 2017)']);
    const folder = mkdtempSync(join(tmpdir(), 'literature-notes-csl-'));
    writeFileSync(join(folder, 'broken.csl'), '<html>not a style</html>');
    assert.match((styles.rendererFor('broken', undefined, folder) as { reason: string }).reason, /broken\.csl cannot be used: it is not a CSL style/);
    assert.match((styles.rendererFor('no-such', undefined, folder) as { reason: string }).reason, /no-such\.csl does not exist; use one of apa, chicago-author-date/);
    assert.equal(readCitationStyle('<style xmlns="http://purl.org/net/xbiblio/csl"><info/></style>').kind, 'invalid');
  });
});

describe('note front matter', () => {
  it('reads csl, lang, bibliography, references and the References title, with the lines they are on', () => {
    const metadata = noteMetadata('---\ntitle: A note\ncsl: ieee\nlang: en-GB\nbibliography:\n  - refs.bib\n  - more.json\nreferences:\n- id: own\n  title: Own\n  issued: 2019\n- title: No id\nreference-section-title: Works Cited\n---\n\nText.\n');
    assert.equal(metadata.csl, 'ieee');
    assert.equal(metadata.lang, 'en-GB');
    assert.deepEqual(metadata.bibliographies, [
      { path: 'refs.bib', line: 6 },
      { path: 'more.json', line: 7 },
    ]);
    assert.deepEqual(metadata.references, [{ id: 'own', title: 'Own', issued: { raw: '2019' }, type: 'article' }]);
    assert.equal(metadata.referenceSectionTitle, 'Works Cited');
    assert.deepEqual(metadata.problems, [{ line: 12, message: 'This entry of `references:` has no `id`, so it cannot be cited.' }]);
  });

  it('reports invalid YAML at its line, reads nothing from a horizontal rule, and never throws', () => {
    assert.match(noteMetadata('---\ncsl: [unclosed\n---\n').problems[0].message, /not valid YAML/);
    assert.deepEqual(noteMetadata('---\n\ncsl: ieee\n---\n').csl, undefined);
    // A bounded alias bomb: refused, not expanded.
    const bomb = `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nreferences: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n`;
    assert.deepEqual(noteMetadata(bomb).references, []);
    fc.assert(fc.property(fc.string(), (tail) => void noteMetadata(`---\n${tail}`)));
  });
});

describe('note bibliography files', () => {
  it('reads BibTeX, CSL-JSON and CSL YAML whole, and says what is wrong with a broken one', async () => {
    const bib = await readNoteBibliography('@book{knuth84,\n author = {Knuth, Donald E.},\n title = {The TeXbook},\n publisher = {Addison-Wesley},\n year = 1984\n}\n', 'refs.bib');
    assert.deepEqual([bib.items[0].id, bib.items[0].type, bib.items[0].publisher], ['knuth84', 'book', 'Addison-Wesley']);
    const yaml = await readNoteBibliography('references:\n- id: a\n  title: A\n', 'refs.yaml');
    assert.deepEqual(yaml.items.map((i) => i.id), ['a']);
    const broken = await readNoteBibliography('[{"id": "a",', 'refs.json');
    assert.deepEqual(broken.items, []);
    assert.match(broken.problem!.message, /^refs\.json could not be read as CSL-JSON/);
    assert.match((await readNoteBibliography('x', 'refs.txt')).problem!.message, /use a \.bib, \.json, \.yaml or \.yml file/);
  });

  it('reads a BibTeX file as the library does, as pandoc reads it, and names a malformed entry at its line', async () => {
    const bib = await readNoteBibliography('@article{good, title = {The {TeX}book of Everything}, year = 1984}\n\n@article{bad, title = {Unclosed\n\n@book{other, title = {Other}}\n', 'refs.bib');
    assert.equal(bib.items.find((i) => i.id === 'good')?.title, 'The <span class="nocase">TeX</span>book of everything', 'sentence case, braces kept as case protection');
    assert.match(bib.problem?.message ?? '', /^refs\.bib:3: /);
  });
});

describe('the markdown-it citations plugin', () => {
  const md = (style = 'apa') => {
    const it = new MarkdownIt({ html: true });
    markdownItCitations(it, (source) => noteCiting(noteMetadata(source), renderer(style), [], itemOf));
    return it;
  };

  it('formats citations in prose but not in code, links or escapes, and lists the References at the end', () => {
    const html = md().render('A [@vaswani, p. 3]. `[@vaswani]` and [@vaswani](https://x.org) and \\@vaswani and mail@vaswani.org.\n');
    assert.equal((html.match(/class="citation"/g) ?? []).length, 1);
    assert.match(html, /<code>\[@vaswani\]<\/code>/);
    assert.match(html, /<a href="https:\/\/x\.org">@vaswani<\/a>/);
    assert.match(html, /mail@vaswani\.org/);
    assert.match(html, /<div id="refs" class="references csl-bib-body" role="list" aria-label="References">\n<div id="ref-vaswani" class="csl-entry" role="listitem">Vaswani, A\./);
  });

  it('places the References at ::: {#refs}, and lists none with suppress-bibliography', () => {
    const html = md('ieee').render('A [@vaswani].\n\n# Refs\n\n::: {#refs}\n:::\n\nAfter.\n');
    assert.ok(html.indexOf('id="refs"') < html.indexOf('After.'));
    assert.doesNotMatch(html, /:::/);
    const suppressed = md().render('---\nsuppress-bibliography: true\n---\n\nA [@vaswani].\n');
    assert.match(suppressed, /\(Vaswani et al\., 2017\)/);
    assert.doesNotMatch(suppressed, /id="refs"/);
  });

  it('gives the same citations as plain text and as HTML: one engine', () => {
    const note = 'A [@vaswani, p. 3] and @vaswani and [@nokey].\n';
    const text = plainTextOf(md(), note);
    assert.equal(text.split('\n')[0], 'A (Vaswani et al., 2017, p. 3) and Vaswani et al. (2017) and (nokey?).');
    assert.match(md().render(note), />\(Vaswani et al\., 2017, p\. 3\)<\/a>.*>Vaswani et al\. \(2017\)<\/a>.*\(<strong>nokey\?<\/strong>\)/);
  });
});

describe('render (the CLI command)', () => {
  it('applies the note\'s front matter, its bibliography files relative to it, and reports a missing one at its line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'literature-notes-render-'));
    writeFileSync(join(folder, 'refs.json'), JSON.stringify([ITEMS.vaswani]));
    const note = '---\ncsl: ieee\nbibliography: [refs.json, gone.bib]\n---\n\nAs [@vaswani] and [@limo] show.\n';
    const file = join(folder, 'note.md');
    writeFileSync(file, note);
    const { output, problems } = await renderNote(file, note, loadSeedLibrary(), CSL_DIR, { bibliographies: [], html: false });
    assert.equal(output.split('\n')[0], 'As [1] and [2] show.');
    assert.match(output, /\[1\] A\. Vaswani, N\. Shazeer, and N\. Parmar, “Attention is all you need,”/);
    assert.match(output, /\[2\] “LIMO: Less is More for Reasoning\.”/);
    assert.deepEqual(problems, [`${file}:3: ${join(folder, 'gone.bib')} does not exist.`]);
    // --csl wins over the note's csl:, as in pandoc.
    const apa = await renderNote(file, note, loadSeedLibrary(), CSL_DIR, { csl: 'apa', bibliographies: [], html: true });
    assert.match(apa.output, /\(Vaswani et al\., 2017\)/);
  });
});
