// Real bibliographies others wrote, read here and by pandoc: the same entries, keys and titles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cslItemOf, exportBibliography } from '../../src/core/formats/bibliography';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { plainText } from '../../src/core/formats/cslText';
import type { Paper } from '../../src/core/model/paper';
import { withoutEntriesAt } from './bibliographyFixtures';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'bibliographies');

function hasPandoc(): boolean {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type CslJson = Record<string, unknown> & { id: string; title?: string };
const pandocItems = (text: string, from = 'biblatex'): CslJson[] => JSON.parse(execFileSync('pandoc', ['-f', from, '-t', 'csljson'], { input: text, maxBuffer: 1 << 28 }).toString()) as CslJson[];
const shown = (text: unknown) => plainText(String(text ?? '')).replace(/\s+/g, ' ').trim();

/**
 * Per file, the share of exported items whose type, authors, date, container, volume, issue, pages,
 * publisher, DOI and ISBN. The largest gaps when this was written: classic BibTeX has no
 * `@report`, `@patent`, `@online`…, so 13 of biblatex-examples' 90 types read back otherwise;
 * a one-word author (`Aristotle`) is written in braces, which pandoc reads as a literal name;
 * 446 of IRIDIA's 3,304 containers (crossref'd `@proceedings` with `series` and roman volume
 * numbers) read otherwise. Most fields differ for under 3 % of entries.
 */
const FIELDS_READ_OTHERWISE: Record<string, number> = { 'biblatex-examples.bib': 0.15, 'iridia.bib': 0.14 };
const COMPARED_FIELDS = ['type', 'author', 'issued', 'container-title', 'volume', 'issue', 'page', 'publisher', 'DOI', 'ISBN'];

/**
 * LaTeX's text symbols pandoc 2.17 drops as commands it does not know, though LaTeX prints
 * them (and later pandoc versions read several): pandoc is given their characters instead;
 * and `\-` (where a word may break), which pandoc 2.17 takes with the group after it and
 * drops both, is given as nothing.
 */
const TEXT_SYMBOLS: Readonly<Record<string, string>> = {
  textendash: '–', textemdash: '—', textexclamdown: '¡', textquestiondown: '¿', textcopyright: '©', textregistered: '®',
  texttrademark: '™', texttimes: '×', textbullet: '•', textdegree: '°', texteuro: '€',
};
const withTextSymbols = (text: string) => text.replace(/\\([a-z]+)(?: *\{\}| +|(?![a-z]))/g, (command, name: string) => TEXT_SYMBOLS[name] ?? command).replace(/\\-/g, '');

/** Strings as shown (tags and spacing aside), objects with their keys in order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'string') return shown(value);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, canonical(record[key])]));
  }
  return value;
}

describe('real bibliographies, read as pandoc reads them', function () {
  this.timeout(600_000);
  before(function () {
    if (!hasPandoc()) this.skip();
  });

  for (const file of ['biblatex-examples.bib', 'iridia.bib', 'dblp-thesis.bib', 'better-bibtex-library.bib']) {
    describe(file, () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      let pandoc: CslJson[];
      let papers: Paper[];
      before(async () => {
        const parsed = await parseBibliographyLibrary(text, file, 'bibtex');
        // pandoc reads a file all or nothing: it is given the file without the entries reported as malformed.
        pandoc = pandocItems(withTextSymbols(withoutEntriesAt(text, parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line))));
        papers = parsed.entries.map((e) => ({ ...e, key: e.key ?? '', theme: '' }));
      });

      it('loads every entry pandoc reads that has a title, under its key exactly', () => {
        const keys = new Set(papers.map((p) => p.key));
        const missing = pandoc.filter((item) => item.title && !keys.has(item.id)).map((item) => item.id);
        assert.deepEqual(missing, []);
        assert.ok(pandoc.filter((item) => item.title).length > 50, 'the file has entries');
      });

      it('reads every title as pandoc does', () => {
        const ours = new Map(papers.map((p) => [p.key, cslItemOf(p)]));
        const differing = pandoc.filter((item) => item.title && shown(ours.get(item.id)?.title) !== shown(item.title));
        assert.deepEqual(
          differing.map((item) => `${item.id}: ${shown(ours.get(item.id)?.title)}`),
          differing.map((item) => `${item.id}: ${shown(item.title)}`),
        );
      });

      // The exports are compared on the first two files.
      if (!['biblatex-examples.bib', 'iridia.bib'].includes(file)) return;

      it('exports each entry as CSL-JSON with its type, names, date and publication fields as pandoc reads them', async () => {
        const exported = new Map((JSON.parse(await exportBibliography(papers, 'csl-json')) as CslJson[]).map((item) => [item.id, item]));
        const compared = pandoc.filter((item) => item.title);
        for (const field of COMPARED_FIELDS) {
          const differing = compared.filter((item) => JSON.stringify(canonical(exported.get(item.id)?.[field])) !== JSON.stringify(canonical(item[field]))).map((item) => item.id);
          assert.ok(differing.length / compared.length <= FIELDS_READ_OTHERWISE[file], `${field}: ${differing.length} of ${compared.length} differ: ${differing.slice(0, 10).join(', ')}`);
        }
      });

      for (const format of ['bibtex', 'biblatex'] as const) {
        it(`exports ${format} that pandoc reads back to the same type, names, date and publication fields`, async () => {
          const back = new Map(pandocItems(await exportBibliography(papers, format)).map((item) => [item.id, item]));
          const source = new Map(pandoc.map((item) => [item.id, item]));
          assert.deepEqual(papers.filter((p) => !back.has(p.key)).map((p) => p.key), [], 'every entry reads back');
          const compared = papers.filter((p) => source.get(p.key)?.title);
          for (const field of COMPARED_FIELDS) {
            const differing = compared.filter((p) => JSON.stringify(canonical(back.get(p.key)?.[field])) !== JSON.stringify(canonical(source.get(p.key)?.[field]))).map((p) => p.key);
            assert.ok(differing.length / compared.length <= FIELDS_READ_OTHERWISE[file], `${field}: ${differing.length} of ${compared.length} differ: ${differing.slice(0, 10).join(', ')}`);
          }
        });
      }
    });
  }

  describe('zotero-better-csl.json', () => {
    it('loads every item under its id, and exports each as pandoc reads the file: every field, type, name and date', async () => {
      const text = readFileSync(path.join(FIXTURES, 'zotero-better-csl.json'), 'utf8');
      const parsed = await parseBibliographyLibrary(text, 'zotero-better-csl.json', 'csl-json');
      const papers: Paper[] = parsed.entries.map((e) => ({ ...e, key: e.key ?? '', theme: '' }));
      const pandoc = pandocItems(text, 'csljson');
      assert.deepEqual(papers.map((p) => p.key), pandoc.map((item) => item.id));
      const exported = JSON.parse(await exportBibliography(papers, 'csl-json')) as CslJson[];
      const withoutKey = ({ 'citation-key': _key, ...item }: CslJson) => canonical(item);
      assert.deepEqual(exported.map(withoutKey), pandoc.map(withoutKey));
    });
  });

  describe('titles written here to try what pandoc reads', () => {
    // Each title alone, with what pandoc's LaTeX reader and citeproc's sentence case do with it.
    const TITLES = [
      // Commands pandoc does not know: dropped with their arguments.
      'A \\unk{B}{C} D', 'A \\unk {B} D', 'A \\unk[x]{B} D', 'A \\unk B D', 'A {\\unk} B D', 'A \\cite{foo} D',
      // Formatting: small capitals, super- and subscripts, code and BibLaTeX's \\mkbib… keep their case.
      'The Big \\textsc{Word Here} Is', 'The Big \\textsuperscript{Word Here} Is', 'The Big \\textsubscript{Word Here} Is',
      'The Big \\texttt{Word Here} Is', 'The Big \\textup{Word Here} Is', 'The Big \\textnormal{Word Here} Is', 'The Big \\emph{Word Here} Is',
      'The Big \\mkbibemph{Word Here} Is', 'The Big \\mkbibquote{Word Here} Is', 'The Big \\enquote{Word Here} Is', 'The Big \\href{x}{Word Here} Is',
      'The Big \\foreignlanguage{german}{Word Here} Is', 'The Big \\uppercase{Word Here} Is', 'The Big \\MakeLowercase{Word Here} Is',
      "Aristotle's \\mkbibquote{De Motu Animalium}", 'A {\\em Emph} and {\\bf Bold Word} D',
      // Math: TeX as pandoc's CSL writes it.
      'A $\\alpha$ and $x^2$ and $\\mathcal{O}(n)$ D', 'The ({1+\\(\\lambda\\)}) Algorithm', '{$D^2MOPSO$}: Based on It', 'A \\ensuremath{\\alpha} D',
      // Letters and quotes.
      "A \\'{E}cole and \\\"Uber and {\\\"U}ber D", 'Phil\\\'{e}as: Anomaly', "A ``Quoted Words'' and `Single' D", "Why `{GSA}: a Search' Is",
      'A \\i{}j \\o{} \\ss{} \\S{} \\copyright{} \\pounds{}',
      // Sentence case: the first word of a sentence, the last word, words with digits.
      'Algorithmic Learning Theory. Proceedings of It', 'Ready for Retirement? Reproducibility', 'Generalist vs. Specialist',
      'Algorithms~{I}: Effectiveness', 'Algorithms I: Effectiveness', 'Theory of It: Optimal Things', 'Editorial: The Special Issue',
      'Hello World, {II}: Revisited', 'Hello-World: Revisited', 'Hello World (Second): Revisited', 'Italy, August29 - September 1, 2006',
      'Towards Optimisers That `{Keep} {Learning}\'', 'M{\\\'e}moire sur les {\\\'E}lections',
    ];
    it('reads each as pandoc does', async () => {
      const text = TITLES.map((title, i) => `@book{t${i}, title = {${title}}}\n`).join('')
        + '@periodical{p, title = {Computers and Graphics}, issuetitle = {Semantic {3D} Media}}\n'
        + '@book{s, title = {Aristotle}, subtitle = {Revisited Here}}\n@book{s2, title = {Why?}, subtitle = {Revisited}}\n';
      const parsed = await parseBibliographyLibrary(text, 'titles.bib', 'bibtex');
      const ours = new Map(parsed.entries.map((e) => [e.key, shown(cslItemOf({ ...e, key: e.key ?? '', theme: '' }).title)]));
      const pandoc = pandocItems(text);
      assert.deepEqual(pandoc.map((item) => `${item.id}: ${ours.get(item.id)}`), pandoc.map((item) => `${item.id}: ${shown(item.title)}`));
    });
  });
});
