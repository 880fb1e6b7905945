import assert from 'node:assert/strict';
import fc from 'fast-check';
import { papersForTypedKey } from '../../src/core/keyCompletion';
import { words, wordsRunTogether } from '../../src/core/text';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const keysFor = (typed: string, limit = 5) => papersForTypedKey(library, typed, limit).map((p) => p.key);

describe('papers for a key typed in part', () => {
  it('puts the keys that start with it first, in key order', () => {
    assert.deepEqual(keysFor('li'), ['libero', 'limo']);
    assert.equal(keysFor('limo')[0], 'limo');
    assert.deepEqual(keysFor('skill-').slice(0, 3), ['skill-data-driven', 'skill-expansion-composition', 'skill-mix']);
  });

  it('finds papers by their title words through the library search, typos and all', () => {
    assert.equal(keysFor('robot cooking')[0], 'skills-made-order');
    assert.equal(keysFor('robt cookin')[0], 'skills-made-order');
    assert.ok(keysFor('table tennis').includes('achieving-human-level'));
  });

  it('finds a paper by title words run together, as typed in a key', () => {
    assert.equal(keysFor('tabletenn')[0], 'achieving-human-level');
    assert.equal(keysFor('bstar')[0], 'b-star');
    // Short words, run together, as typed at the start of a title.
    assert.ok(keysFor('do as').includes(library.papers.find((p) => p.title.startsWith('Do As I Can'))!.key));
  });

  it('offers the first papers by key before anything is typed, and nothing for gibberish', () => {
    assert.deepEqual(keysFor('', 3), [...library.papers].map((p) => p.key).sort().slice(0, 3));
    assert.deepEqual(keysFor('qxzv'), []);
  });

  it('returns distinct papers, at most the limit, for anything typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 30 }), (typed, limit) => {
        const keys = keysFor(typed, limit);
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
