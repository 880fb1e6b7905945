// Real bibliographies others wrote, read here and by pandoc: the same entries, keys and titles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cslItemOf, exportBibliography } from '../../src/core/formats/bibliography';
import type { BibliographyFormat } from '../../src/core/formats/bibliography';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { plainText } from '../../src/core/formats/cslText';
import type { Paper } from '../../src/core/model/paper';
import { languageTag } from '../../src/core/formats/biblatexLanguages';
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
    });
  }
});

/** Every fixture file of a format we read, in both fixture folders: new fixtures join the round trip as they come. */
const ROUND_TRIP_FILES = ['bibliographies', 'attachments'].flatMap((folder) =>
  readdirSync(path.join(FIXTURES, '..', folder))
    .filter((name) => /\.(bib|json)$/.test(name))
    .map((name) => ({ name, file: path.join(FIXTURES, '..', folder, name), format: (name.endsWith('.json') ? 'csl-json' : 'bibtex') as BibliographyFormat })),
);

/**
 * Per file and field, how many items read otherwise here than pandoc reads them, as measured
 * when this was written; a rise fails. These differences are in the reading, and an export
 * keeps them (see the round trip below). The reading of titles is checked whole above; the
 * other fields, where citation-js reads otherwise than pandoc: a space next to a command pandoc
 * drops (`\proglang{R} package`, `as~\cite{x}`), which pandoc keeps at the field's edge (titles
 * and notes); math in notes and abstracts; a macro that is empty (`note = notreadyet`), which
 * pandoc writes as an empty note; `booktitleaddon`; the `booktitle` of an `@inbook` with a `maintitle`.
 */
const READ_OTHERWISE: Record<string, Record<string, number>> = {
  'biblatex-examples.bib': { 'volume-title': 3, 'container-title': 2 },
  'iridia.bib': {
    note: 43, annote: 26, abstract: 21, title: 21, 'title-short': 11, issue: 6, URL: 6, publisher: 6, 'container-title': 6,
    keyword: 5, ISSN: 2, page: 2, genre: 2, ISBN: 2, number: 1, 'publisher-place': 1,
  },
  'better-bibtex-library.bib': { publisher: 7, abstract: 6, ISBN: 4, 'title-short': 3, title: 2 },
};

/**
 * What pandoc's BibTeX reader cannot give back, though pandoc keeps it when it reads CSL-JSON,
 * so that an item read from CSL-JSON comes back otherwise from BibTeX: an en dash in `page`
 * (the BibTeX reader makes each a hyphen), a language that is no tag pandoc gives a BibLaTeX
 * name (`German`: a `langid` pandoc reads as its tag, or in lower case), `source` (no BibTeX
 * field is read as it), and initials written together (`N.J.`, read as `N. J.`). And from
 * BibTeX too: two spaces where pandoc dropped a command between them (`with \arabic{author}
 * authors`), which it reads as one when they are written.
 */
function pandocCannotWrite(field: string, ours: unknown, back: unknown): boolean {
  if (field === 'page') return typeof ours === 'string' && ours.replace(/–/g, '-') === back;
  if (field === 'language') return typeof ours === 'string' && languageTag(ours) === back;
  if (field === 'source') return back === undefined;
  if (typeof ours === 'string' && ours.includes('  ')) return ours.replace(/ {2,}/g, ' ') === back;
  const initialsSpaced = (value: unknown) => JSON.stringify(value)?.replace(/(\p{Lu}\.)(?=\p{Lu})/gu, '$1 ');
  return ['author', 'editor', 'translator'].includes(field) && initialsSpaced(ours) === JSON.stringify(back);
}

/**
 * Strings with pandoc 2.17's CSL-JSON writer's view of case protection: it drops
 * `<span class="nocase">` (later pandoc writes it), which our items keep for styles that change case.
 */
function withoutCaseProtection(value: unknown): unknown {
  if (typeof value === 'string') {
    // Innermost spans first: they may nest.
    let text = value;
    for (let before = ''; before !== text; ) [before, text] = [text, text.replace(/<span class="nocase">((?:(?!<\/?span).)*)<\/span>/g, '$1')];
    return text;
  }
  if (Array.isArray(value)) return value.map(withoutCaseProtection);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, withoutCaseProtection(record[key])]));
  }
  return value;
}

/** Each field (of either item) whose values differ, as `key field`; `citation-key` pandoc does not write. */
function differingFields(ours: ReadonlyMap<string, CslJson>, theirs: ReadonlyMap<string, CslJson>, keys: Iterable<string>, allowed = (_field: string, _ours: unknown, _theirs: unknown) => false): string[] {
  const differing: string[] = [];
  for (const key of keys) {
    const [a, b] = [ours.get(key) ?? {}, theirs.get(key) ?? {}] as Record<string, unknown>[];
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (field === 'citation-key') continue;
      const [x, y] = [withoutCaseProtection(a[field]), withoutCaseProtection(b[field])];
      if (JSON.stringify(x) !== JSON.stringify(y) && !allowed(field, x, y)) differing.push(`${key} ${field}`);
    }
  }
  return differing;
}

const byId = (items: readonly CslJson[]) => new Map(items.map((item) => [String(item.id), item]));

describe('exports round-trip through pandoc: every field and type of every entry of the real files', function () {
  this.timeout(600_000);
  before(function () {
    if (!hasPandoc()) this.skip();
  });

  for (const { name, file, format } of ROUND_TRIP_FILES) {
    describe(name, () => {
      // One pandoc run per file and format: the source, and each BibTeX export.
      let source: Map<string, CslJson>;
      let exported: Map<string, CslJson>;
      let keys: string[];
      const readBack = new Map<string, Map<string, CslJson>>();
      before(async () => {
        const text = readFileSync(file, 'utf8');
        const parsed = await parseBibliographyLibrary(text, name, format);
        // As above: pandoc is given the file without malformed entries, and with the text symbols it would drop.
        const errors = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line);
        source = byId(format === 'csl-json' ? pandocItems(text, 'csljson') : pandocItems(withTextSymbols(withoutEntriesAt(text, errors))));
        const papers: Paper[] = parsed.entries.map((e) => ({ ...e, key: e.key ?? '', theme: '' }));
        exported = byId(JSON.parse(await exportBibliography(papers, 'csl-json')) as CslJson[]);
        for (const style of ['bibtex', 'biblatex'] as const) readBack.set(style, byId(pandocItems(await exportBibliography(papers, style))));
        keys = [...source.values()].filter((item) => item.title).map((item) => String(item.id));
        assert.ok(keys.length > 0, 'the file has entries with titles');
      });

      it('exports each entry as a CSL-JSON item equal to pandoc\'s reading of it, field by field, but for the differences measured in the reading', () => {
        assert.deepEqual(keys.filter((key) => !exported.has(key)), [], 'every entry is exported');
        const differing = differingFields(exported, source, keys);
        const counts: Record<string, number> = {};
        for (const difference of differing) counts[difference.split(' ').pop() ?? ''] = (counts[difference.split(' ').pop() ?? ''] ?? 0) + 1;
        const known = READ_OTHERWISE[name] ?? {};
        const risen = Object.entries(counts).filter(([field, count]) => count > (known[field] ?? 0));
        assert.deepEqual(risen, [], `fields read otherwise than pandoc reads them: ${differing.filter((d) => risen.some(([field]) => d.endsWith(` ${field}`))).slice(0, 10).join(', ')}`);
      });

      for (const style of ['bibtex', 'biblatex'] as const) {
        it(`writes ${style === 'bibtex' ? 'BibTeX (classic field names)' : 'BibLaTeX'} that pandoc reads back to the exported items, and so to its reading of the source`, () => {
          const back = readBack.get(style) ?? new Map();
          assert.deepEqual([...exported.keys()].filter((key) => !back.has(key)), [], 'every entry reads back');
          assert.deepEqual(differingFields(exported, back, exported.keys(), pandocCannotWrite), [], 'the written entries read back to the items');
          // Whatever differs from pandoc's reading of the source differs already in the export above.
          const fromSource = differingFields(back, source, keys, (field, ours, theirs) => pandocCannotWrite(field, theirs, ours));
          const inReading = new Set(differingFields(exported, source, keys));
          assert.deepEqual(fromSource.filter((difference) => !inReading.has(difference)), []);
        });
      }
    });
  }
});

describe('pandoc and names', function () {
  this.timeout(60_000);
  before(function () {
    if (!hasPandoc()) this.skip();
  });

  it('splits each name written here into its parts as pandoc does', async () => {
    // Names as real files write them: in `@string` macros with spaces around, hyphenated, organisations in braces, particles.
    const NAMES = [
      'Smith, J.', '1994', '{1994}', '{Open Science Collaboration}', 'Vinayak', '{Vinayak}', '{Open} Science', '{\\"O}zt{\\"u}rk',
      'Kuo-tsung Tseng', 'Saldanha-da-Gama, F.', 'Atta-ul-Qayyum, Arif', 'Jean-Pierre de-la Fuente', 'de la Fuente-del Rio, Jean',
      'Pinho de Souza, Jorge', 'Jorge Pinho de Souza', 'van Pinho de Souza, Jorge', 'Pinho de Souza, Jr., Jorge', 'Ludwig van Beethoven',
      'Marco A. {Montes de Oca}', '{den Besten}, Matthijs L.',
    ];
    const text = '@string{coello = " Carlos A. {Coello Coello} "}\n@string{and = " and "}\n'
      + NAMES.map((name, i) => `@book{n${i}, title = {T}, author = {${name}}}\n`).join('')
      + '@book{m1, title = {T}, author = coello}\n@book{m2, title = {T}, author = {Smith, J.} #and# coello # " and " # {Doe, J.}}\n';
    const parsed = await parseBibliographyLibrary(text, 'names.bib', 'bibtex');
    const ours = new Map(parsed.entries.map((e) => [e.key, JSON.stringify(withoutCaseProtection(cslItemOf({ ...e, key: e.key ?? '', theme: '' }).author))]));
    const pandoc = pandocItems(text);
    assert.equal(pandoc.length, NAMES.length + 2);
    assert.deepEqual(pandoc.map((item) => `${item.id}: ${ours.get(item.id)}`), pandoc.map((item) => `${item.id}: ${JSON.stringify(withoutCaseProtection(item.author))}`));
  });
});

describe('pandoc and titles', function () {
  this.timeout(60_000);
  before(function () {
    if (!hasPandoc()) this.skip();
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
