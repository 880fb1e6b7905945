import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closestPapers, editDistance, papersWithCloseKeys } from '../../src/core/search/closestKeys';
import { loadSeedLibrary } from './seedLibrary';

const library = loadSeedLibrary();
const closest = async (key: string) => (await closestPapers(library, key)).map((p) => p.key);

describe('closest keys to an unknown one', () => {
  it('puts the key a typo away first: a letter dropped, added, changed or two swapped', async () => {
    assert.equal((await closest('lim'))[0], 'limo');
    assert.equal((await closest('limo2'))[0], 'limo');
    assert.equal((await closest('lomo'))[0], 'limo');
    assert.equal((await closest('orac'))[0], 'orca');
    assert.equal((await closest('bstar'))[0], 'b-star');
    assert.equal((await closest('measure-intelligenc'))[0], 'measure-intelligence');
  });

  it('finds a paper by the title words written as a key', async () => {
    assert.equal((await closest('robot-table-tennis'))[0], 'achieving-human-level');
    assert.equal((await closest('complexity-prompting'))[0], 'complexity-based-prompting');
  });

  it('finds keys with punctuation two letters swapped or in another case, the one differing only in case first', () => {
    const entries = [
      { key: 'smith:ct:a', title: 'Contact Tracing', abstract: '' },
      { key: 'smith:ct:b', title: 'Contact Tracing Again', abstract: '' },
      { key: 'DBLP:journals/corr/Smith18', title: 'A Disciplined Approach', abstract: '' },
      { key: 'DBLP:journals/corr/Smith19', title: 'Super-Convergence', abstract: '' },
    ].map((e, line) => ({ ...e, file: 'refs.bib', line, theme: 'Unsorted' }));
    assert.equal(papersWithCloseKeys(entries, 'smtih:ct:a')[0].key, 'smith:ct:a');
    assert.deepEqual(
      papersWithCloseKeys(entries, 'DBLP:journals/corr/smith18').map((p) => p.key),
      ['DBLP:journals/corr/Smith18', 'DBLP:journals/corr/Smith19'],
    );
    assert.equal(papersWithCloseKeys(entries, 'contacttracingagain')[0].key, 'smith:ct:b');
    assert.equal(papersWithCloseKeys(entries, 'contacttracingagain', 3, { titles: false }).length, 0);
  });

  it('offers at most three, and none for a key like no paper at all', async () => {
    assert.equal((await closest('skill')).length, 3);
    assert.deepEqual(await closest('qxzv'), []);
  });

  it('finds any library key again after one typo, among the first three', async () => {
    const typo = fc.record({ paper: fc.constantFrom(...library.papers), at: fc.nat(), kind: fc.constantFrom('drop', 'swap', 'double') });
    await fc.assert(
      fc.asyncProperty(typo, async ({ paper, at, kind }) => {
        const { key } = paper;
        const i = at % (key.length - 1);
        const typed =
          kind === 'drop' ? key.slice(0, i) + key.slice(i + 1) : kind === 'swap' ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : key.slice(0, i) + key[i] + key.slice(i);
        fc.pre(typed !== key && !library.paperByKey(typed));
        const found = await closest(typed);
        assert.ok(found.includes(key), `${typed} → ${found.join(', ')}`);
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
