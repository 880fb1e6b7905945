import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportBibliography, parseBibliography, type BibliographyFormat } from '../../src/core/formats/bibliography';
import { citationSnippet, citationSnippetForMany, unknownPlaceholders } from '../../src/core/notes/citationSnippet';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import type { Paper } from '../../src/core/model/paper';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const limo = library.paperByKey('limo') as Paper;
const orca = library.paperByKey('orca') as Paper;
const FORMATS: readonly BibliographyFormat[] = ['bibtex', 'csl-json'];

const paper = (title: string, abstract = '', key = 'test-key'): Paper => ({ key, title, abstract, file: 'papers.txt', line: 3, theme: 'Reasoning' });

/**
 * BibTeX is LaTeX: on the way back `--`, `---`, ``` `` ``` and `''` are typeset as dashes and
 * quotes (as pandoc renders them too), and runs of white space are one space.
 */
const typeset = (text: string) =>
  text.replace(/---/g, '—').replace(/--/g, '–').replace(/``/g, '“').replace(/''/g, '”').replace(/\s+/g, ' ').trim();

describe('citation snippets', () => {
  it('writes each style for a paper', () => {
    assert.equal(citationSnippet(limo, 'pandoc'), '[@limo]');
    assert.equal(citationSnippet(limo, 'markdown'), '[LIMO: Less is More for Reasoning](#limo)');
    assert.equal(citationSnippet(limo, 'title'), 'LIMO: Less is More for Reasoning [@limo]');
    assert.equal(citationSnippet(limo, 'custom', '${title} (${theme}) [@${key}] ${file}:${line}'), `${limo.title} (${limo.theme}) [@limo] ${limo.file}:${limo.line}`);
  });

  it('cites several papers at once', () => {
    assert.equal(citationSnippetForMany([limo, orca], 'pandoc'), '[@limo; @orca]');
    assert.equal(citationSnippetForMany([limo, orca], 'title'), `${limo.title} [@limo]; ${orca.title} [@orca]`);
    assert.equal(citationSnippetForMany([limo, orca], 'custom', '- @${key}'), '- @limo\n- @orca');
  });

  it('escapes Markdown in a title link, so the note scanner reads the title back', () => {
    const tricky = paper('Why [brackets], *stars*, _underscores_ and `ticks` <b>break</b> links \\ here', '', 'tricky');
    const link = citationSnippet(tricky, 'markdown');
    const [found] = new NoteScanner([tricky]).scan(`See ${link}.`);
    assert.equal(found.form, 'link');
    assert.equal(found.paper, tricky);
  });

  it('leaves unknown placeholders alone and names them, and wants a template for the custom style', () => {
    assert.equal(citationSnippet(limo, 'custom', '${key} ${year}'), 'limo ${year}');
    assert.deepEqual(unknownPlaceholders('${key} ${year} ${title} ${doi}'), ['year', 'doi']);
    assert.throws(() => citationSnippet(limo, 'custom'), /needs a template/);
  });

  it('every snippet style is read back by the note scanner as a citation of its paper', () => {
    const scanner = new NoteScanner(library.papers);
    for (const p of library.papers) {
      for (const style of ['pandoc', 'markdown', 'title'] as const) {
        const keys = scanner.scan(`Notes.\n\n${citationSnippet(p, style)}\n`).map((c) => c.key);
        assert.ok(keys.length > 0 && keys.every((k) => k === p.key), `${style} ${p.key}: ${keys.join(', ')}`);
      }
    }
  });
});

describe('bibliography export', () => {
  it('exports every seed paper in both formats with its own key, and reads them back', async () => {
    for (const format of FORMATS) {
      const text = await exportBibliography(library.papers, format);
      const back = await parseBibliography(text);
      assert.deepEqual(
        back.map((e) => e.key),
        library.papers.map((p) => p.key),
      );
      back.forEach((e, i) => {
        assert.equal(typeset(e.title), typeset(library.papers[i].title), format);
        assert.equal(typeset(e.abstract), typeset(library.papers[i].abstract), format);
      });
    }
  });

  it('writes BibTeX entries labelled with the citation key and CSL-JSON items with it as id', async () => {
    assert.match(await exportBibliography([limo], 'bibtex'), /^@article\{limo,\n/);
    const [item] = JSON.parse(await exportBibliography([limo], 'csl-json')) as Record<string, string>[];
    assert.deepEqual([item.id, item['citation-key'], item.title, item.abstract], ['limo', 'limo', limo.title, limo.abstract]);
  });

  it('round-trips arbitrary titles and abstracts through CSL-JSON exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string(), async (title, abstract) => {
        const [back] = await parseBibliography(await exportBibliography([paper(title, abstract)], 'csl-json'));
        assert.deepEqual(back, { key: 'test-key', title, abstract });
      }),
      { numRuns: 200 },
    );
  });

  it('writes tags that do not pair up as text in BibTeX, which then still reads back, and keeps the ones that do', async () => {
    for (const title of ['<b>', 'The <i> element', 'x</b>y', '<i><b>x</i>', 'a <sup>2</sup> and <sub>', 'Water: H<sub>2</sub>O']) {
      const [back] = await parseBibliography(await exportBibliography([paper(title, `${title} again`)], 'bibtex'));
      assert.deepEqual([back.title, back.abstract], [title, `${title} again`]);
    }
    const [venue] = await parseBibliography(await exportBibliography([{ ...paper('T', ''), venue: 'Proceedings of <b>' }], 'bibtex'));
    assert.equal(venue.venue, 'Proceedings of <b>');
    // Capitals kept from pandoc's sentence case; the colon braced, as the paper has no short title.
    assert.match(await exportBibliography([paper('Water: H<sub>2</sub>O <b>', '')], 'bibtex'), /title = \{\{W\}ater\{:\} \{H\}\\textsubscript\{2\}\{O\} <b>\}/);
  });

  it('round-trips titles and abstracts with LaTeX specials, accents and symbols through BibTeX', async () => {
    // What BibTeX can hold: printable ASCII (the LaTeX specials included) and accented Latin
    // letters. citation-js drops characters that have no LaTeX spelling, such as emoji.
    const char = fc.oneof(
      fc.constantFrom(...'#$%&_{}~^\\<>|"\'`-'.split(''), 'é', 'ü', 'ñ', 'Å', 'ç', ' '),
      // Tags citation-js reads as rich text, paired or not.
      fc.constantFrom('<b>', '</b>', '<i>', '</i>', '<sup>', '</sub>'),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019 .,:;!?()[]/@*+='.split('')), minLength: 1, maxLength: 4 }),
    );
    const text = fc.array(char, { maxLength: 30 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text.filter((t) => /\w/.test(t)), text, async (title, abstract) => {
        const [back] = await parseBibliography(await exportBibliography([paper(title, abstract)], 'bibtex'));
        assert.equal(back.key, 'test-key');
        assert.equal(typeset(back.title), typeset(title));
        assert.equal(typeset(back.abstract), typeset(abstract));
      }),
      { numRuns: 200 },
    );
  });
});

/** A paper from a user's bibliography, with every field the exports carry. */
const described: Paper = {
  ...paper('Über BERT: Fine-Tuning Language Models for German', 'We fine-tune BERT.', 'mueller2020'),
  authors: ['Müller, Jörg', 'van der Berg, Anna', 'OpenAI'],
  year: 2020,
  venue: 'Advances in Neural Information Processing Systems',
  doi: '10.1000/bert.42',
  url: 'https://example.org/papers/bert_42?x=1',
};

describe('bibliography export of papers from a bibliography', () => {
  it('carries the authors, year, venue, DOI and URL through both formats and back', async () => {
    for (const format of FORMATS) {
      const [back] = await parseBibliography(await exportBibliography([described], format));
      const { key, abstract, authors, year, venue, doi, url } = described;
      assert.deepEqual({ ...back, title: typeset(back.title) }, { key, title: typeset(described.title), abstract, authors, year, venue, doi, url }, format);
    }
  });

  it('writes CSL authors as family and given names, or whole', async () => {
    const [item] = JSON.parse(await exportBibliography([described], 'csl-json')) as Record<string, unknown>[];
    assert.deepEqual(item.author, [{ family: 'Müller', given: 'Jörg' }, { family: 'van der Berg', given: 'Anna' }, { literal: 'OpenAI' }]);
    assert.deepEqual(item.issued, { 'date-parts': [[2020]] });
    assert.deepEqual([item['container-title'], item.DOI, item.URL], [described.venue, described.doi, described.url]);
  });
});

describe('pandoc citeproc', () => {
  const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
  const needPandoc = (context: Mocha.Context) => {
    if (hasPandoc) return;
    if (process.env.CI) assert.fail('pandoc is not installed; .ci/run installs it with apt-get');
    context.skip();
  };
  const render = async (papers: readonly Paper[], format: BibliographyFormat, note: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'literature-notes-pandoc-'));
    const bibliography = join(dir, format === 'bibtex' ? 'papers.bib' : 'papers.json');
    writeFileSync(bibliography, await exportBibliography(papers, format));
    writeFileSync(join(dir, 'notes.md'), note);
    return spawnSync('pandoc', ['--citeproc', `--bibliography=${bibliography}`, '-t', 'plain', '--wrap=none', join(dir, 'notes.md')], { encoding: 'utf8' });
  };

  for (const format of FORMATS) {
    it(`renders a note citing seed papers with every citation resolved (${format})`, async function () {
      needPandoc(this);
      const [a, b, c] = library.papers;
      const run = await render(library.papers, format, `# Notes\n\nAs [@limo] shows [see @${a.key}, pp. 33-35; also @${b.key}, chap. 1], and [-@orca].\n\n@${c.key} says so.\n`);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stderr, /not found|WARNING/i);
      assert.doesNotMatch(run.stdout, /@|\?\?/);
      const rendered = run.stdout.toLowerCase(); // citeproc's default style title-cases
      for (const p of [limo, orca, a, b, c]) assert.ok(rendered.includes(p.title.toLowerCase()), `${p.key} in\n${run.stdout}`);
    });

    it(`shows the authors, year, venue and DOI of a paper from a bibliography (${format})`, async function () {
      needPandoc(this);
      const run = await render([described], format, '# Notes\n\nAs [@mueller2020] shows.\n');
      assert.equal(run.status, 0, run.stderr);
      // BibTeX reads `van der` as a particle that the short form leaves out; CSL keeps the family name whole.
      assert.match(run.stdout, /As \(Müller, (van der )?Berg, and OpenAI 2020\) shows\./);
      for (const text of ['Müller, Jörg', 'Anna van der Berg', 'Advances in Neural Information Processing Systems', '10.1000/bert.42']) {
        assert.ok(run.stdout.includes(text), `${text} in\n${run.stdout}`);
      }
    });
  }
});
