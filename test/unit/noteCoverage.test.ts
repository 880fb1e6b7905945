import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PaperLibrary } from '../../src/core/model/library';
import { noteCoverage, uncoveredThemes } from '../../src/core/notes/noteCoverage';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import type { Paper } from '../../src/core/model/paper';
import { loadSeedLibrary, seedFormat } from './seedLibrary';

const library = loadSeedLibrary();
const scanner = new NoteScanner(library.papers);
const paper = (key: string) => library.paperByKey(key) as Paper;
const coverageOf = (text: string) => noteCoverage(scanner.scan(text), library.themes);

/** Themes with their papers' keys and counts, for comparing at a glance. */
const brief = (text: string) => coverageOf(text).themes.map((t) => [t.theme.name, t.papers.map((p) => `${p.paper.key} ${p.count}`)]);

describe('note coverage', () => {
  it('groups cited papers by theme, themes and papers in order of first citation, with counts', () => {
    const robot = paper('achieving-human-level');
    const text = `${robot.title} first, then [@limo] and [@orca; @limo].\n\nAgain @limo, and [${robot.title}](https://example.org).`;
    assert.deepEqual(brief(text), [
      [robot.theme, ['achieving-human-level 2']],
      [paper('limo').theme, ['limo 3', 'orca 1']],
    ]);
  });

  it('locates each paper by its first citation and keeps the theme definitions', () => {
    const { themes } = coverageOf('Intro.\n\nSee [@orca] and [@limo], then @orca.');
    const [reasoning] = themes;
    assert.equal(reasoning.theme, library.themes.find((t) => t.name === 'Reasoning'));
    assert.deepEqual(reasoning.papers.map((p) => [p.paper.key, p.first.line, p.first.startColumn]), [
      ['orca', 3, 6],
      ['limo', 3, 18],
    ]);
  });

  it('lists unknown keys apart, in order of first citation, with counts', () => {
    const coverage = coverageOf('[@zeta] [@limo] [@alpha; @zeta] `[@code]`');
    assert.deepEqual(coverage.unresolved.map((u) => [u.key, u.count, u.first.startColumn]), [
      ['zeta', 2, 2],
      ['alpha', 1, 18],
    ]);
    assert.deepEqual(coverageOf('Nothing cited here.'), { themes: [], unresolved: [] });
  });

  it('counts every citation once, each paper under its own theme, in order of first citation', () => {
    const keys = fc.constantFrom(...library.papers.slice(0, 30).map((p) => p.key), 'unknown-a', 'unknown-b');
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 40 }), (cited) => {
        const coverage = coverageOf(cited.map((k) => `[@${k}]`).join(' '));
        const papers = coverage.themes.flatMap((t) => t.papers.map((p) => ({ ...p, theme: t.theme.name })));
        const counted = [...papers.map((p) => p.paper.key), ...coverage.unresolved.map((u) => u.key)];
        assert.deepEqual(counted.sort(), [...new Set(cited)].sort());
        const total = [...papers, ...coverage.unresolved].reduce((sum, p) => sum + p.count, 0);
        assert.equal(total, cited.length);
        for (const p of papers) assert.equal(p.theme, p.paper.theme);
        for (const t of coverage.themes) {
          const starts = t.papers.map((p) => p.first.start);
          assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
        }
        const themeStarts = coverage.themes.map((t) => t.papers[0].first.start);
        assert.deepEqual(themeStarts, [...themeStarts].sort((a, b) => a - b));
      }),
    );
  });
});

describe('uncovered themes', () => {
  it('suggests, for every theme the note does not cover, up to three of its uncited papers', () => {
    const cited = [paper('limo'), paper('achieving-human-level')];
    const suggestions = uncoveredThemes(library, cited);
    const covered = new Set(cited.map((p) => p.theme));
    assert.deepEqual(
      suggestions.map((s) => s.theme.name).sort(),
      library.themes.map((t) => t.name).filter((name) => !covered.has(name)).sort(),
    );
    for (const { theme, papers } of suggestions) {
      assert.ok(papers.length >= 1 && papers.length <= 3, theme.name);
      for (const p of papers) assert.equal(p.theme, theme.name);
    }
    assert.equal(uncoveredThemes(library, cited, 2).every((s) => s.papers.length <= 2), true);
  });

  it('ranks a theme’s papers by their relatedness to all the cited papers together', () => {
    const cited = [paper('limo'), paper('orca')];
    // The summed related scores over the whole library, computed the long way.
    const summed = new Map<string, number>();
    for (const c of cited) for (const r of library.relatedTo(c, library.papers.length)) summed.set(r.paper.key, (summed.get(r.paper.key) ?? 0) + r.score);
    const suggestions = uncoveredThemes(library, cited);
    const related = suggestions.filter((s) => s.papers.every((p) => summed.has(p.key)));
    assert.ok(related.length >= 5, `${related.length} themes with related papers`);
    for (const { theme, papers } of related) {
      const best = library.papers.filter((p) => p.theme === theme.name && summed.has(p.key)).sort((a, b) => summed.get(b.key)! - summed.get(a.key)!);
      assert.deepEqual(papers.map((p) => p.key), best.slice(0, 3).map((p) => p.key), theme.name);
    }
    const best = suggestions.map((s) => summed.get(s.papers[0].key) ?? 0);
    assert.deepEqual(best, [...best].sort((a, b) => b - a), 'themes with the most related papers first');
  });

  it('falls back to a theme’s first papers by title when nothing cited relates to it', async () => {
    const themes = [
      { name: 'Robots', keywords: ['robot'] },
      { name: 'Proteins', keywords: ['protein'] },
    ];
    const bytes = seedFormat([
      { title: 'Robot arms grasp cups', abstract: 'A robot arm grasps cups and mugs quickly on a kitchen table.' },
      { title: 'Robot hands stack blocks', abstract: 'A robot hand stacks wooden blocks carefully into tall towers.' },
      { title: 'Protein folding predicted', abstract: 'Protein structures are predicted from amino acid sequences alone.' },
      { title: 'Enzyme protein design', abstract: 'Designing new protein enzymes that catalyse chemical reactions in cells.' },
    ]);
    const small = await PaperLibrary.fromSources([{ file: 'small.txt', bytes }], { themes });
    const [arms] = small.papers;
    assert.deepEqual(
      uncoveredThemes(small, [arms]).map((s) => [s.theme.name, s.papers.map((p) => p.title)]),
      [['Proteins', ['Enzyme protein design', 'Protein folding predicted']]],
    );
    assert.deepEqual(uncoveredThemes(small, small.papers), []);
    assert.deepEqual(
      uncoveredThemes(small, []).map((s) => s.theme.name),
      ['Robots', 'Proteins'],
    );
  });
});
