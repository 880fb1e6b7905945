import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readLibrary } from '../../src/core/formats/libraryContent';
import { phraseKey, PhraseCounts, telling, themeName } from '../../src/core/themes/themeNaming';
import { discoverThemes } from '../../src/core/themes/themeDiscovery';
import type { ThemeDocument } from '../../src/core/themes/themeFeatures';
import { finish } from '../../src/core/work/slices';
import { seedEntries } from './seedLibrary';

/** Public bibliographies nobody here wrote (see test/fixtures/themes/README.md). */
const read = (...files: string[]) => readLibrary(files.map((file) => ({ file: `test/fixtures/themes/${file}`, bytes: readFileSync(`test/fixtures/themes/${file}`) })));
const countsOf = (entries: readonly ThemeDocument[]) => {
  const counts = new PhraseCounts();
  for (const entry of entries) counts.add(entry);
  return counts;
};

describe('theme names as the papers write them', () => {
  it('keep proper nouns and acronyms as the papers write them, every other word in lower case, the first capitalised', async () => {
    const glaciology = countsOf((await read('pism-glaciology.bib')).entries);
    // Most of its titles capitalise every word ("Ice Sheet"), which tells nothing of a word's case.
    assert.deepEqual(glaciology.cased(['antarctic ice sheet', 'ice sheet', 'last glacial maximum', 'greenland']), ['Antarctic ice sheet', 'Ice sheet', 'Last Glacial Maximum', 'Greenland']);
    assert.deepEqual(glaciology.cased(['antarctic ice sheet'], false), ['Antarctic ice sheet']);
    assert.deepEqual(countsOf(seedEntries).cased(['lora modules', 'low-rank adaptation']), ['LoRA modules', 'Low-rank adaptation']);
    assert.deepEqual(countsOf((await read('zkp.bib')).entries).cased(['zksnarks', 'succinct arguments']), ['zkSNARKs', 'Succinct arguments']);
    // Every title of this Zotero export is in title case; its entries protect the proper nouns ("Fractional {{Chern}} Insulators").
    assert.deepEqual(countsOf((await read('tenpy-physics.bib')).entries).cased(['fractional chern insulators', 'bose-hubbard model']), ['Fractional Chern insulators', 'Bose-Hubbard model']);
  });

  it('are made of phrases the papers use as names, not as parts of longer ones, in any field', async () => {
    const fields = [['zkp.bib', 'libbib-crypto.bib'], ['libbib-protests.bib'], ['pism-glaciology.bib'], ['tenpy-physics.bib'], ['mne-neuroscience.bib'], ['quantecon-economics.bib']];
    for (const files of fields) {
      const { entries } = await read(...files);
      // Sub-themes too, named apart from their parent.
      const found = finish(discoverThemes(entries, { subThemesFrom: 60 }));
      for (const [t, theme] of found.themes.entries()) {
        const counts = countsOf(entries.filter((_, i) => found.themeOf[i] === t));
        for (const phrase of theme.name.split(' and ')) {
          // "Dimensional" of "two-dimensional systems", "order" of "higher-order", "inverse" of "inverse methods".
          assert.ok(!counts.isFragment(phraseKey(phrase)), `${theme.name} (${files.join(', ')}): "${phrase}" is mostly part of a longer phrase`);
          // "Der and eine" named the German papers of an economics library.
          assert.doesNotMatch(phrase, /^(der|die|das|und|eine?|les|une)$/i, theme.name);
        }
        if (theme.parent) assert.notEqual(theme.name.toLowerCase(), theme.parent.toLowerCase());
      }
    }
  });

  it('join two phrases with "and" only when each names a fair share of the theme’s papers', async () => {
    const files = ['zkp.bib', 'libbib-crypto.bib', 'pism-glaciology.bib', 'tenpy-physics.bib', 'mne-neuroscience.bib', 'quantecon-economics.bib', 'schedulingzoo-scheduling.bib'];
    let joined = 0;
    for (const file of files) {
      const { entries } = await read(file);
      const found = finish(discoverThemes(entries));
      for (const [t, theme] of found.themes.entries()) {
        const phrases = theme.name.split(' and ');
        if (phrases.length < 2) continue;
        joined++;
        const counts = countsOf(entries.filter((_, i) => found.themeOf[i] === t));
        // "Rational expectations equilibrium and encryption" named a pile by a phrase of two of its papers.
        for (const phrase of phrases) assert.ok((counts.papers.get(phraseKey(phrase)) ?? 0) >= counts.size / 5, `${file}: ${theme.name} (${counts.size} papers): "${phrase}"`);
      }
    }
    assert.ok(joined > 0, 'some theme is named by two phrases');
  });

  it('never give a name taken in another form of its words', () => {
    const titles = ['Tangible user interfaces for children', 'User interfaces on the go', 'Designing user interfaces', 'Haptic user interfaces', 'Mobile haptic feedback'];
    const group = countsOf(titles.map((title) => ({ title, abstract: '' })));
    const others = countsOf(['Ice sheet models', 'Glacier flow'].map((title) => ({ title, abstract: '' })));
    const all = new PhraseCounts();
    all.addAll(group);
    all.addAll(others);
    const candidates = telling(group, all);
    assert.equal(themeName(group, candidates, new Set()), 'User interfaces', 'the name when it is free');
    const name = themeName(group, candidates, new Set(['user interface']));
    // Another phrase, or none (then the next candidates are tried), never the same words.
    assert.ok(name === undefined || phraseKey(name) !== phraseKey('user interface'), `${name} beside "User interface"`);
  });

  it('read the little words of other languages as stop words, which no phrase holds', () => {
    const counts = countsOf([
      { title: 'Zur Theorie der Gesellschaftsspiele', abstract: '' },
      { title: 'Über ein ökonomisches Gleichungssystem und eine Verallgemeinerung des Brouwerschen Fixpunktsatzes', abstract: '' },
    ]);
    const keys = [...counts.papers.keys()];
    assert.ok(keys.includes(phraseKey('brouwerschen fixpunktsatzes')), keys.join(', '));
    assert.deepEqual(keys.filter((key) => /\b(der|und|eine|des|zur)\b/.test(key)), []);
  });
});
