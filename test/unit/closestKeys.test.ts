import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closestPapers, editDistance } from '../../src/core/closestKeys';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const closest = (key: string) => closestPapers(library, key).map((p) => p.key);

describe('closest keys to an unknown one', () => {
  it('puts the key a typo away first: a letter dropped, added, changed or two swapped', () => {
    assert.equal(closest('lim')[0], 'limo');
    assert.equal(closest('limo2')[0], 'limo');
    assert.equal(closest('lomo')[0], 'limo');
    assert.equal(closest('orac')[0], 'orca');
    assert.equal(closest('bstar')[0], 'b-star');
    assert.equal(closest('measure-intelligenc')[0], 'measure-intelligence');
  });

  it('finds a paper by the title words written as a key', () => {
    assert.equal(closest('robot-table-tennis')[0], 'achieving-human-level');
    assert.equal(closest('complexity-prompting')[0], 'complexity-based-prompting');
  });

  it('offers at most three, and none for a key like no paper at all', () => {
    assert.equal(closest('skill').length, 3);
    assert.deepEqual(closest('qxzv'), []);
  });

  it('finds any library key again after one typo, among the first three', () => {
    const typo = fc.record({ paper: fc.constantFrom(...library.papers), at: fc.nat(), kind: fc.constantFrom('drop', 'swap', 'double') });
    fc.assert(
      fc.property(typo, ({ paper, at, kind }) => {
        const { key } = paper;
        const i = at % (key.length - 1);
        const typed =
          kind === 'drop' ? key.slice(0, i) + key.slice(i + 1) : kind === 'swap' ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : key.slice(0, i) + key[i] + key.slice(i);
        fc.pre(typed !== key && !library.paperByKey(typed));
        assert.ok(closest(typed).includes(key), `${typed} → ${closest(typed).join(', ')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('counts edits exactly, or gives up above the bound', () => {
    const plain = (a: string, b: string) => editDistance(a, b, Math.max(a.length, b.length));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 8 }), fc.nat(4), (a, b, max) => {
        const d = plain(a, b);
        assert.equal(d, plain(b, a));
        assert.equal(Math.min(editDistance(a, b, max), max + 1), Math.min(d, max + 1));
        assert.ok(d <= Math.max(a.length, b.length) && d >= Math.abs(a.length - b.length));
      }),
    );
    assert.equal(editDistance('orca', 'orac', 2), 1);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
  });
});
