import assert from 'node:assert/strict';
import { plainText } from '../../src/core/formats/cslText';
import fc from 'fast-check';
import { loadCitationJs } from '../../src/core/formats/bibliography';
import { parseBibliographyLibrary, parseBibliographyWork, readCslJson, readCslJsonWhole, type CitationJs, type Report } from '../../src/core/formats/bibliographyLibrary';
import { topLevelElements } from '../../src/core/formats/cslJsonElements';
import { libraryFormatOf } from '../../src/core/formats/libraryContent';
import { decodeLibraryFileWork } from '../../src/core/formats/seedFormat';
import type { ParsedLibraryFile } from '../../src/core/model/paper';
import { finish } from '../../src/core/work/slices';
import { generatePapers } from '../bench/generateLibrary';
import { BIBTEX, CROSSREF_BIBTEX, CSL_JSON, lineOf } from './bibliographyFixtures';
import { seedEntries } from './seedLibrary';

const read = (text: string, file: string) => parseBibliographyLibrary(text, file, libraryFormatOf(file) as 'bibtex' | 'csl-json');

describe('BibTeX library files', () => {
  it('keep each entry’s own key, title, abstract, authors, year, venue, DOI, URL and line', async () => {
    const { entries } = await read(BIBTEX, 'refs.bib');
    assert.deepEqual(
      entries.map((e) => [e.key, e.line]),
      [
        ['vaswani2017attention', lineOf(BIBTEX, '@article{vaswani')],
        ['mueller2020', lineOf(BIBTEX, '@InProceedings{mueller')],
        ['smith-2019', lineOf(BIBTEX, '@Article(smith')],
      ],
    );
    const { csl, ...vaswani } = entries[0];
    assert.deepEqual([csl?.type, csl?.title, csl?.id], ['article-journal', 'Attention is all you need', 'vaswani2017attention'], 'the whole entry, as pandoc reads it');
    assert.deepEqual(vaswani, {
      key: 'vaswani2017attention',
      title: 'Attention Is All You Need',
      abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
      authors: ['Vaswani, Ashish', 'Shazeer, Noam', 'Parmar, Niki'],
      year: 2017,
      venue: 'CoRR',
      doi: '10.48550/arXiv.1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      file: 'refs.bib',
      line: 4,
    });
    const [, mueller, smith] = entries;
    assert.equal(mueller.title, 'Über BERT: Fine-Tuning Language Models for German');
    assert.deepEqual(mueller.authors, ['Müller, Jörg', 'van der Berg, Anna', 'OpenAI']);
    assert.equal(mueller.venue, 'Advances in Neural Information Processing Systems', 'the @string macro is expanded');
    assert.equal(mueller.year, 2020);
    assert.deepEqual([smith.title, smith.year, smith.abstract, smith.authors], ['Robots That Cook', 2019, '', undefined]);
  });

  it('report a broken entry at its line and an untitled one as skipped, and load the rest', async () => {
    const { diagnostics } = await read(BIBTEX, 'refs.bib');
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.severity]),
      [
        ['refs.bib', lineOf(BIBTEX, '@inproceedings{doe'), 'error'],
        ['refs.bib', lineOf(BIBTEX, '@misc{untitled'), 'warning'],
      ],
    );
    assert.match(diagnostics[0].message, /^malformed entry "doe:2021": .*brace or quote left open.*; skipped$/);
    assert.equal(diagnostics[1].message, '"untitled" has no title; skipped');
  });

  it('keep keys exactly as written, and report a file with no entries', async () => {
    const { entries } = await read('@misc{Odd:Key/2020+x,\n  title = {Odd}\n}\n@misc{_u,title={U}}\n', 'odd.bib');
    assert.deepEqual(entries.map((e) => e.key), ['Odd:Key/2020+x', '_u']);
    const none = await read('Attention Is All You Need\n\nThe dominant models are recurrent.\n', 'seeds.bib');
    assert.deepEqual(none.entries, []);
    assert.deepEqual(none.diagnostics.map((d) => [d.line, d.severity]), [[1, 'error']]);
    assert.match(none.diagnostics[0].message, /no BibTeX entries found/);
  });

  it('report a broken @string macro and still read the entries', async () => {
    const { entries, diagnostics } = await read('@string{venue = {Open\n@misc{a, title = {A}, journal = venue}\n', 'm.bib');
    assert.deepEqual(entries.map((e) => [e.key, e.venue]), [['a', undefined]]);
    assert.deepEqual(diagnostics.map((d) => d.line), [1]);
    assert.match(diagnostics[0].message, /^malformed @string "venue"/);
  });
});

describe('a BibTeX file parsed again after an edit', () => {
  it('parses only the entries whose text changed, and gives what parsing it all would give', async () => {
    const citationJs = await loadCitationJs();
    let parsed = 0;
    const counting: CitationJs = {
      ...citationJs,
      plugins: {
        ...citationJs.plugins,
        input: {
          ...citationJs.plugins.input,
          chain: (...args: Parameters<CitationJs['plugins']['input']['chain']>) => {
            parsed++;
            return citationJs.plugins.input.chain(...args);
          },
        },
      },
    };
    const parse = (text: string, earlier?: ParsedLibraryFile) => finish(parseBibliographyWork([text], 'refs.bib', 'bibtex', counting, earlier?.entryParses));
    const before = parse(BIBTEX);
    const entryCount = before.entryParses!.size;
    // A new entry on top moves every other one down; one entry's title is edited.
    const edited = `@misc{added2024,\n  title = {A Paper Added on Top}\n}\n\n${BIBTEX.replace('Attention Is All You Need', 'Attention Is Still All You Need')}`;
    parsed = 0;
    const after = parse(edited, before);
    assert.equal(parsed, 1 + 2, 'the @string macro, the entry added and the entry edited');
    parsed = 0;
    const afresh = parse(edited);
    assert.equal(parsed, 1 + entryCount + 1);
    assert.deepEqual(after.entries, afresh.entries);
    assert.deepEqual(after.diagnostics, afresh.diagnostics);
    assert.ok(after.diagnostics.some((d) => /malformed entry "doe:2021"/.test(d.message)), 'a broken entry is reported again, at its new line');
  });
});

describe('CSL-JSON library files', () => {
  it('keep each item’s key (citation-key, else id), metadata and the line of its "id"', async () => {
    const { entries } = await read(CSL_JSON, 'refs.json');
    const { csl, ...smith } = entries[0];
    assert.deepEqual([csl?.type, csl?.id, csl?.['container-title']], ['article-journal', 'smith2020', 'Journal of Robot Cooking'], 'the whole item');
    assert.deepEqual(smith, {
      key: 'smith2020',
      title: 'Robots That Cook',
      abstract: 'We teach robots to cook.',
      authors: ['Smith, John', 'The Robot Team'],
      year: 2020,
      venue: 'Journal of Robot Cooking',
      doi: '10.1000/cook',
      url: 'https://example.org/cook',
      file: 'refs.json',
      line: lineOf(CSL_JSON, '"id": "smith2020"'),
    });
    assert.deepEqual(
      entries.slice(1).map((e) => [e.key, e.title, e.year, e.line]),
      [
        ['Lee 2018', 'Numbers and Words', 1999, lineOf(CSL_JSON, '"id": 7')],
        [undefined, 'No Id Here', undefined, lineOf(CSL_JSON, '{ "title": "No Id Here"')],
      ],
    );
  });

  it('report untitled, id-less, unreadable and non-object items at their lines, in line order', async () => {
    const { diagnostics } = await read(CSL_JSON, 'refs.json');
    // citation-js's own reason for an unreadable item is its business, not ours.
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.severity, d.message.replace(/\(.+\)/, '(…)')]),
      [
        [lineOf(CSL_JSON, '"no-title"'), 'warning', '"no-title" has no title; skipped'],
        [lineOf(CSL_JSON, '42'), 'error', 'item 3 is not a CSL-JSON object; skipped'],
        [lineOf(CSL_JSON, '"bad-name"'), 'error', 'item 4 is not valid CSL (…); skipped'],
        [lineOf(CSL_JSON, '"No Id Here"'), 'warning', '"No Id Here" has no id; it is cited by a key made from its title'],
      ],
    );
  });

  it('read one item on its own, and turn invalid JSON into one error at the line of the fault', async () => {
    assert.deepEqual((await read('{ "id": "x", "title": "One" }', 'one.json')).entries.map((e) => e.key), ['x']);
    const broken = '[\n  { "id": "a", "title": "A" },\n  { "id": "b", "title": }\n]\n';
    assert.deepEqual(await read(broken, 'broken.json'), {
      entries: [],
      diagnostics: [{ file: 'broken.json', line: 3, severity: 'error', message: 'not valid JSON (value expected); nothing in the file was loaded' }],
    });
    const notItems = await read('"a string"', 'string.json');
    assert.deepEqual(notItems.diagnostics.map((d) => d.message), ['expected a CSL-JSON array of items']);
  });
});

describe('CSL-JSON read in slices', () => {
  let citationJs: CitationJs;
  before(async () => (citationJs = await loadCitationJs()));
  const readWith = <T>(read: (text: T, cjs: CitationJs, report: Report) => Generator<void, unknown>, text: T) => {
    const diagnostics: Parameters<Report>[] = [];
    const items = finish(read(text, citationJs, (...d) => diagnostics.push(d)));
    // As plain data: the whole-file parse makes objects without a prototype, JSON.parse with one.
    return { items: JSON.parse(JSON.stringify(items)) as unknown, diagnostics };
  };

  it('reads any file as the whole-file parse does: the same items at the same lines, the same problems', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constantFrom(true, false, null));
    const item = fc.oneof(
      { weight: 4, arbitrary: fc.record({ id: fc.oneof(fc.string({ maxLength: 6 }), fc.nat()), title: fc.string({ maxLength: 10 }), author: fc.array(fc.record({ family: fc.string({ maxLength: 5 }) }), { maxLength: 2 }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.record({ note: fc.record({ id: fc.string({ maxLength: 3 }) }) })) },
    );
    const file = fc
      .tuple(fc.array(item, { maxLength: 6 }), fc.constantFrom(undefined, 2, '\t'))
      .map(([items, indent]) => JSON.stringify(items, null, indent));
    // Mostly well-formed; else a character dropped or put in, or the file cut short.
    const damaged = fc.tuple(file, fc.nat(), fc.constantFrom('', ',', ']', '}', '[', '{', '"', ':', 'x', '/', '\n', ' ')).map(([text, at, put]) => {
      const cut = at % (text.length + 1);
      return put === ' ' ? text : text.slice(0, cut) + put + text.slice(cut + (put === '' ? 1 : 0));
    });
    const odd = fc.constantFrom('', '{ "id": "x", "title": "One" }', '// note\n[]', '[] x', '[1,]', '"a string"', '\uFEFF[{"id": 1, "title": "T"}]');
    // The pieces the file is decoded in may end anywhere, within a token too.
    const cutInPieces = (texts: fc.Arbitrary<string>) =>
      fc.tuple(texts, fc.array(fc.nat(), { maxLength: 6 })).map(([text, cuts]) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        return [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
      });
    const inPieces = cutInPieces(fc.oneof(file, damaged, odd));
    // Well-formed files are taken apart in slices, not parsed whole.
    fc.assert(
      fc.property(cutInPieces(file), (pieces) => {
        assert.equal(finish(topLevelElements(pieces))?.length, (JSON.parse(pieces.join('')) as unknown[]).length);
      }),
    );
    fc.assert(
      fc.property(inPieces, (pieces) => {
        const whole = pieces.join('').replace(/^\uFEFF/, '');
        assert.deepEqual(readWith(readCslJson, pieces), readWith(readCslJsonWhole, whole), JSON.stringify(pieces));
      }),
      { numRuns: 500 },
    );
  });

  it('pauses while taking a large array apart, a few thousand tokens at a time', () => {
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: `k${i}`, title: `Paper ${i}` })));
    const work = topLevelElements([text.slice(0, 1000), text.slice(1000)]);
    let pauses = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) pauses++;
    assert.equal(step.value?.length, 20_000);
    assert.ok(pauses >= 200, `${pauses} pauses`);
    assert.deepEqual(step.value[7], { text: '{"id":"k7","title":"Paper 7"}', isObject: true, line: 1 });
  });
});

describe('bibliography library parsing', () => {
  it('never throws and points every entry and problem at a line of the file, whatever the text', async () => {
    const bibtexish = fc.array(
      fc.oneof(
        fc.constantFrom('@article{k,', '@misc(', '@string{m = "x"}', '@comment{', 'title = {', 'title = "T",', 'author = {A and B},', '}', ')', '{', '"', ',', '#', '=', '\\"u', 'journal = m', '\n', '\r\n'),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 40 },
    );
    const jsonish = fc.oneof(
      fc.json(),
      fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('[', ']', '{', '}', '"id":', '"title":', '"a"', ',', '\n')), { maxLength: 40 }).map((p) => p.join('')),
      fc.array(fc.dictionary(fc.constantFrom('id', 'title', 'author', 'issued', 'DOI', 'abstract', 'citation-key'), fc.jsonValue())).map((items) => JSON.stringify(items, null, 1)),
    );
    const check = async (text: string, file: string) => {
      const { entries, diagnostics } = await read(text, file);
      const lines = text.split(/\r\n|\r|\n/).length;
      for (const at of [...entries, ...diagnostics]) assert.ok(at.line >= 1 && at.line <= lines, `line ${at.line} of ${lines}`);
      for (const e of entries) assert.ok(e.title.trim() !== '' && e.title === e.title.trim());
    };
    await fc.assert(fc.asyncProperty(bibtexish, async (parts) => check(parts.join(''), 'any.bib')), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(jsonish, async (text) => check(text, 'any.json')), { numRuns: 300 });
  });
});

describe('bibliography files read with pauses', () => {
  it('give what the whole text gives, entries spread over many pieces at their lines, macros defined anywhere', async () => {
    const papers = generatePapers(seedEntries, 600);
    const entry = (p: (typeof papers)[number], i: number) =>
      i === 300
        ? `@article{broken${i},\r\n  title = {Left {Open,\r\n}\r\n`
        : `@article{paper${i},\r\n  title = {${p.title}},\r\n  journal = venue,\r\n  abstract = {${p.abstract}}\r\n}\r\n`;
    const text = `% generated\r\n${papers.map(entry).join('\r\n')}\r\n@string{venue = "Late Venue"}\r\n`;
    const { pieces } = finish(decodeLibraryFileWork(Buffer.from(text), 'big.bib'));
    assert.ok(pieces!.length >= 3, `${pieces!.length} pieces`);
    const work = parseBibliographyWork(pieces!, 'big.bib', 'bibtex', await loadCitationJs());
    let pauses = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) pauses++;
    const whole = await read(text, 'big.bib');
    assert.deepEqual(step.value, whole);
    assert.ok(pauses > 1200, `${pauses} pauses`);
    assert.equal(whole.entries.length, 599);
    const lines = text.split('\r\n');
    for (const e of whole.entries) assert.equal(lines[e.line - 1], `@article{${e.key},`);
    assert.ok(whole.entries.every((e) => e.venue === 'Late Venue'));
    assert.deepEqual(whole.diagnostics.map((d) => [d.line, d.severity]), [[lineOf(text, '@article{broken300'), 'error']]);
  });
});

describe('BibTeX entries as pandoc reads them', () => {
  it('keep an entry with a starred command and math, decode its letters, and inherit from its crossref', async () => {
    const { entries, diagnostics } = await read(CROSSREF_BIBTEX, 'c.bib');
    assert.deepEqual(diagnostics, []);
    const child = entries.find((e) => e.key === 'damgard:child');
    // Math citation-js cannot write in Unicode stays TeX, as in pandoc's CSL.
    assert.equal(child?.title, 'A Design Principle for “Hash” Functions, TeX and Math \\_x');
    assert.deepEqual([child?.authors, child?.year, child?.venue], [['Damgård, Ivan'], 1989, 'Proceedings of Things']);
    const csl = child?.csl ?? {};
    // As `pandoc -f biblatex -t csljson` reads the entry.
    assert.deepEqual(
      [csl.type, csl.title, csl['container-title'], csl.volume, csl.publisher, csl['publisher-place'], csl.editor, csl.issued],
      ['paper-conference', 'A design principle for “hash” functions, TeX and math <span class="nocase">\\_x</span>', 'Proceedings of things', '435', 'Springer', 'New York', [{ family: 'Brassard', given: 'Gilles' }], { 'date-parts': [[1989]] }],
    );
  });

  it('show a title with commands the @preamble defines as LaTeX prints it, and give its CSL item pandoc\'s reading', async () => {
    const text = [
      '@preamble{ "\\providecommand{\\rpackage}[1]{{#1}} " # "\\newcommand{\\noopsort}[1]{} \\def\\MMAS{{MAX--MIN} Ant System}" }',
      '@article{irace, title = {The {\\rpackage{irace}} Package: {\\noopsort{b}}Iterated Racing with \\MMAS{} and $\\epsilon$-Steps}}',
    ].join('\n');
    const [paper] = (await read(text, 'p.bib')).entries;
    assert.equal(paper.title, 'The irace Package: Iterated Racing with MAX–MIN Ant System and ϵ-Steps');
    // pandoc ignores the preamble and drops the commands it does not know; it writes math as TeX.
    assert.equal(plainText(String(paper.csl?.title)), 'The  package: Iterated racing with  and \\epsilon-steps');
  });

  it('give an entry its own keywords and address over its crossref parent\'s, as pandoc does', async () => {
    const text = [
      '@proceedings{proc, title = {Proceedings of Things}, year = 1989, address = {Berlin}, keywords = {parent words}}',
      '@inproceedings{child, crossref = {proc}, title = {A Child Paper}, author = {Doe, Jane}, address = {Paris}, keywords = {child words}}',
    ].join('\n');
    const child = (await read(text, 'x.bib')).entries.find((e) => e.key === 'child');
    assert.deepEqual([child?.csl?.keyword, child?.csl?.['publisher-place']], ['child words', 'Paris']);
  });

  it('show math symbols in a title as LaTeX prints them, and keep their TeX in the CSL item as pandoc does', async () => {
    const [paper] = (await read('@misc{c0c0, title = {C$\\emptyset$C$\\emptyset$ and $\\infty$-Categories}}', 'm.bib')).entries;
    assert.equal(paper.title, 'C∅C∅ and ∞-Categories');
    assert.equal(plainText(String(paper.csl?.title)), 'C\\emptysetc\\emptyset and \\infty-categories');
  });

  it('parse an entry with only the macros it uses: another macro changed leaves its parse as it was', async () => {
    const file = (m5: string, m7: string) => `@string{m5 = {${m5}}}\n@string{m7 = {${m7}}}\n@string{both = m7 # { and } # m5}\n@article{a, title = {T}, journal = m7}\n@article{b, title = {U}, journal = both}\n`;
    const first = await read(file('Five', 'Seven'), 'm.bib');
    assert.deepEqual(first.entries.map((e) => e.venue), ['Seven', 'Seven and Five'], 'a macro made of macros');
    const hashes = async (m5: string, m7: string) => [...((await read(file(m5, m7), 'm.bib')).entryParses?.keys() ?? [])];
    const [a, b] = await hashes('Five', 'Seven');
    const [a5, b5] = await hashes('FIVE', 'Seven');
    assert.equal(a5, a, 'm5 changed: entry a, which uses only m7, is parsed from the same text');
    assert.notEqual(b5, b, 'm5 changed: entry b uses it through "both"');
    const [a7] = await hashes('Five', 'SEVEN');
    assert.notEqual(a7, a);
  });
});
