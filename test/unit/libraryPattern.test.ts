import assert from 'node:assert/strict';
import { folderGlobs, isLibraryFile, libraryPattern } from '../../src/node/libraryPattern';

describe('library patterns', () => {
  it('resolves a file against its workspace folder, or takes it as written when absolute', () => {
    assert.deepEqual(libraryPattern('refs.bib', '/work/notes'), { kind: 'file', file: '/work/notes/refs.bib' });
    assert.deepEqual(libraryPattern(' papers/../refs.bib ', '/work/notes'), { kind: 'file', file: '/work/notes/refs.bib' });
    assert.deepEqual(libraryPattern('/home/me/refs.bib', '/work/notes'), { kind: 'file', file: '/home/me/refs.bib' });
    assert.deepEqual(libraryPattern('/home/me/refs.bib', undefined), { kind: 'file', file: '/home/me/refs.bib' });
  });

  it('searches a relative glob from its workspace folder, so folders made later count', () => {
    assert.deepEqual(libraryPattern('refs/*.bib', '/work/notes'), { kind: 'glob', base: '/work/notes', glob: 'refs/*.bib' });
    assert.deepEqual(libraryPattern('**/*.{bib,json}', '/work/notes/'), { kind: 'glob', base: '/work/notes', glob: '**/*.{bib,json}' });
    assert.deepEqual(libraryPattern('/work/notes/refs/[ab].bib', '/work/notes'), { kind: 'glob', base: '/work/notes', glob: 'refs/[ab].bib' });
  });

  it('searches any other glob from its last folder before a wildcard', () => {
    assert.deepEqual(libraryPattern('/home/me/zotero/*/refs.bib', '/work/notes'), { kind: 'glob', base: '/home/me/zotero', glob: '*/refs.bib' });
    assert.deepEqual(libraryPattern('../shared/*.bib', '/work/notes'), { kind: 'glob', base: '/work/shared', glob: '*.bib' });
    assert.deepEqual(libraryPattern('/*.bib', undefined), { kind: 'glob', base: '/', glob: '*.bib' });
  });

  it('has nothing for an empty entry, or a relative one with no folder to be relative to', () => {
    assert.equal(libraryPattern('   ', '/work/notes'), undefined);
    assert.equal(libraryPattern('refs.bib', undefined), undefined);
    assert.equal(libraryPattern('refs/*.bib', undefined), undefined);
  });

  it('lets a glob pick only seed, BibTeX and CSL-JSON files', () => {
    assert.deepEqual(['a.bib', 'b.JSON', 'c.txt', 'd.pdf', 'e.bib.bak', 'bib'].filter(isLibraryFile), ['a.bib', 'b.JSON', 'c.txt']);
  });

  it('names the folders a new file of a glob may be written into, up to the first **', () => {
    assert.deepEqual(folderGlobs('refs/*.bib'), ['refs']);
    assert.deepEqual(folderGlobs('a/[bc]/d/*.bib'), ['a', 'a/[bc]', 'a/[bc]/d']);
    assert.deepEqual(folderGlobs('papers/**/x/*.bib'), ['papers', 'papers/**']);
    assert.deepEqual(folderGlobs('{refs,old/refs}/*.bib'), ['{refs,old/refs}']);
    assert.deepEqual(folderGlobs('*.{bib,json}'), []);
  });
});
