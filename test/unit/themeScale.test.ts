import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readLibrary, type LibraryContent } from '../../src/core/formats/libraryContent';
import { PaperLibrary } from '../../src/core/model/library';
import { themeLibrary } from '../../src/core/themes/libraryThemes';
import { discoverThemes } from '../../src/core/themes/themeDiscovery';
import { finish } from '../../src/core/work/slices';
import { seedSource, seedThemes } from './seedLibrary';

/** Public cryptography bibliographies (see test/fixtures/themes/README.md), beside the seed papers. */
const CRYPTO_FILES = ['test/fixtures/themes/zkp.bib', 'test/fixtures/themes/libbib-crypto.bib'];

/** Each paper's theme, and the themes' names and descriptions: all that a library shows of its theming. */
const shown = (library: PaperLibrary) => ({ papers: library.papers.map((p) => [p.key, p.theme]), groups: library.themeGroups().map((g) => [g.theme.name, g.theme.description, g.papers.length]) });

describe('themes of a large library', () => {
  let mixed: LibraryContent;
  before(async () => {
    mixed = await readLibrary([seedSource, ...CRYPTO_FILES.map((file) => ({ file, bytes: readFileSync(file) }))]);
  });

  it('split by a sample never put papers of two fields in one theme, and place every paper', () => {
    const fieldOf = (i: number) => (mixed.entries[i].file === seedSource.file ? 'machine learning' : 'cryptography');
    for (const splitSample of [60, 100]) {
      const found = finish(discoverThemes(mixed.entries, { splitSample }));
      assert.deepEqual(finish(discoverThemes(mixed.entries, { splitSample })), found, 'the same themes again');
      const fields = found.themes.map(() => new Set<string>());
      found.themeOf.forEach((t, i) => t >= 0 && fields[t].add(fieldOf(i)));
      fields.forEach((f, t) => assert.equal(f.size, 1, `${found.themes[t].name}: ${[...f].join(' and ')} (a sample of ${splitSample})`));
      assert.ok(found.themeOf.every((t) => t >= 0));
    }
  });

  it('split by a sample never put papers of two vocabularies in one theme, for any two corpora (property)', () => {
    const corpus = (prefix: string) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 39 }), { minLength: 2, maxLength: 6 }), { minLength: 5, maxLength: 80 }).map((docs) =>
        docs.map((ids) => ({ title: ids.map((id) => `${prefix}${String.fromCharCode(97 + (id % 26))}${String.fromCharCode(97 + Math.floor(id / 26))}x`).join(' '), abstract: '', field: prefix })),
      );
    fc.assert(
      fc.property(corpus('kry'), corpus('glac'), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 8, max: 40 }), (a, b, seed, splitSample) => {
        const docs = [...a, ...b].map((d, i) => ({ d, k: (i * 7919 + seed) % 1009 })).sort((x, y) => x.k - y.k).map(({ d }) => d);
        const found = finish(discoverThemes(docs, { splitSample }));
        const fields = found.themes.map(() => new Set<string>());
        found.themeOf.forEach((t, i) => t >= 0 && fields[t].add(docs[i].field));
        fields.forEach((f, t) => assert.equal(f.size, 1, found.themes[t].name));
      }),
      { numRuns: 40 },
    );
  });

  it('take themes made elsewhere (the index thread) as its own, and theme afresh only a library made afresh', () => {
    const options = { themes: seedThemes };
    const made = finish(PaperLibrary.catalogue(mixed, options));
    const theming = finish(themeLibrary(mixed.entries, seedThemes));
    const themedElsewhere = finish(PaperLibrary.catalogue(mixed, { ...options, theming }));
    assert.deepEqual(shown(themedElsewhere), shown(made));
    assert.equal(themedElsewhere.themesMadeBy, 'elsewhere');
    // Themes made for other entries are not taken.
    const other = { themes: theming.themes, names: theming.names.slice(1) };
    const themedHere = finish(PaperLibrary.catalogue(mixed, { ...options, theming: other }));
    assert.deepEqual(shown(themedHere), shown(made));
    assert.equal(themedHere.themesMadeBy, 'here');

    assert.equal(finish(PaperLibrary.themedAfresh(mixed, options)), true, 'no cache, no earlier library');
    const cache = finish(made.saveCache());
    assert.equal(finish(PaperLibrary.themedAfresh(mixed, { ...options, cache })), false, 'its own cache');
    assert.equal(finish(PaperLibrary.themedAfresh(mixed, { ...options, earlier: made })), false, 'an update');
    const fewer = { ...mixed, sources: mixed.sources.slice(1), entries: mixed.entries.filter((e) => e.file !== seedSource.file), hashes: mixed.hashes?.slice(1) };
    assert.equal(finish(PaperLibrary.themedAfresh(fewer, { ...options, cache })), true, 'a cache of other content');
    assert.equal(finish(PaperLibrary.themedAfresh(mixed, { themes: [], cache })), true, 'a cache made with other definitions');
  });

  it('restore its themes from the cache at the next start, as they were computed', () => {
    const made = finish(PaperLibrary.build(mixed, { themes: seedThemes }));
    const restored = finish(PaperLibrary.build(mixed, { themes: seedThemes, cache: finish(made.saveCache()) }));
    assert.equal(restored.catalogueFromCache, true, 'keys and themes from the cache');
    assert.equal(restored.themesMadeBy, 'cache');
    assert.equal(made.themesMadeBy, 'here');
    assert.deepEqual(shown(restored), shown(made));
    assert.ok(made.themeGroups().length >= 6, `${made.themeGroups().length} themes`);
  });
});
