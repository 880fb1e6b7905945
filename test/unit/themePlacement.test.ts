import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readLibrary, type LibraryContent, type LibrarySource } from '../../src/core/formats/libraryContent';
import { PaperLibrary } from '../../src/core/model/library';
import { keywordThemes, UNSORTED_THEME, type ThemeDefinition } from '../../src/core/search/themes';
import { finish } from '../../src/core/work/slices';
import { contentTerms } from '../../src/core/search/text';
import type { PaperEntry } from '../../src/core/model/paper';
import { FeatureMemo, themeVectors } from '../../src/core/themes/themeFeatures';
import { seedSource, seedThemes } from './seedLibrary';

/** Public bibliographies nobody here wrote (see test/fixtures/themes/README.md). */
const CRYPTO_FILES = ['test/fixtures/themes/zkp.bib', 'test/fixtures/themes/libbib-crypto.bib'];
const PROTESTS_FILE = 'test/fixtures/themes/libbib-protests.bib';
const OTHER_FIELD_FILES = ['test/fixtures/themes/pism-glaciology.bib', 'test/fixtures/themes/quantecon-economics.bib', 'test/fixtures/themes/mne-neuroscience.bib'];
const source = (file: string): LibrarySource => ({ file, bytes: readFileSync(file) });
const bib = (file: string, text: string): LibrarySource => ({ file, bytes: Buffer.from(text) });

/** Every paper the sidebar lists, by key: a paper missing from it is lost to the reader. */
const listed = (library: PaperLibrary) => library.themeGroups().flatMap((g) => g.papers.map((p) => p.key));

describe('papers added to a library', () => {
  let crypto: LibraryContent;
  before(async () => {
    crypto = await readLibrary(CRYPTO_FILES.map(source));
  });

  it('go into a defined theme only if the library has it, so the sidebar lists them and the cache restores', async () => {
    // The user's definitions name a field the library does not have yet.
    const definitions: ThemeDefinition[] = [
      { name: 'Zero knowledge', keywords: ['zero-knowledge', 'zero knowledge'] },
      { name: 'Glaciers', keywords: ['glacier', 'glaciers', 'ice sheet'] },
    ];
    const earlier = finish(PaperLibrary.catalogue(crypto, { themes: definitions }));
    assert.ok(!earlier.themes.some((t) => t.name === 'Glaciers'));
    const added = bib('added.bib', '@article{surge, title = {Glacier surges and the ice sheet beneath them}, journal = {Journal of Glaciology}}\n');
    const content = await readLibrary([...CRYPTO_FILES.map(source), added]);
    const updated = finish(PaperLibrary.catalogue(content, { themes: definitions, earlier }));
    assert.deepEqual(updated.updatedFrom, { added: 1, removed: 0 });
    assert.deepEqual(listed(updated).sort(), updated.papers.map((p) => p.key).sort());
    assert.ok(updated.themes.some((t) => t.name === updated.paperByKey('surge')!.theme));
    const restored = finish(PaperLibrary.catalogue(content, { themes: definitions, cache: updated.toCache() }));
    assert.ok(restored.catalogueFromCache, 'the cache is taken back');
    assert.deepEqual(
      restored.papers.map((p) => p.theme),
      updated.papers.map((p) => p.theme),
    );
  });

  /**
   * The library after each batch of `added`, every batch as large as an update may be without
   * the library being themed afresh (a tenth of the papers kept).
   */
  const inBatches = (start: LibraryContent, added: readonly PaperEntry[]) => {
    let library = finish(PaperLibrary.catalogue(start, { themes: [] }));
    const libraries = [library];
    let entries = [...start.entries];
    for (let at = 0; at < added.length; ) {
      const batch = Math.floor(0.1 * entries.length);
      entries = [...entries, ...added.slice(at, at + batch)];
      at += batch;
      library = finish(PaperLibrary.catalogue({ ...start, entries }, { themes: [], earlier: library }));
      assert.ok(library.updatedFrom, `an update, not made afresh, at ${at}`);
      libraries.push(library);
    }
    return libraries;
  };

  it('of another field, a few at a time, make themes of their own named in their words, moving no other paper', async () => {
    const protests = (await readLibrary([source(PROTESTS_FILE)])).entries;
    const libraries = inBatches(crypto, protests);
    const [first, last] = [libraries[0], libraries[libraries.length - 1]];
    const isProtest = (p: PaperEntry) => p.file === PROTESTS_FILE;
    for (const library of libraries.slice(1)) {
      for (const [i, paper] of first.papers.entries()) assert.equal(library.papers[i].theme, paper.theme, paper.title);
      for (const { theme, papers } of library.themeGroups()) assert.equal(new Set(papers.map(isProtest)).size, 1, `${theme.name} mixes fields`);
    }
    const before = new Set([...first.themes.map((t) => t.name), UNSORTED_THEME.name]);
    const grown = last.themeGroups().filter((g) => !before.has(g.theme.name));
    assert.ok(grown.length >= 1, 'a new theme');
    const sorted = grown.reduce((n, g) => n + g.papers.length, 0);
    assert.ok(sorted >= protests.length / 2, `${sorted} of ${protests.length} protest papers in new themes`);
    for (const { theme, papers } of grown) {
      const words = new Set(papers.flatMap((p) => contentTerms([p.title, ...(p.keywords ?? [])].join(' '))));
      for (const word of contentTerms(theme.name)) assert.ok(words.has(word), `"${word}" of ${theme.name} is its papers' word`);
      assert.ok(papers.every(isProtest), theme.name);
    }
    // The same additions give the same themes, and the cache takes them back.
    const again = inBatches(crypto, protests);
    assert.deepEqual(
      again[again.length - 1].papers.map((p) => p.theme),
      last.papers.map((p) => p.theme),
    );
    const content = { ...crypto, entries: [...crypto.entries, ...protests] };
    const restored = finish(PaperLibrary.catalogue(content, { themes: [], cache: last.toCache() }));
    assert.ok(restored.catalogueFromCache);
    assert.deepEqual(restored.themes, last.themes);
  });

  it('of another field go into a theme of the shipped definitions only if their keywords describe them, as in a library made afresh', async () => {
    const others = (await readLibrary(OTHER_FIELD_FILES.map(source))).entries;
    const start = await readLibrary([seedSource, ...CRYPTO_FILES.map(source)]);
    const defined = new Set(seedThemes.map((t) => t.name));
    const keyword = finish(keywordThemes(others, seedThemes));
    let library = finish(PaperLibrary.catalogue(start, { themes: seedThemes }));
    let entries = [...start.entries];
    const caught: string[] = [];
    for (let at = 0; at < others.length; ) {
      const batch = others.slice(at, at + Math.floor(0.1 * entries.length));
      entries = [...entries, ...batch];
      library = finish(PaperLibrary.catalogue({ ...start, entries }, { themes: seedThemes, earlier: library }));
      assert.ok(library.updatedFrom, `an update, not made afresh, at ${at}`);
      batch.forEach((entry, k) => {
        const theme = library.paperByKey(entry.key!)!.theme;
        if (defined.has(theme) && keyword[at + k] < 0) caught.push(`${theme}: ${entry.title}`);
      });
      at += batch.length;
    }
    assert.deepEqual(caught, []);
  });

  it('place papers with the features kept from the update before exactly as with every feature read afresh', async () => {
    const protests = (await readLibrary([source(PROTESTS_FILE)])).entries;
    // The kept features of the updates before, against a library restored from the cache, which keeps none.
    const kept = inBatches(crypto, protests);
    let entries = [...crypto.entries];
    for (const [k, library] of kept.slice(1).entries()) {
      const batch = library.papers.length - entries.length;
      const earlier = finish(PaperLibrary.catalogue({ ...crypto, entries }, { themes: [], cache: kept[k].toCache() }));
      assert.ok(earlier.catalogueFromCache);
      entries = [...entries, ...protests.slice(entries.length - crypto.entries.length, entries.length - crypto.entries.length + batch)];
      const afresh = finish(PaperLibrary.catalogue({ ...crypto, entries }, { themes: [], earlier }));
      assert.ok(afresh.updatedFrom);
      assert.deepEqual(
        afresh.papers.map((p) => p.theme),
        library.papers.map((p) => p.theme),
      );
      assert.deepEqual(afresh.themes, library.themes);
      // And with the features counted ahead of the update, as the extension does after a load.
      const prepared = finish(PaperLibrary.catalogue({ ...crypto, entries: entries.slice(0, -batch) }, { themes: [], cache: kept[k].toCache() }));
      finish(prepared.preparePlacement());
      const updated = finish(PaperLibrary.catalogue({ ...crypto, entries }, { themes: [], earlier: prepared }));
      assert.deepEqual(
        updated.papers.map((p) => p.theme),
        library.papers.map((p) => p.theme),
      );
      assert.deepEqual(updated.themes, library.themes);
    }
  });

  it('number and weigh features read back from those kept exactly as read from the words', async () => {
    const protests = (await readLibrary([source(PROTESTS_FILE)])).entries;
    const docs = [...crypto.entries, ...protests.slice(0, 40)];
    const memo = new FeatureMemo();
    // Kept from documents in another order and only some of them, as the sample of an update before.
    finish(themeVectors([...docs.slice(0, 60)].reverse().concat(docs.filter((_, i) => i % 3 === 0)), memo));
    const read = finish(themeVectors(docs));
    const replayed = finish(themeVectors(docs, memo));
    assert.ok(docs.some((d) => d.authors?.length) && docs.some((d) => d.keywords?.length), 'entries with authors and keywords');
    assert.deepEqual(
      replayed.map((v) => [[...v.ids], [...v.weights]]),
      read.map((v) => [[...v.ids], [...v.weights]]),
    );
  });
});
