import assert from 'node:assert/strict';
import { FileStamps } from '../../src/core/model/fileStamps';
import { ParsedFiles, readLibrary } from '../../src/core/formats/libraryContent';
import { seedSource } from './seedLibrary';

describe('library files known by size and time', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const old = { file: '/notes/refs.bib', size: 1200, mtimeMs: now - 60_000 };
  // A time in whole seconds may be of a file system whose clock ticks in seconds (HFS+, FAT).
  const fresh = { file: '/notes/new.bib', size: 80, mtimeMs: now - 1000 };
  const fine = { file: '/notes/fine.bib', size: 90, mtimeMs: now - 150.25 };
  const justWritten = { file: '/notes/just.bib', size: 70, mtimeMs: now - 50.25 };
  const hashes = new Map([
    [old.file, 'hash of refs'],
    [fresh.file, 'hash of new'],
    [fine.file, 'hash of fine'],
    [justWritten.file, 'hash of just'],
  ]);

  it('knows a file of the same size and time, and only one changed well before it was stamped', () => {
    const stamps = FileStamps.of([old, fresh, { file: '/notes/unread.bib', size: 5, mtimeMs: 0 }], (file) => hashes.get(file), now);
    assert.equal(stamps.hashOf(old), 'hash of refs');
    assert.equal(stamps.hashOf({ ...old, mtimeMs: old.mtimeMs + 1 }), undefined);
    assert.equal(stamps.hashOf({ ...old, size: old.size - 1 }), undefined);
    // Written a second before: a second write in the same tick of the clock could keep its time.
    assert.equal(stamps.hashOf(fresh), undefined);
    assert.equal(stamps.hashOf({ file: '/notes/unread.bib', size: 5, mtimeMs: 0 }), undefined, 'a file that was not read has no hash');
  });

  it('trusts a time finer than a second sooner: once the file has been still for a tenth of a second', () => {
    const stamps = FileStamps.of([fine, justWritten], (file) => hashes.get(file), now);
    assert.equal(stamps.hashOf(fine), 'hash of fine');
    assert.equal(stamps.hashOf(justWritten), undefined);
    assert.equal(FileStamps.of([fresh], (file) => hashes.get(file), now + 2500).hashOf(fresh), 'hash of new', 'a whole second, after three');
  });

  it('is saved and restored, and a damaged save is no stamps', () => {
    const stamps = FileStamps.of([old], (file) => hashes.get(file), now);
    assert.equal(FileStamps.restore(stamps.save()).hashOf(old), 'hash of refs');
    for (const text of [undefined, '', '{', '[]', '{"header":"another","stamps":[]}']) assert.equal(FileStamps.restore(text).hashOf(old), undefined);
  });

  it('reads a file not read again from its kept parse, with the hash it had', async () => {
    const parsed = new ParsedFiles();
    const read = await readLibrary([seedSource], parsed);
    const again = await readLibrary([{ file: seedSource.file, size: seedSource.bytes.length, hash: read.hashes![0] }], parsed);
    assert.equal(parsed.parseCount, 1, 'parsed once');
    assert.deepEqual(again.entries, read.entries);
    assert.deepEqual(again.hashes, read.hashes);
    await assert.rejects(readLibrary([{ file: seedSource.file, size: 1, hash: 'another hash' }], parsed), /was not read, but its parse is not kept/);
  });
});
