import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readLibrary, type LibraryContent, type LibrarySource } from '../../src/core/formats/libraryContent';
import { PaperLibrary } from '../../src/core/model/library';
import type { PaperEntry } from '../../src/core/model/paper';
import { contentTerms } from '../../src/core/search/text';
import { assignThemes, UNSORTED_THEME } from '../../src/core/search/themes';
import { themeLibrary } from '../../src/core/themes/libraryThemes';
import { discoverThemes, type DiscoveredThemes } from '../../src/core/themes/themeDiscovery';
import { matchedRenames } from '../../src/core/themes/themeMatching';
import { finish } from '../../src/core/work/slices';
import { RelatedPapers } from '../../src/core/search/relatedPapers';
import { seedEntries, seedSource, seedThemes } from './seedLibrary';

/** Public bibliographies nobody here wrote (see test/fixtures/themes/README.md). */
const CRYPTO_FILES = ['test/fixtures/themes/zkp.bib', 'test/fixtures/themes/libbib-crypto.bib'];
const source = (file: string): LibrarySource => ({ file, bytes: readFileSync(file) });

/** The field each paper is from: machine learning (the seed papers) or cryptography. */
const fieldOf = (entry: PaperEntry) => (entry.file === seedSource.file ? 'machine learning' : 'cryptography');

/** Each theme's papers, by position. */
function members(found: DiscoveredThemes): number[][] {
  const out = found.themes.map(() => [] as number[]);
  found.themeOf.forEach((t, i) => t >= 0 && out[t].push(i));
  return out;
}

describe('themes discovered from the papers', () => {
  let crypto: LibraryContent;
  let mixed: LibraryContent;
  before(async () => {
    crypto = await readLibrary(CRYPTO_FILES.map(source));
    mixed = await readLibrary([seedSource, ...CRYPTO_FILES.map(source)]);
  });

  it('never put papers of two unrelated fields in one theme: real cryptography bibliographies mixed with the seed papers', () => {
    assert.ok(crypto.entries.length > 80, `${crypto.entries.length} cryptography papers`);
    for (const definitions of [[], seedThemes]) {
      const { themes, names } = finish(themeLibrary(mixed.entries, definitions));
      for (const theme of themes) {
        const fields = new Set(mixed.entries.filter((_, i) => names[i] === theme.name).map(fieldOf));
        assert.ok(fields.size <= 1, `${theme.name} mixes ${[...fields].join(' and ')} (${definitions.length} definitions)`);
      }
    }
  });

  it('never put papers of two vocabularies in one theme, for any two corpora (property)', () => {
    const corpus = (prefix: string) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 39 }), { minLength: 3, maxLength: 8 }), { minLength: 8, maxLength: 60 }).map((docs) =>
        docs.map((ids) => ({ title: ids.map((id) => `${prefix}${String.fromCharCode(97 + (id % 26))}${String.fromCharCode(97 + Math.floor(id / 26))}x`).join(' '), abstract: '', field: prefix })),
      );
    fc.assert(
      fc.property(corpus('kry'), corpus('glac'), fc.integer({ min: 0, max: 1000 }), (a, b, seed) => {
        // Interleaved, in an order the seed chooses.
        const docs = [...a, ...b].map((d, i) => ({ d, k: (i * 7919 + seed) % 1009 })).sort((x, y) => x.k - y.k).map(({ d }) => d);
        const found = finish(discoverThemes(docs));
        for (const [t, ids] of members(found).entries()) {
          assert.equal(new Set(ids.map((i) => docs[i].field)).size, 1, found.themes[t].name);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('split one field into its sub-topics, each named in words most of its papers use and few others do', () => {
    const found = finish(discoverThemes(crypto.entries));
    assert.ok(found.themes.length >= 6 && found.themes.length <= 20, `${found.themes.length} themes`);
    assert.equal(new Set(found.themes.map((t) => t.name.toLowerCase())).size, found.themes.length, 'names differ');
    const words = (i: number) => new Set(contentTerms([crypto.entries[i].title, ...(crypto.entries[i].keywords ?? [])].join(' ')));
    for (const [t, ids] of members(found).entries()) {
      const { name } = found.themes[t];
      assert.doesNotMatch(name, /cluster|\d|misc|other|unsorted/i);
      // The name's first phrase: used by more of the theme's papers than of the others, in share.
      const phrase = contentTerms(name.split(' and ')[0]);
      const uses = (i: number) => phrase.every((w) => words(i).has(w));
      const inside = ids.filter(uses).length / ids.length;
      const others = crypto.entries.map((_, i) => i).filter((i) => !ids.includes(i));
      const outside = others.filter(uses).length / others.length;
      assert.ok(inside > 0 && inside > outside, `${name}: ${inside} of its papers, ${outside} of the others`);
    }
    const names = found.themes.map((t) => t.name.toLowerCase()).join(' | ');
    assert.match(names, /zero-knowledge/, names);
    assert.match(names, /encryption/, names);
  });

  it('give a theme too large to scan sub-themes, named apart from it and from each other', () => {
    const found = finish(discoverThemes(crypto.entries, { subThemesFrom: 10 }));
    const parents = new Set(found.themes.flatMap((t) => (t.parent ? [t.parent] : [])));
    assert.ok(parents.size > 0, 'some theme has sub-themes');
    for (const parent of parents) {
      const subs = found.themes.filter((t) => t.parent === parent);
      assert.ok(subs.length >= 2, parent);
      assert.ok(subs.every((s) => s.name !== parent));
    }
    assert.equal(new Set(found.themes.map((t) => t.name)).size, found.themes.length);
    assert.ok(found.themeOf.every((t) => t >= 0));
  });

  it('make no theme of a few papers that share nothing with the rest: they wait unsorted', async () => {
    // Better BibTeX exports hold such pairs: two copies of an entry titled by a file name.
    const junk = ['Paper102', 'Paper102', 'Dc102rico', 'Dc102rico'].map((title, i) => `@misc{junk${i}, title = {${title}}}`).join('\n');
    const library = await readLibrary([...CRYPTO_FILES.map(source), { file: 'junk.bib', bytes: Buffer.from(junk) }]);
    const found = finish(discoverThemes(library.entries));
    const sizes = members(found).map((m) => m.length);
    assert.ok(Math.min(...sizes) >= 3, `theme sizes ${sizes.join(', ')}`);
    const junkThemes = library.entries.flatMap((entry, i) => (entry.file === 'junk.bib' ? [found.themeOf[i]] : []));
    assert.deepEqual(junkThemes, [-1, -1, -1, -1]);
    const { names } = finish(themeLibrary(library.entries, []));
    assert.deepEqual(
      library.entries.flatMap((entry, i) => (entry.file === 'junk.bib' ? [names[i]] : [])),
      Array(4).fill(UNSORTED_THEME.name),
    );
  });

  it('give the same themes for the same library', () => {
    assert.deepEqual(finish(discoverThemes(mixed.entries)), finish(discoverThemes(mixed.entries)));
    assert.deepEqual(finish(themeLibrary(mixed.entries, seedThemes)), finish(themeLibrary(mixed.entries, seedThemes)));
  });

  it('group the seed papers exactly as their curated definitions do', () => {
    const before = finish(assignThemes(seedEntries, seedThemes));
    const after = finish(themeLibrary(seedEntries, seedThemes)).names;
    assert.deepEqual(after, before);
    // Beside another field, the seed papers still group as their definitions say (pairwise).
    const mixedNames = finish(themeLibrary(mixed.entries, seedThemes)).names;
    let agree = 0;
    let pairs = 0;
    for (let i = 0; i < seedEntries.length; i++) {
      for (let j = i + 1; j < seedEntries.length; j++) {
        pairs++;
        if ((before[i] === before[j]) === (mixedNames[i] === mixedNames[j])) agree++;
      }
    }
    assert.ok(agree / pairs >= 0.95, `pairwise agreement ${agree / pairs}`);
  });

  it('place papers added to the library into the themes there are, moving no other paper', async () => {
    const earlier = finish(PaperLibrary.catalogue(mixed, { themes: seedThemes }));
    const addedBib = `@inproceedings{added1, title = {Succinct Zero-Knowledge Proofs from Lattices}, booktitle = {Advances in Cryptology}}
@article{added2, title = {Proxy Re-Encryption with Keyword Search}, journal = {Journal of Cryptology}}
`;
    const content = await readLibrary([seedSource, ...CRYPTO_FILES.map(source), { file: 'added.bib', bytes: Buffer.from(addedBib) }]);
    const updated = finish(PaperLibrary.catalogue(content, { themes: seedThemes, earlier }));
    assert.deepEqual(updated.updatedFrom, { added: 2, removed: 0 });
    for (const [i, paper] of earlier.papers.entries()) assert.equal(updated.papers[i].theme, paper.theme, paper.title);
    const themeFields = (theme: string) => new Set(updated.papers.filter((p) => p.theme === theme && p.file !== 'added.bib').map(fieldOf));
    for (const key of ['added1', 'added2']) {
      const theme = updated.paperByKey(key)!.theme;
      assert.notEqual(theme, UNSORTED_THEME.name, key);
      assert.deepEqual([...themeFields(theme)], ['cryptography'], `${key} in ${theme}`);
    }
    assert.match(updated.paperByKey('added1')!.theme, /zero-knowledge/i);
  });

  it('keep the user’s name for a theme when a recomputation names it otherwise, by its papers', () => {
    const zk = finish(discoverThemes(crypto.entries)).themes.find((t) => /zero-knowledge/i.test(t.name))!.name;
    const shown = finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: { renames: new Map([[zk, 'My ZK reading']]), moves: new Map() } }));
    assert.ok(shown.themes.some((t) => t.name === 'My ZK reading'));
    // The file names a theme the recomputation no longer finds (as after the library changed).
    const stale = { renames: new Map([['Zero-knowledge, as named before', 'My ZK reading']]), moves: new Map<string, string>() };
    const recomputed = finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: stale, recomputedFrom: shown }));
    assert.deepEqual([...recomputed.matchedRenames], [['Zero-knowledge, as named before', zk]]);
    assert.deepEqual(
      recomputed.papers.map((p) => p.theme),
      shown.papers.map((p) => p.theme),
    );
    // Without the library shown before, nothing tells where the name belongs.
    assert.ok(!finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: stale })).themes.some((t) => t.name === 'My ZK reading'));
  });

  it('keep related papers in the paper’s field: at least 90 % of the top five, more than keyword themes did', () => {
    const sameField = (themeOf: (id: number) => string) => {
      const related = finish(RelatedPapers.build(finish(RelatedPapers.termSpace(mixed.entries)), themeOf));
      let same = 0;
      let all = 0;
      mixed.entries.forEach((paper, i) => {
        for (const hit of related.for(i, 5)) {
          all++;
          if (fieldOf(mixed.entries[hit.id]) === fieldOf(paper)) same++;
        }
      });
      return same / all;
    };
    const keywordThemes = finish(assignThemes(mixed.entries, seedThemes));
    const ours = finish(themeLibrary(mixed.entries, seedThemes)).names;
    const before = sameField((id) => keywordThemes[id]);
    const after = sameField((id) => ours[id]);
    assert.ok(after >= 0.9 && after > before, `same field: ${after.toFixed(3)} now, ${before.toFixed(3)} with keyword themes`);
  });

  it('carry a rename only to a new theme holding most of its papers, and each new theme only one', () => {
    const shownBefore = new Map([
      ['a', 'Mine'],
      ['b', 'Mine'],
      ['c', 'Mine'],
      ['d', 'Yours'],
    ]);
    const keys = ['a', 'b', 'c', 'd'];
    const renames = new Map([
      ['Old', 'Mine'],
      ['Older', 'Yours'],
    ]);
    assert.deepEqual([...matchedRenames(renames, ['X', 'X', 'Y', 'X'], keys, shownBefore)], [['Old', 'X']]);
    assert.deepEqual([...matchedRenames(renames, ['X', 'Y', 'Z', 'W'], keys, shownBefore)], [['Older', 'W']]);
    assert.deepEqual([...matchedRenames(new Map([['X', 'Mine']]), ['X', 'X', 'X', 'X'], keys, shownBefore)], []);
  });
});
