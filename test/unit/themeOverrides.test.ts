import assert from 'node:assert/strict';
import { PaperLibrary } from '../../src/core/model/library';
import {
  applyThemeOverrides,
  changeThemeOverridesText,
  NO_THEME_OVERRIDES,
  parseThemeOverrides,
  themeDefinitionsWithOverrides,
  withPaperMoved,
  withThemeRenamed,
  type ThemeOverrides,
} from '../../src/core/search/themeOverrides';
import { seedEntries, seedFormat, seedSource, seedThemes } from './seedLibrary';
import { generatePapers } from '../bench/generateLibrary';
import { readLibrary } from '../../src/core/formats/libraryContent';
import { finish } from '../../src/core/work/slices';
import { withMatchedRenames } from '../../src/core/themes/themeMatching';
import { readFileSync } from 'node:fs';

const FILE = 'literature-notes.themes.json';
const overrides = (renames: Record<string, string>, moves: Record<string, string> = {}): ThemeOverrides => ({
  renames: new Map(Object.entries(renames)),
  moves: new Map(Object.entries(moves)),
});
const plain = (o: ThemeOverrides) => ({ renames: Object.fromEntries(o.renames), moves: Object.fromEntries(o.moves) });
const seedContent = { sources: [seedSource], entries: seedEntries, diagnostics: [] };

describe('theme overrides', () => {
  it('read renames and moves, with comments and trailing commas as in VS Code settings', () => {
    const text = `// committed with the notes
{
  "$comment": "ignored",
  "renames": { "Robot learning": "Robotics", },
  "moves": {
    "limo": " Agents and tool use "
  }
}`;
    const { overrides: read, diagnostics } = parseThemeOverrides(text, FILE);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(plain(read), { renames: { 'Robot learning': 'Robotics' }, moves: { limo: 'Agents and tool use' } });
    assert.deepEqual(parseThemeOverrides('', FILE), { overrides: NO_THEME_OVERRIDES, diagnostics: [] });
  });

  it('report each bad entry at its line and keep the good ones', () => {
    const text = `{
  "renames": {
    "Reasoning": "",
    "Agents and tool use": 3,
    "Robot learning": "Robotics",
    "Robot learning": "Robots"
  },
  "moves": ["limo"],
  "theme": "x"
}`;
    const { overrides: read, diagnostics } = parseThemeOverrides(text, FILE);
    assert.deepEqual(plain(read), { renames: { 'Robot learning': 'Robots' }, moves: {} });
    assert.deepEqual(
      diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`),
      [
        `${FILE}:3: error: "renames": "Reasoning" should be a "theme": "new name" pair with neither empty; skipped`,
        `${FILE}:4: error: "renames": "Agents and tool use" should be a "theme": "new name" pair with neither empty; skipped`,
        `${FILE}:6: warning: "renames": "Robot learning" is given twice; the last one counts`,
        `${FILE}:8: error: "moves" should be an object of "citation key": "theme" pairs; ignored`,
        `${FILE}:9: warning: "theme" is not a field of the file ("renames", "moves"); ignored`,
      ],
    );
    const broken = parseThemeOverrides('{\n  "renames": {\n    "a": "b"\n  \n', FILE);
    assert.deepEqual(broken.overrides, NO_THEME_OVERRIDES);
    assert.match(`${broken.diagnostics[0].line}: ${broken.diagnostics[0].message}`, /^5: not valid JSON \(close brace expected\); no theme was renamed/);
    assert.match(parseThemeOverrides('[]', FILE).diagnostics[0].message, /expected an object/);
  });

  it('put a moved paper under its theme, and every other paper under its theme renamed', () => {
    const applied = applyThemeOverrides(['a', 'b', 'c'], ['Reasoning', 'Reasoning', 'Agents'], overrides({ Reasoning: 'Thinking' }, { b: 'Agents', c: 'New' }));
    assert.deepEqual(applied, ['Thinking', 'Agents', 'New']);
  });

  it('list renamed themes in place with their icons, merge two renamed to one name, and add new themes last', () => {
    const themes = themeDefinitionsWithOverrides(seedThemes, overrides({ 'Robot learning': 'Robotics', Reasoning: 'Robotics' }, { limo: 'Surveys', orca: 'Robotics' }));
    const names = themes.map((t) => t.name);
    assert.deepEqual(names.slice(0, 2), ['Robotics', 'Agents and tool use']);
    assert.equal(names.filter((n) => n === 'Robotics').length, 1);
    assert.ok(!names.includes('Reasoning'));
    assert.equal(themes[0].icon, seedThemes[0].icon);
    assert.deepEqual(themes.at(-1), { name: 'Surveys', keywords: [] });
  });

  it('rename a theme at its source, a renamed one in place, and a theme only moves made through the moves', () => {
    const papers = [
      { key: 'a', theme: 'Robotics' },
      { key: 'b', theme: 'Reasoning' },
      { key: 'c', theme: 'Reasoning' },
      { key: 'd', theme: 'Surveys' },
    ];
    const current = overrides({ 'Robot learning': 'Robotics' }, { c: 'Reasoning', d: 'Surveys' });
    assert.deepEqual(plain(withThemeRenamed(current, 'Robotics', 'Robots', papers)), { renames: { 'Robot learning': 'Robots' }, moves: { c: 'Reasoning', d: 'Surveys' } });
    assert.deepEqual(plain(withThemeRenamed(current, 'Reasoning', 'Thinking', papers)), {
      renames: { 'Robot learning': 'Robotics', Reasoning: 'Thinking' },
      moves: { c: 'Thinking', d: 'Surveys' },
    });
    assert.deepEqual(plain(withThemeRenamed(current, 'Surveys', 'Overviews', papers)), { renames: { 'Robot learning': 'Robotics' }, moves: { c: 'Reasoning', d: 'Overviews' } });
    assert.deepEqual(plain(withThemeRenamed(current, 'Robotics', 'Robot learning', papers)), { renames: {}, moves: { c: 'Reasoning', d: 'Surveys' } }, 'renamed back: nothing left to say');
    assert.deepEqual(plain(withPaperMoved(current, 'a', 'Surveys')).moves, { c: 'Reasoning', d: 'Surveys', a: 'Surveys' });
  });

  it('write a new file that says what it is, and change an existing one entry by entry, keeping its comments', () => {
    const created = changeThemeOverridesText('', (o) => withPaperMoved(o, 'limo', 'Surveys'));
    assert.match(created, /"\$comment": "Literature Notes: /);
    assert.deepEqual(plain(parseThemeOverrides(created, FILE).overrides), { renames: {}, moves: { limo: 'Surveys' } });

    const text = '{\r\n  // mine\r\n  "renames": {\r\n    "Reasoning": "Thinking",\r\n    "Robot learning": "Robotics" // short\r\n  }\r\n}\r\n';
    const changed = changeThemeOverridesText(text, (o) => withThemeRenamed(o, 'Thinking', 'Reasoning', []));
    assert.equal(changed, '{\r\n  // mine\r\n  "renames": {\r\n    "Robot learning": "Robotics" // short\r\n  }\r\n}\r\n');
    const moved = changeThemeOverridesText(changed, (o) => withPaperMoved(o, 'limo', 'Robotics'));
    assert.match(moved, /\/\/ mine\r\n/);
    assert.deepEqual(plain(parseThemeOverrides(moved, FILE).overrides), { renames: { 'Robot learning': 'Robotics' }, moves: { limo: 'Robotics' } });
    assert.throws(() => changeThemeOverridesText('{ "renames": ', (o) => o), /literature-notes\.themes\.json:1: not valid JSON.*Fix the file first/);
  });

  it('shape the library: its themes, groups, search and cache', () => {
    const given = overrides({ 'Robot learning': 'Robotics' }, { limo: 'Agents and tool use', orca: 'Surveys' });
    const library = PaperLibrary.fromContent(seedContent, { themes: seedThemes, themeOverrides: given });
    const before = PaperLibrary.fromContent(seedContent, { themes: seedThemes });
    assert.equal(library.paperByKey('limo')!.theme, 'Agents and tool use');
    assert.equal(library.paperByKey('achieving-human-level')!.theme, 'Robotics');
    const groups = library.themeGroups().map((g) => [g.theme.name, g.papers.map((p) => p.key)] as const);
    assert.deepEqual(groups.at(-1), ['Surveys', ['orca']]);
    assert.equal(groups[0][0], 'Robotics');
    assert.ok(!groups.some(([name]) => name === 'Robot learning'));
    assert.equal(groups.reduce((n, [, keys]) => n + keys.length, 0), 92);

    const cached = PaperLibrary.fromContent(seedContent, { themes: seedThemes, themeOverrides: given, cache: library.toCache() });
    assert.ok(cached.fromCache);
    assert.deepEqual(cached.themeGroups(), library.themeGroups());
    assert.ok(!PaperLibrary.fromContent(seedContent, { themes: seedThemes, cache: library.toCache() }).fromCache, 'a cache with other overrides is not used');
    assert.ok(PaperLibrary.fromContent(seedContent, { themes: seedThemes, themeOverrides: NO_THEME_OVERRIDES, cache: before.toCache() }).fromCache);
  });
});

describe('a theme of sub-themes', () => {
  // Enough papers for a theme too large to scan, which gets sub-themes.
  const generated = { file: 'generated.txt', bytes: seedFormat(generatePapers(seedEntries, 2000)) };
  const parentOf = (library: PaperLibrary) => library.themes.find((t) => t.parent !== undefined)?.parent;

  it('is renamed by the overrides file, its sub-themes shown under the new name', async () => {
    const content = await readLibrary([generated]);
    const library = finish(PaperLibrary.catalogue(content, { themes: [] }));
    const parent = parentOf(library)!;
    assert.ok(parent, 'a theme has sub-themes');
    const renamed = withThemeRenamed(NO_THEME_OVERRIDES, parent, 'My reading', library.papers, true);
    assert.deepEqual(plain(renamed), { renames: { [parent]: 'My reading' }, moves: {} });
    const shown = finish(PaperLibrary.catalogue(content, { themes: [], themeOverrides: renamed }));
    const subs = shown.themes.filter((t) => t.parent !== undefined);
    assert.ok(subs.length >= 2 && subs.every((t) => t.parent === 'My reading'), subs.map((t) => t.parent).join(', '));
    // Renamed again, the one rename changes.
    assert.deepEqual(plain(withThemeRenamed(renamed, 'My reading', 'Ours', shown.papers, true)), { renames: { [parent]: 'Ours' }, moves: {} });
  });

  it('keeps the user’s name when Recompute Themes names it otherwise, matched by its papers', async () => {
    const content = await readLibrary([generated]);
    const parent = parentOf(finish(PaperLibrary.catalogue(content, { themes: [] })))!;
    const shown = finish(PaperLibrary.catalogue(content, { themes: [], themeOverrides: overrides({ [parent]: 'My reading' }) }));
    // The file names a theme the recomputation no longer finds (as after the library changed).
    const stale = overrides({ 'As it was named before': 'My reading' });
    const recomputed = finish(PaperLibrary.catalogue(content, { themes: [], themeOverrides: stale, recomputedFrom: shown }));
    assert.deepEqual([...recomputed.matchedRenames], [['As it was named before', parent]]);
    assert.deepEqual(recomputed.themes, shown.themes);
  });
});

describe('papers moved to a discovered theme', () => {
  it('stay with its papers when Recompute Themes names the theme otherwise', async () => {
    const files = ['zkp.bib', 'libbib-crypto.bib'].map((name) => `test/fixtures/themes/${name}`);
    const crypto = await readLibrary(files.map((file) => ({ file, bytes: readFileSync(file) })));
    const found = finish(PaperLibrary.catalogue(crypto, { themes: [] }));
    const zk = found.themes.find((t) => /zero-knowledge/i.test(t.name))!.name;
    const moved = found.papers.find((p) => p.theme !== zk)!;
    // Shown before under a name the recomputation no longer gives (as after the library changed), with a paper moved there.
    const shown = finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: overrides({ [zk]: 'Zero-knowledge, as named before' }, { [moved.key]: 'Zero-knowledge, as named before' }) }));
    const stale = overrides({}, { [moved.key]: 'Zero-knowledge, as named before' });
    const recomputed = finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: stale, recomputedFrom: shown }));
    assert.deepEqual([...recomputed.matchedRenames], [['Zero-knowledge, as named before', zk]]);
    assert.deepEqual(
      recomputed.papers.map((p) => p.theme),
      shown.papers.map((p) => p.theme),
    );
    assert.deepEqual(plain(withMatchedRenames(stale, recomputed.matchedRenames)), { renames: { [zk]: 'Zero-knowledge, as named before' }, moves: { [moved.key]: 'Zero-knowledge, as named before' } });
    // A theme only moves made matches nothing: it is the user's own.
    const own = overrides({}, { [moved.key]: 'My pile' });
    const mine = finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: own }));
    assert.deepEqual([...finish(PaperLibrary.catalogue(crypto, { themes: [], themeOverrides: own, recomputedFrom: mine })).matchedRenames], []);
  });
});
