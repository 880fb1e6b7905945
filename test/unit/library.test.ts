import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PANDOC_KEY } from '../../src/core/model/citationKey';
import { PaperLibrary } from '../../src/core/model/library';
import type { Paper } from '../../src/core/model/paper';
import { libraryFormatOf, ParsedFiles, readLibrary } from '../../src/core/formats/libraryContent';
import { readLibrarySources, seedLibraryFiles } from '../../src/node/libraryFiles';
import { emptyLibraryProblem } from '../../src/core/model/libraryProblem';
import { finish } from '../../src/core/work/slices';
import { BIBTEX, CSL_JSON, lineOf } from './bibliographyFixtures';
import { generatePapers } from '../bench/generateLibrary';
import { loadSeedLibrary, SEED_FILE, seedEntries, seedFormat, seedSource, seedThemes, withTypo } from './seedLibrary';

describe('paper library', () => {
  const library = loadSeedLibrary();

  it('loads every seed paper with a key, theme, file and title line', () => {
    assert.equal(library.papers.length, 92);
    assert.deepEqual(library.diagnostics, []);
    const lines = seedSource.bytes.toString().split('\n');
    for (const p of library.papers) {
      assert.equal(library.paperByKey(p.key), p);
      assert.equal(p.file, SEED_FILE);
      assert.equal(lines[p.line - 1], p.title);
      assert.ok(library.themes.some((t) => t.name === p.theme));
    }
    assert.equal(library.paperByKey('no-such-key'), undefined);
  });

  it('finds every seed paper first from its title with a typo, cut short, or in lower case', async () => {
    for (const p of library.papers) {
      const cut = p.title.slice(0, Math.max(8, p.title.length >> 1));
      for (const query of [withTypo(p.title), cut, p.title.toLowerCase()]) {
        assert.equal((await library.search(query, 1))[0]?.paper.key, p.key, `"${query}"`);
      }
    }
  });

  it('returns scores best first and the matched words for highlighting', async () => {
    const results = await library.search('robot table tenis', 5);
    assert.equal(results[0].paper.key, 'achieving-human-level');
    assert.ok(results.every((r, i) => i === 0 || results[i - 1].score >= r.score));
    assert.ok(results[0].terms.includes('tennis') && results[0].terms.includes('robot'), results[0].terms.join());
    assert.deepEqual(await library.search('the of and'), []);
    assert.equal((await library.search('instruction', 3)).length, 3);
    assert.equal((await library.search('limo'))[0].paper.key, 'limo');
  });

  it('loads from its cache without re-indexing, with the same results, and re-indexes changed content', async () => {
    const cache = library.toCache();
    const cached = await PaperLibrary.fromSources([seedSource], { themes: seedThemes, cache });
    assert.equal(cached.fromCache, true);
    assert.deepEqual(cached.papers, library.papers);
    for (const query of ['robot table tennis', 'instruction tunin', 'mixture of experts']) {
      // Scores agree to rounding: the index stores field-length averages as decimals.
      const ranked = async (lib: PaperLibrary) => (await lib.search(query)).map((r) => [r.paper.key, r.score.toFixed(9)]);
      assert.deepEqual(await ranked(cached), await ranked(library));
    }
    const changed = { file: SEED_FILE, bytes: Buffer.concat([seedSource.bytes, Buffer.from('\n\nA New Paper About Robots\n\nWe build a robot that learns to fold laundry from a few demonstrations, and it works well.\n')]) };
    const rebuilt = await PaperLibrary.fromSources([changed], { themes: seedThemes, cache });
    assert.equal(rebuilt.fromCache, false);
    assert.equal(rebuilt.papers.length, 93);
    assert.equal((await rebuilt.search('fold laundry'))[0].paper.title, 'A New Paper About Robots');
    const otherThemes = await PaperLibrary.fromSources([seedSource], { themes: seedThemes.slice(1), cache });
    assert.equal(otherThemes.fromCache, false);
    const damaged = await PaperLibrary.fromSources([seedSource], { themes: seedThemes, cache: cache.slice(0, cache.length / 2) });
    assert.equal(damaged.fromCache, false);
    assert.equal((await damaged.search('limo'))[0].paper.key, 'limo');
  });

  it('restores from its cache an index that answers every query exactly as the one it built', async () => {
    const generated = { file: 'generated.txt', bytes: seedFormat(generatePapers(seedEntries, 3000)) };
    const built = await PaperLibrary.fromSources([generated], { themes: seedThemes });
    const restored = await PaperLibrary.fromSources([generated], { themes: seedThemes, cache: built.toCache() });
    assert.equal(restored.fromCache, true);
    const titles = built.papers.filter((_, i) => i % 50 === 0).map((p) => p.title);
    const queries = titles.flatMap((t) => [t, withTypo(t), t.slice(0, 12), t.split(' ').slice(-2).join(' ')]);
    for (const query of [...queries, 'robot', 'ro', 'reinforcement learnin', built.papers[7].key]) {
      const ranked = async (lib: PaperLibrary) => (await lib.search(query, 30)).map((r) => [r.paper.key, r.score.toFixed(9), [...r.terms].sort().join()]); // matched words in the tree's order, which a restore need not keep
      assert.deepEqual(await ranked(restored), await ranked(built), query);
    }
  });

  it('suggests related papers that mostly share the theme, never the paper itself', () => {
    let same = 0;
    let total = 0;
    for (const p of library.papers) {
      const related = library.relatedTo(p, 5);
      assert.equal(related.length, 5);
      assert.ok(related.every((r) => r.paper !== p));
      assert.ok(related.every((r, i) => i === 0 || related[i - 1].score >= r.score));
      same += related.filter((r) => r.paper.theme === p.theme).length;
      total += related.length;
    }
    assert.ok(same / total > 0.55, `${same} of ${total} share the theme`);
    const robots = library.relatedTo(library.paperByKey('achieving-human-level')!, 3).map((r) => r.paper.theme);
    assert.deepEqual(robots, ['Robot learning', 'Robot learning', 'Robot learning']);
  });

  describe('related papers saved for the next session', () => {
    const fresh = () => PaperLibrary.fromContent({ sources: [seedSource], entries: seedEntries, diagnostics: [] }, { themes: seedThemes });
    const saved = () => {
      library.relatedTo(library.papers[0]);
      return new Uint8Array(Buffer.concat(library.saveRelated()!)); // a plain Uint8Array, whose slice is a copy
    };
    const neighbours = (lib: PaperLibrary) => lib.papers.map((p) => lib.relatedTo(p, 8).map((r) => `${r.paper.key} ${r.score}`));

    it('come back exactly as made, from bytes at any offset', () => {
      for (const offset of [0, 1, 2, 3]) {
        const bytes = new Uint8Array(new ArrayBuffer(saved().length + offset), offset);
        bytes.set(saved());
        const restored = fresh();
        assert.equal(finish(restored.restoreRelated(bytes)), true, `offset ${offset}`);
        assert.equal(restored.relatedFromCache, true);
        assert.deepEqual(neighbours(restored), neighbours(library));
      }
    });

    it('are made again when saved from other papers or damaged, and a damaged file never points past the papers', () => {
      const other = PaperLibrary.fromContent({ sources: [seedSource], entries: seedEntries.slice(1), diagnostics: [] }, { themes: seedThemes });
      const otherThemes = PaperLibrary.fromContent({ sources: [seedSource], entries: seedEntries, diagnostics: [] }, { themes: seedThemes.slice(1) });
      assert.equal(otherThemes.relatedSavedIn(saved().subarray(0, 1024)), false, 'other themes, by the first kilobyte');
      assert.equal(fresh().relatedSavedIn(saved().subarray(0, 1024)), true, 'this library, by the first kilobyte');
      assert.equal(finish(other.restoreRelated(saved())), false, 'another library');
      assert.equal(other.relatedFromCache, false);
      assert.equal(other.relatedTo(other.papers[0], 3).length, 3);
      const bytes = saved();
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.option(fc.integer({ min: 1, max: bytes.length - 1 })), (at, flip, cut) => {
          const damaged = bytes.slice(0, cut ?? bytes.length);
          if (at < damaged.length) damaged[at] ^= flip;
          const restored = fresh();
          if (finish(restored.restoreRelated(damaged))) {
            for (const p of restored.papers) assert.ok(restored.relatedTo(p, 5).every((r) => restored.papers.includes(r.paper)));
          } else assert.deepEqual(neighbours(restored), neighbours(library), 'made again');
        }),
        { numRuns: 40 },
      );
      // The first paper of the first term's list made one past the last paper.
      const pointingPast = Uint8Array.from(bytes);
      const bodyStart = bytes.indexOf(0x0a) + 1;
      const termCount = (JSON.parse(Buffer.from(bytes.subarray(0, bodyStart)).toString()) as { lengths: number[] }).lengths[0];
      new DataView(pointingPast.buffer).setInt32(bodyStart + 4 * termCount, library.papers.length, true);
      assert.equal(finish(fresh().restoreRelated(pointingPast)), false, 'a paper past the last');
    });
  });

  it('loads the good files when others are empty, binary, missing or malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ln-lib-'));
    const file = (name: string, content: string | Uint8Array) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const files = [
      file('empty.txt', ''),
      file('binary.txt', Uint8Array.from([0, 1, 2, 3, 255])),
      join(dir, 'missing.txt'),
      file('mixed.txt', `Header\n\nGood Paper On Robot Arms\n\nWe teach a robot arm to stack blocks, and measure how well it does it on many tasks.\n\n${'x'.repeat(400)}\n`),
      SEED_FILE,
    ];
    const { sources, diagnostics: readErrors } = await readLibrarySources(files);
    const lib = await PaperLibrary.fromSources(sources, { themes: seedThemes });
    assert.equal(lib.papers.length, 93);
    assert.equal(lib.paperByKey('good-paper-robot')?.file, files[3]);
    assert.equal(lib.paperByKey('good-paper-robot')?.line, 3);
    assert.deepEqual(readErrors.map((d) => [d.file, d.line, d.message]), [[files[2], 1, 'cannot read the file: no such file']]);
    const byFile = new Map(lib.diagnostics.map((d) => [d.file, d]));
    assert.match(byFile.get(files[0])!.message, /empty/);
    assert.match(byFile.get(files[1])!.message, /binary/);
    assert.equal(byFile.get(files[3])!.line, 7);
    assert.deepEqual(seedLibraryFiles('seeds'), [join('seeds', '000_245d823ccd7859e3.txt')]);
  });

  it('keeps keys stable when another library file is added', async () => {
    const extra = { file: 'more.txt', bytes: seedFormat([{ title: 'Robot Arms That Learn To Stack', abstract: 'A robot arm learns to stack blocks from a handful of demonstrations on real hardware.' }]) };
    const both = await PaperLibrary.fromSources([seedSource, extra], { themes: seedThemes });
    assert.deepEqual(both.papers.slice(0, 92).map((p) => p.key), library.papers.map((p) => p.key));
    assert.equal(both.papers[92].theme, 'Robot learning');
  });
});

describe('a library updated from the one before it', () => {
  const generated = generatePapers(seedEntries, 400, 7);
  const robots = [
    { title: 'Robot Arms That Learn To Stack', abstract: 'A robot arm learns to stack blocks from a handful of demonstrations on real hardware.' },
    { title: 'Deep Learning of Graph Reasoning: A Survey of Surveys', abstract: 'We survey surveys of reasoning over graphs with language models.' },
  ];
  const edited = generated.map((p, i) => (i === 10 ? { ...p, abstract: `${p.abstract} Revised.` } : p)).filter((_, i) => i !== 20);
  const read = async (parsed: ParsedFiles, papers: readonly { title: string; abstract: string }[], extra = false) =>
    readLibrary([seedSource, { file: 'generated.txt', bytes: seedFormat(papers) }, ...(extra ? [{ file: 'extra.txt', bytes: seedFormat(robots) }] : [])], parsed);

  it('keys, themes and indexes only the papers added, keys them as a library made afresh would, and keeps the rest as they were', async () => {
    const parsed = new ParsedFiles();
    const earlier = finish(PaperLibrary.catalogue(await read(parsed, generated), { themes: seedThemes }));
    const content = await read(parsed, edited, true);
    const updated = finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier }));
    const afresh = finish(PaperLibrary.catalogue(content, { themes: seedThemes }));
    assert.deepEqual(updated.updatedFrom, { added: 3, removed: 2 }, 'the edited paper, and the two of the new file; the edited one and the one deleted');
    assert.equal(afresh.updatedFrom, undefined);
    assert.deepEqual(
      updated.papers.map((p) => p.key),
      afresh.papers.map((p) => p.key),
    );
    assert.equal(updated.contentHash, afresh.contentHash);
    const before = new Map(earlier.papers.map((p) => [`${p.title}\n${p.abstract}`, p]));
    for (const paper of updated.papers.slice(0, -3)) {
      const was = before.get(`${paper.title}\n${paper.abstract}`);
      if (!was) continue; // the edited paper
      assert.equal(paper.theme, was.theme, paper.title);
      if (paper.file === SEED_FILE) assert.equal(paper, was, 'a paper of a file that did not change is the very same');
    }
    assert.equal(updated.paperByKey(updated.papers.at(-2)!.key)!.theme, 'Robot learning');
    const collator = new Intl.Collator();
    const grouped = updated.themeGroups().flatMap((g) => g.papers);
    assert.equal(new Set(grouped).size, updated.papers.length);
    for (const { papers } of updated.themeGroups()) for (let i = 1; i < papers.length; i++) assert.ok(collator.compare(papers[i - 1].title, papers[i].title) <= 0, papers[i].title);
    for (const robot of robots) assert.equal((await updated.search(robot.title, 1))[0]?.paper.title, robot.title);
  });

  it('makes its related papers from the earlier library’s, as a library made afresh finds them, also when restored or two updates on', async () => {
    const parsed = new ParsedFiles();
    const earlier = finish(PaperLibrary.catalogue(await read(parsed, generated), { themes: seedThemes }));
    finish(earlier.prepareRelated());
    const content = await read(parsed, edited, true);
    const updated = finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier }));
    const afresh = finish(PaperLibrary.catalogue(content, { themes: seedThemes }));
    const added = new Set(updated.papers.filter((p) => !earlier.papers.some((e) => e.title === p.title && e.abstract === p.abstract)));
    assert.equal(added.size, 3);
    const neighbours = (lib: PaperLibrary, i: number, n = 5) => lib.relatedTo(lib.papers[i], n);
    const text = (p: Paper) => `${p.title}\n${p.abstract}`;
    const before = new Map(earlier.papers.map((p) => [text(p), p]));
    let agreeing = 0;
    let addedAgreeing = 0;
    let addedFound = 0;
    let addedAfresh = 0;
    for (const [i, paper] of updated.papers.entries()) {
      const mine = neighbours(updated, i);
      const theirs = neighbours(afresh, i).map((r) => text(r.paper));
      assert.ok(mine.every((r) => r.paper !== paper && updated.papers.includes(r.paper)));
      const agree = mine.filter((r) => theirs.includes(text(r.paper))).length;
      agreeing += agree;
      if (added.has(paper)) addedAgreeing += agree;
      const addedThere = theirs.filter((t) => [...added].some((a) => text(a) === t)).length;
      addedAfresh += addedThere;
      addedFound += mine.filter((r) => added.has(r.paper) && theirs.includes(text(r.paper))).length;
      // A kept paper's kept neighbours score as they did: their vectors are moved, not made again.
      const was = before.get(text(paper));
      if (was && !added.has(paper)) {
        const earlierScores = new Map(earlier.relatedTo(was, 5).map((r) => [text(r.paper), r.score]));
        for (const r of mine) if (earlierScores.has(text(r.paper))) assert.equal(r.score, earlierScores.get(text(r.paper)), paper.title);
      }
    }
    assert.ok(agreeing / (5 * updated.papers.length) >= 0.95, `${agreeing} neighbours agree with a library made afresh`);
    assert.ok(addedAgreeing / (5 * added.size) >= 0.8, `${addedAgreeing} of the added papers' neighbours agree`);
    assert.ok(addedAfresh > 0 && addedFound / addedAfresh >= 0.8, `the added papers are found as neighbours ${addedFound} times of ${addedAfresh}`);

    // Restored from what a session saved, the earlier library's related papers update alike.
    const restoredEarlier = finish(PaperLibrary.catalogue(await read(parsed, generated), { themes: seedThemes }));
    assert.equal(finish(restoredEarlier.restoreRelated(new Uint8Array(Buffer.concat(earlier.saveRelated()!)))), true);
    const fromRestored = finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier: restoredEarlier }));
    const all = (lib: PaperLibrary) => lib.papers.map((_, i) => neighbours(lib, i, 8).map((r) => `${text(r.paper)} ${r.score}`));
    assert.deepEqual(all(fromRestored), all(updated));

    // Two updates on, with none of the related papers made between: made through the middle library's.
    const middle = finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier }));
    const last = finish(PaperLibrary.catalogue(await read(parsed, edited.slice(0, -1), true), { themes: seedThemes, earlier: middle }));
    assert.ok(last.updatedFrom);
    const direct = finish(PaperLibrary.catalogue(await read(parsed, edited.slice(0, -1), true), { themes: seedThemes, earlier: updated }));
    assert.deepEqual(all(last), all(direct));
  });

  it('is made afresh when most papers are new, or when the themes changed', async () => {
    const parsed = new ParsedFiles();
    const earlier = finish(PaperLibrary.catalogue(await read(parsed, generated.slice(0, 50)), { themes: seedThemes }));
    const content = await read(parsed, generated, true);
    assert.equal(finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier })).updatedFrom, undefined, 'mostly new');
    const fewer = await read(parsed, generated.slice(0, 50), true);
    assert.ok(finish(PaperLibrary.catalogue(fewer, { themes: seedThemes, earlier })).updatedFrom);
    assert.equal(finish(PaperLibrary.catalogue(fewer, { themes: seedThemes.slice(1), earlier })).updatedFrom, undefined, 'other themes');
  });
});

describe('a library of seed, BibTeX and CSL-JSON files', () => {
  const EXTRA_BIB = '@article{smith2020,\n  title = {Robots That Cook: The Preprint},\n  year = {2019}\n}\n\n@misc{limo,\n  title = {Not the LIMO Paper},\n  abstract = {A paper whose file calls it limo.}\n}\n';
  const sources = [
    seedSource,
    { file: 'refs.bib', bytes: Buffer.from(BIBTEX) },
    { file: 'refs.json', bytes: Buffer.from(CSL_JSON) },
    { file: 'extra.bib', bytes: Buffer.from(EXTRA_BIB) },
  ];
  const seeds = loadSeedLibrary();
  let library: PaperLibrary;
  before(async () => (library = await PaperLibrary.fromSources(sources, { themes: seedThemes })));

  it('chooses the format by the file’s extension', () => {
    assert.deepEqual(['a.bib', 'B.BIB', 'c.json', 'd.txt', 'dir.bib/e', 'f'].map(libraryFormatOf), ['bibtex', 'bibtex', 'csl-json', 'seed', 'seed', 'seed']);
  });

  it('loads every good entry with its own key and metadata, and a theme', async () => {
    assert.equal(library.papers.length, 92 + 3 + 3 + 2);
    const vaswani = library.paperByKey('vaswani2017attention')!;
    assert.deepEqual(
      [vaswani.file, vaswani.line, vaswani.year, vaswani.venue, vaswani.doi, vaswani.authors?.length],
      ['refs.bib', 4, 2017, 'CoRR', '10.48550/arXiv.1706.03762', 3],
    );
    assert.ok(library.themes.some((t) => t.name === vaswani.theme));
    assert.equal(library.paperByKey('Lee 2018')?.file, 'refs.json');
    const noId = library.papers.find((p) => p.title === 'No Id Here')!;
    assert.match(noId.key, PANDOC_KEY);
    assert.equal(library.paperByKey(noId.key), noId);
    assert.equal((await library.search('attention is all you need', 1))[0].paper, vaswani);
  });

  it('gives a seed paper a longer key when a file already uses its own, and leaves the other seed keys alone', () => {
    assert.equal(library.paperByKey('limo')?.title, 'Not the LIMO Paper');
    assert.equal(library.papers.find((p) => p.title === 'LIMO: Less is More for Reasoning')?.key, 'limo-less-reasoning');
    const changed = library.papers.slice(0, 92).filter((p, i) => p.key !== seeds.papers[i].key);
    assert.deepEqual(changed.map((p) => p.key), ['limo-less-reasoning']);
  });

  it('reports two entries with one key, naming both places, and keeps both reachable', () => {
    const [first, second] = library.papersByKey('smith2020');
    assert.deepEqual([first.file, first.line, second.file, second.line], ['refs.json', lineOf(CSL_JSON, '"id": "smith2020"'), 'extra.bib', 1]);
    assert.equal(library.paperByKey('smith2020'), first);
    const warnings = library.diagnostics.filter((d) => d.message.includes('"smith2020"'));
    assert.deepEqual(warnings.map((d) => [d.file, d.line, d.severity]), [['extra.bib', 1, 'warning']]);
    assert.match(warnings[0].message, new RegExp(`refs\\.json:${first.line}\\b`));
    const grouped = library.themeGroups().flatMap((g) => g.papers);
    assert.ok(grouped.includes(first) && grouped.includes(second));
    for (const paper of [first, second]) {
      const related = library.relatedTo(paper, 5);
      assert.equal(related.length, 5);
      assert.ok(related.every((r) => r.paper !== paper));
    }
    assert.ok(library.relatedTo(second, 5).some((r) => r.paper === first), 'the two are each other’s neighbours');
  });

  it('reports the problems of each file at their lines', () => {
    const at = (file: string) => library.diagnostics.filter((d) => d.file === file).map((d) => [d.line, d.severity]);
    assert.deepEqual(at('refs.bib'), [
      [lineOf(BIBTEX, '@inproceedings{doe'), 'error'],
      [lineOf(BIBTEX, '@misc{untitled'), 'warning'],
    ]);
    assert.equal(at('refs.json').length, 4);
  });

  it('restores the keys, shared ones included, from its cache, and not when a file changes format', async () => {
    const cache = library.toCache();
    const cached = await PaperLibrary.fromSources(sources, { themes: seedThemes, cache });
    assert.equal(cached.fromCache, true);
    assert.deepEqual(cached.papers, library.papers);
    assert.equal(cached.papersByKey('smith2020').length, 2);
    assert.deepEqual(cached.diagnostics, library.diagnostics);
    const renamed = sources.map((s) => (s.file === 'refs.json' ? { ...s, file: 'refs.txt' } : s));
    assert.equal((await PaperLibrary.fromSources(renamed, { themes: seedThemes, cache })).fromCache, false);
  });
});

describe('an empty library', () => {
  it('names the first unreadable file and line, or says there is nothing to read', () => {
    const error = { file: 'a.txt', line: 1, severity: 'error' as const, message: 'the file is empty' };
    assert.deepEqual(emptyLibraryProblem(['a.txt'], [error]), { kind: 'failed', message: 'No papers could be read: a.txt:1: error: the file is empty' });
    assert.equal(emptyLibraryProblem([], []).kind, 'empty');
    assert.equal(emptyLibraryProblem(['a.txt'], [{ ...error, severity: 'warning' }]).kind, 'empty');
  });
});
