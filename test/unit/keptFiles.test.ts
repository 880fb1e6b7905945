import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileEditOf } from '../../src/core/formats/fileEdit';
import { KeptFiles } from '../../src/worker/keptFiles';
import { inTempFolder } from './tempFolder';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Lines of text, `size` bytes of them: past the 8 MB between two saved states of the hash when large. */
function text(size: number, seed: string): Buffer {
  const line = Buffer.from(`${seed} robots learn to cook from videos, line after line\n`);
  return Buffer.alloc(size, line);
}

/** A library file of `size` bytes written in a folder of its own, and the files kept, for `test`. */
function withLibrary(size: number, test: (file: string, bytes: Buffer, kept: KeptFiles) => Promise<void>): Promise<void> {
  return inTempFolder('kept-files-', async (folder) => {
    const file = path.join(folder, 'library.txt');
    const bytes = text(size, 'We show how');
    writeFileSync(file, bytes);
    await test(file, bytes, new KeptFiles());
  });
}

describe('files kept by the file thread', () => {
  it('tell the next read as an edit of the version kept, hashed as the whole file hashes, wherever it changed', () =>
    withLibrary(20 << 20, async (file, written, kept) => {
      let bytes = written;
      const first = await kept.read(file, { kind: 'edit' });
      assert.deepEqual([first.hash, Buffer.compare(first.bytes!, bytes), first.edit], [sha256(bytes), 0, undefined]);
      // Kept after it is handed over, as the host asks once it has parsed it.
      await kept.read(file, { kind: 'keep', hash: first.hash });
      let since = first.hash;
      // Near the end, past two saved states; at the start; the file shrunk; grown well past its buffer.
      const edits = [
        (b: Buffer) => Buffer.concat([b.subarray(0, 17 << 20), Buffer.from('An Inserted Title\n\n'), b.subarray(17 << 20), Buffer.from('Appended\n')]),
        (b: Buffer) => Buffer.concat([Buffer.from('X'), b.subarray(1)]),
        (b: Buffer) => b.subarray(0, 9 << 20),
        (b: Buffer) => Buffer.concat([b, text(12 << 20, 'They find')]),
      ];
      for (const change of edits) {
        const after = change(bytes);
        writeFileSync(file, after);
        const read = await kept.read(file, { kind: 'edit', since });
        assert.equal(read.bytes, undefined);
        assert.equal(read.hash, sha256(after));
        assert.deepEqual(read.edit, fileEditOf(bytes, after, since));
        [bytes, since] = [after, read.hash];
      }
    }));

  it('hash without changing what is kept, hand over the bytes of another version, and forget a file that is gone', () =>
    withLibrary(1 << 20, async (file, bytes, kept) => {
      const { hash } = await kept.read(file, { kind: 'keep', hash: 'none yet' });
      assert.equal(hash, sha256(bytes));
      const edited = Buffer.concat([bytes, Buffer.from('Appended\n')]);
      writeFileSync(file, edited);
      assert.deepEqual(await kept.read(file, { kind: 'hash' }), { hash: sha256(edited) });
      assert.deepEqual((await kept.read(file, { kind: 'edit', since: hash })).edit, fileEditOf(bytes, edited, hash));
      // The version kept is now the edited one: an edit of the first is another version's.
      const whole = await kept.read(file, { kind: 'edit', since: hash });
      assert.deepEqual([whole.edit, Buffer.compare(whole.bytes!, edited)], [undefined, 0]);

      rmSync(file);
      await assert.rejects(kept.read(file, { kind: 'edit', since: sha256(edited) }), { code: 'ENOENT' });
      writeFileSync(file, edited);
      assert.equal((await kept.read(file, { kind: 'edit', since: sha256(edited) })).edit, undefined, 'forgotten once gone');
    }));
});
