import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PaperLibrary } from '../../src/core/model/library';
import type { PaperEntry } from '../../src/core/model/paper';
import { decodePostings, encodePostings } from '../../src/core/search/abstractIndex';
import { papersPassing, parseSearchQuery } from '../../src/core/search/searchFilters';
import { indexedPapers, oneEditApart, PaperIndex } from '../../src/core/search/searchIndex';
import { editDistance } from '../../src/core/search/closestKeys';
import { searchTerm, searchTokens, textSearchTerms } from '../../src/core/search/searchTerms';
import { finish } from '../../src/core/work/slices';
import { JsonLinesReader, JsonLinesWriter } from '../../src/core/formats/jsonLines';
import { SEARCH_BIBTEX } from './searchFixtures';
import { loadSeedLibrary, seedSource, seedThemes } from './seedLibrary';

const seeds = loadSeedLibrary();
const keysOf = (results: readonly { paper: { key: string } }[]) => results.map((r) => r.paper.key);

/** Seed papers whose abstract, and not title, has the word as a whole word (any case, hyphen or not). */
function papersNaming(word: string): string[] {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}-])${word.replace(/-/g, '-?')}($|[^\\p{L}\\p{N}-])`, 'iu');
  return seeds.papers.filter((p) => pattern.test(p.abstract) || pattern.test(p.title)).map((p) => p.key);
}

/** A library of these papers (title, abstract), and the title of the first paper a query finds in it. */
function firstTitleIn(papers: readonly (readonly [string, string])[]): (query: string) => Promise<string | undefined> {
  const entries: PaperEntry[] = papers.map(([title, abstract], i) => ({ title, abstract, file: 'a.txt', line: 2 * i + 1 }));
  const library = PaperLibrary.fromContent({ sources: [], entries, diagnostics: [] }, { themes: seedThemes });
  return async (query) => (await library.search(query, 3))[0]?.paper.title;
}

describe('search over whole abstracts', () => {
  it('finds a name mentioned only in some abstracts, those papers first', async () => {
    for (const name of ['GSM8K', 'CoT', 'LoRA', 'Llama-3', 'GPT-4', 'k-means']) {
      const wanted = papersNaming(name);
      assert.ok(wanted.length > 0, name);
      const found = keysOf(await seeds.search(name, wanted.length));
      assert.deepEqual([...found].sort(), [...wanted].sort(), name);
    }
  });

  it('finds a hyphenated name typed with the hyphen, without it, or in another case', async () => {
    for (const [typed, as] of [
      ['Llama3', 'Llama-3'],
      ['gpt4', 'GPT-4'],
      ['KMEANS', 'k-means'],
      ['gsm8k', 'GSM8K'],
    ]) {
      const wanted = papersNaming(as);
      assert.deepEqual(keysOf(await seeds.search(typed, wanted.length)).sort(), wanted.sort(), typed);
    }
  });

  it('finds any word of any abstract that a few papers have, exactly those papers first', async () => {
    // Words of the abstracts (not the titles) in at most three papers.
    const holders = new Map<string, Set<string>>();
    for (const p of seeds.papers) for (const term of new Set(textSearchTerms(p.abstract))) (holders.get(term) ?? holders.set(term, new Set()).get(term)!).add(p.key);
    const titleTerms = [...new Set(seeds.papers.flatMap((p) => textSearchTerms(p.title)))];
    // Only words no other word, of a title or an abstract, starts with: the search looks for a word typed last by its start too.
    // And only words that can be typed: `beings` is held as `being`, a stop word when typed.
    const all = [...holders.keys()];
    const rare = all.filter(
      (t) => holders.get(t)!.size <= 3 && t.length >= 3 && searchTerm(t) === t && !titleTerms.some((o) => o.startsWith(t)) && !all.some((o) => o !== t && o.startsWith(t)),
    );
    assert.ok(rare.length > 500, `${rare.length} rare words`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rare), async (term) => {
        const wanted = [...holders.get(term)!].sort();
        assert.deepEqual(keysOf(await seeds.search(term, wanted.length)).sort(), wanted, term);
      }),
      { numRuns: 200 },
    );
  });

  it('ranks a paper with several of the words above papers that have them scattered', async () => {
    const first = firstTitleIn([
      ['Grasping Tools', 'A study of tactile sensing for dexterous hands.'],
      ['Walking Robots', 'Legged locomotion learned from tactile sensing data and proprioception.'],
      ['Picking Fruit', 'Dexterous hands pick fruit gently with proprioception.'],
      ['Sorting Parcels', 'Parcels sorted on conveyor belts with suction cups.'],
    ]);
    assert.equal(await first('tactile proprioception'), 'Walking Robots');
    assert.equal(await first('dexterous proprioception'), 'Picking Fruit');
  });

  it('ranks a paper with every word in its abstract above papers with fewer, though they have one in the title', async () => {
    const first = firstTitleIn([
      ['On the Measure of Intelligence', 'Skills are measured algorithmically over many tasks.'],
      ['Measure Twice', 'A gaussian prior over the measure.'],
      ['Noise Models for Sensors', 'The sensor measures noise algorithmically and fits a gaussian to what it measures, over a long and varied sequence of recordings taken in many rooms.'],
      ['Sorting Parcels', 'Parcels sorted on conveyor belts with suction cups.'],
    ]);
    assert.equal(await first('algorithmically measures gaussian'), 'Noise Models for Sensors');
  });

  it('puts a title typed from memory first: its stop words, a typo and the order of its words count', async () => {
    const first = firstTitleIn([
      ['Structured Reasoning Trees for Structure Reasoning', 'Reasoning about structure: structured reasoning in trees.'],
      ['Can Structure Reasoning', 'We ask whether language models reason over graphs.'],
      ['Prompting Tool Learning with Complexity-Based Search', 'Tools learned by prompting, complexity-based.'],
      ['Tool Learning with Complexity-Based Prompting for Multi-Step Reasoning', 'Prompts of varied complexity.'],
    ]);
    assert.equal(await first('Can Struture Reasoning'), 'Can Structure Reasoning');
    assert.equal(await first('Tool Learning with Complexity-Based Prompting'), 'Tool Learning with Complexity-Based Prompting for Multi-Step Reasoning');
  });

  it('tells words one typo apart as the edit distance does', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(fc.property(word, word, (a, b) => oneEditApart(a, b) === (editDistance(a, b, 1) === 1)));
  });

  it('reads hyphenated words as their parts and run together, apostrophes dropped', () => {
    assert.deepEqual(searchTokens("Llama-3 beats GPT-4's k-means"), ['Llama', '3', 'Llama3', 'beats', 'GPT', '4s', 'GPT4s', 'k', 'means', 'kmeans']);
    assert.deepEqual(textSearchTerms('Schölkopf and the ROBOTS'), ['scholkopf', 'robot']);
  });

  it('searches a restored index exactly as the index it was saved from', () => {
    const papers = finish(indexedPapers(seeds.papers));
    const built = finish(PaperIndex.build(papers));
    const writer = new JsonLinesWriter();
    finish(built.save(writer));
    const restored = finish(PaperIndex.restore(new JsonLinesReader(writer.lines.join(''))));
    for (const query of ['GSM8K', 'Llama-3 skills', 'gpt4', 'chain of thought reasoning', 'robot tabl', 'k-means clustering']) {
      assert.deepEqual(restored.search(query, 10), built.search(query, 10), query);
    }
  });
});

describe('search by authors, year, venue, DOI, keywords and key', () => {
  let library: PaperLibrary;
  before(async () => {
    library = await PaperLibrary.fromSources([seedSource, { file: 'refs.bib', bytes: Buffer.from(SEARCH_BIBTEX) }], { themes: seedThemes });
    assert.deepEqual(library.diagnostics, []);
  });
  const first = async (query: string) => (await library.search(query, 5))[0]?.paper.key;

  it('finds a paper by an author and year, author and title words, accents folded', async () => {
    assert.equal(await first('kingma 2015'), 'kingma2015adam');
    assert.equal(await first('hinton deep belief'), 'hinton2006fast');
    assert.equal(await first('Hinton 2006'), 'hinton2006fast');
    assert.equal(await first('hinton 2009'), 'salakhutdinov2009deep');
    assert.equal(await first('Scholkopf'), 'scholkopf2002learning');
    assert.equal(await first('Schölkopf kernels'), 'scholkopf2002learning');
    assert.equal(await first('Damgard'), 'damgard1989design');
    assert.equal(await first('Damgård hash'), 'damgard1989design');
  });

  it('finds a paper by its venue and by its DOI pasted whole', async () => {
    assert.equal(await first('cryptology'), 'damgard1989design');
    assert.ok(keysOf(await library.search('neural computation', 3)).includes('hinton2006fast'));
    assert.equal(await first('10.1162/neco.2006.18.7.1527'), 'hinton2006fast');
    assert.equal(await first('https://doi.org/10.48550/arXiv.1412.6980'), 'kingma2015adam');
  });

  it('finds a key typed whole with its punctuation first, and by its start', async () => {
    assert.equal(await first('smith_2018'), 'smith_2018');
    assert.equal(await first('DBLP:journals/corr/Smith18'), 'DBLP:journals/corr/Smith18');
    assert.equal(await first('dblp:journals/corr/smi'), 'DBLP:journals/corr/Smith18');
    assert.equal(await first('[@smith_2018]'), 'smith_2018');
  });

  it('applies filters typed in the query, alone or with words', async () => {
    assert.deepEqual(keysOf(await library.search('author:hinton')), ['salakhutdinov2009deep', 'hinton2006fast']);
    assert.deepEqual(keysOf(await library.search('year:2009')), ['salakhutdinov2009deep']);
    assert.deepEqual(keysOf(await library.search('year:2005..2010')), ['salakhutdinov2009deep', 'hinton2006fast']);
    assert.deepEqual(keysOf(await library.search('author:hinton year:..2007')), ['hinton2006fast']);
    assert.deepEqual(keysOf(await library.search('boltzmann author:salakhutdinov')), ['salakhutdinov2009deep']);
    assert.deepEqual(keysOf(await library.search('author:smith year:2018 gripper')), ['smith_2018']);
    const theme = library.paperByKey('limo')!.theme;
    const inTheme = await library.search(`reasoning theme:"${theme}"`, 50);
    assert.ok(inTheme.length > 0 && inTheme.every((r) => r.paper.theme === theme));
    assert.deepEqual(await library.search('author:nobody-at-all'), []);
  });

  it('finds keywords, given in an entry', async () => {
    const entries: PaperEntry[] = [
      { title: 'One Paper', abstract: 'Plain words.', file: 'a.bib', line: 1, key: 'one', keywords: ['contrastive divergence'] },
      { title: 'Another Paper', abstract: 'Other plain words.', file: 'a.bib', line: 5, key: 'two' },
    ];
    const small = PaperLibrary.fromContent({ sources: [], entries, diagnostics: [] }, { themes: seedThemes });
    assert.deepEqual(keysOf(await small.search('divergence')), ['one']);
  });
});

describe('search filters', () => {
  it('reads author, year and theme filters out of the query, and leaves other colons alone', () => {
    assert.deepEqual(parseSearchQuery('deep author:Hinton year:2005..2010'), {
      text: 'deep',
      filters: { authors: [['hinton']], years: [{ from: 2005, to: 2010 }], themes: [] },
    });
    assert.deepEqual(parseSearchQuery('theme:"Robot Learning" year:2009').filters, { authors: [], years: [{ from: 2009, to: 2009 }], themes: [['robot', 'learning']] });
    assert.deepEqual(parseSearchQuery('DBLP:journals/corr/Smith18'), { text: 'DBLP:journals/corr/Smith18' });
    assert.deepEqual(parseSearchQuery('year:soon'), { text: 'year:soon' });
    assert.deepEqual(parseSearchQuery('YEAR:2010..'), { text: '', filters: { authors: [], years: [{ from: 2010, to: Infinity }], themes: [] } });
  });

  it('passes the papers of each library by their own authors, years and themes', () => {
    const paper = (authors: string[], year: number | undefined, theme: string) => ({ ...seeds.papers[0], authors, year, theme });
    const one = [paper(['Schölkopf, Bernhard'], 2001, 'Kernel Methods'), paper(['Hinton, Geoffrey E.', 'Osindero, Simon'], 2006, 'Deep Learning')];
    const other = [paper(['Hinton, Geoffrey E.'], 2012, 'Vision'), paper([], undefined, 'Kernel Methods')];
    const passing = (papers: typeof one, query: string) => Array.from(papersPassing(papers, parseSearchQuery(query).filters!));
    assert.deepEqual(passing(one, 'author:scholkopf'), [1, 0]);
    assert.deepEqual(passing(one, 'author:"geoffrey hinton" year:2000..2010'), [0, 1]);
    assert.deepEqual(passing(one, 'author:osin theme:deep'), [0, 1]);
    // Another array of papers (a library after an update) is read afresh, not from the first one's words.
    assert.deepEqual(passing(other, 'author:hinton'), [1, 0]);
    assert.deepEqual(passing(other, 'author:scholkopf'), [0, 0]);
    assert.deepEqual(passing(other, 'theme:kernel year:..2010'), [0, 0]);
    assert.deepEqual(passing(other, 'theme:kernel'), [0, 1]);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (query) => void parseSearchQuery(query)));
  });
});

describe('abstract postings saved as text', () => {
  it('decode to what was encoded, and a damaged text to nothing', () => {
    const postings = fc.uniqueArray(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 200 }).chain((slots) =>
      fc.tuple(fc.constant(Int32Array.from(slots.sort((a, b) => a - b))), fc.uint8Array({ minLength: slots.length, maxLength: slots.length, max: 31 })),
    );
    fc.assert(
      fc.property(postings, fc.string({ maxLength: 3 }), ([slots, counts], damage) => {
        const text = encodePostings({ slots, counts, length: slots.length });
        assert.doesNotMatch(text, /["\\]/);
        const into = { slots: new Int32Array(0), counts: new Uint8Array(0), length: slots.length };
        assert.equal(decodePostings(text, into), true);
        assert.deepEqual([into.slots, into.counts], [slots, counts]);
        const damaged = { slots: new Int32Array(0), counts: new Uint8Array(0), length: slots.length };
        if (decodePostings(text + damage, damaged)) assert.equal(damage.length, 0);
      }),
    );
  });
});
