import assert from 'node:assert/strict';
import fc from 'fast-check';
import { papersForTypedKey } from '../../src/core/search/keyCompletion';
import { words, wordsRunTogether } from '../../src/core/search/text';
import { PaperLibrary } from '../../src/core/model/library';
import { SEARCH_BIBTEX } from './searchFixtures';
import { loadSeedLibrary, seedSource, seedThemes } from './seedLibrary';

const library = loadSeedLibrary();
const keysFor = async (typed: string, limit = 5) => (await papersForTypedKey(library, typed, limit)).map((p) => p.key);

describe('papers for a key typed in part', () => {
  it('puts the keys that start with it first, in key order', async () => {
    assert.deepEqual(await keysFor('li'), ['libero', 'limo']);
    assert.equal((await keysFor('limo'))[0], 'limo');
    assert.deepEqual((await keysFor('skill-')).slice(0, 3), ['skill-data-driven', 'skill-expansion-composition', 'skill-mix']);
  });

  it('finds papers by their title words through the library search, typos and all', async () => {
    assert.equal((await keysFor('robot cooking'))[0], 'skills-made-order');
    assert.equal((await keysFor('robt cookin'))[0], 'skills-made-order');
    assert.ok((await keysFor('table tennis')).includes('achieving-human-level'));
  });

  it('finds a paper by title words run together, as typed in a key', async () => {
    assert.equal((await keysFor('tabletenn'))[0], 'achieving-human-level');
    assert.equal((await keysFor('bstar'))[0], 'b-star');
    // Short words, run together, as typed at the start of a title.
    assert.ok((await keysFor('do as')).includes(library.papers.find((p) => p.title.startsWith('Do As I Can'))!.key));
  });

  it('finds papers by author and year, and keys with punctuation whatever their case', async () => {
    const bib = await PaperLibrary.fromSources([seedSource, { file: 'refs.bib', bytes: Buffer.from(SEARCH_BIBTEX) }], { themes: seedThemes });
    const bibKeys = async (typed: string) => (await papersForTypedKey(bib, typed, 5)).map((p) => p.key);
    assert.equal((await bibKeys('hinton06'))[0], 'hinton2006fast');
    assert.equal((await bibKeys('hinton2006'))[0], 'hinton2006fast');
    assert.equal((await bibKeys('hinton belief'))[0], 'hinton2006fast');
    assert.equal((await bibKeys('hinton boltzmann'))[0], 'salakhutdinov2009deep');
    assert.deepEqual(await bibKeys('dblp:journals/corr/smi'), ['DBLP:journals/corr/Smith18']);
    assert.equal((await bibKeys('smith_'))[0], 'smith_2018');
  });

  it('offers the first papers by key before anything is typed, and nothing for gibberish', async () => {
    assert.deepEqual(await keysFor('', 3), [...library.papers].map((p) => p.key).sort().slice(0, 3));
    assert.deepEqual(await keysFor('qxzv'), []);
  });

  it('returns distinct papers, at most the limit, for anything typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 30 }), async (typed, limit) => {
        const keys = await keysFor(typed, limit);
        assert.ok(keys.length <= limit);
        assert.equal(new Set(keys).size, keys.length);
      }),
    );
  });

  it('runs the words of a key together as its words joined would, accents, apostrophes and all', () => {
    const keyish = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom("'", '’', 'İ', 'é', 'Æ', '-', '2')), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(fc.property(keyish, (key) => assert.equal(wordsRunTogether(key), words(key).join(''))), { numRuns: 2000 });
  });
});
