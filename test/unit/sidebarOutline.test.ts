import assert from 'node:assert/strict';
import type { LibraryFileStamp } from '../../src/core/model/fileStamps';
import { outlineFingerprint, restoreOutline, saveOutline } from '../../src/core/model/sidebarOutline';
import { NO_THEME_OVERRIDES } from '../../src/core/search/themeOverrides';
import { loadSeedLibrary, seedThemes } from './seedLibrary';

describe('the sidebar outline saved between sessions', () => {
  const stamps: LibraryFileStamp[] = [{ file: '/notes/refs.bib', size: 1200, mtimeMs: 1764100000000.5 }];
  const fingerprint = outlineFingerprint(stamps, seedThemes, NO_THEME_OVERRIDES);

  it('gives back every theme in order, with its icon, description and count', () => {
    const groups = loadSeedLibrary().themeGroups();
    const outline = restoreOutline(saveOutline(groups, fingerprint), fingerprint);
    assert.deepEqual(
      outline?.map(({ theme, count }) => [theme.name, theme.icon, theme.description, count]),
      groups.map(({ theme, papers }) => [theme.name, theme.icon, theme.description, papers.length]),
    );
    assert.equal(outline?.reduce((n, t) => n + t.count, 0), 92);
  });

  it('is not used once a file, its size or time, the themes or the overrides differ', () => {
    const saved = saveOutline(loadSeedLibrary().themeGroups(), fingerprint);
    const renamed = { ...NO_THEME_OVERRIDES, renames: new Map([['Robot learning', 'Robots']]) };
    for (const other of [
      outlineFingerprint([{ ...stamps[0], mtimeMs: stamps[0].mtimeMs + 1 }], seedThemes, NO_THEME_OVERRIDES),
      outlineFingerprint([{ ...stamps[0], size: 1201 }], seedThemes, NO_THEME_OVERRIDES),
      outlineFingerprint([...stamps, { file: '/notes/more.bib', size: 10, mtimeMs: 1 }], seedThemes, NO_THEME_OVERRIDES),
      outlineFingerprint(stamps, seedThemes.slice(1), NO_THEME_OVERRIDES),
      outlineFingerprint(stamps, seedThemes, renamed),
    ]) {
      assert.notEqual(other, fingerprint);
      assert.equal(restoreOutline(saved, other), undefined);
    }
  });

  it('is no outline when missing or damaged', () => {
    const theme = { name: 'Robot learning', keywords: [] };
    for (const text of [undefined, '', '{', 'null', JSON.stringify({ fingerprint }), JSON.stringify({ fingerprint, themes: [{ theme, count: -1 }] }), JSON.stringify({ fingerprint, themes: [{ theme: { name: 7 }, count: 1 }] })]) {
      assert.equal(restoreOutline(text, fingerprint), undefined, String(text));
    }
    assert.deepEqual(restoreOutline(JSON.stringify({ fingerprint, themes: [{ theme, count: 3 }] }), fingerprint), [{ theme, count: 3 }]);
  });
});
