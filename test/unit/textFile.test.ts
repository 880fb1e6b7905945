import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readFileIf, readTextInSlices, readWholeFile, removeAbandonedPartials, replaceFile } from '../../src/node/textFile';
import { inTempFolder } from './tempFolder';


describe('cache files', () => {
  it('reads a file as text, a chunk at a time, into pieces that join into the text read whole', () =>
    inTempFolder('read-in-slices-', async (folder) => {
      const file = path.join(folder, 'text');
      const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('é', '𝄞', '\n', '字')), { maxLength: 12 }).map((parts) => parts.join(''));
      await fc.assert(
        fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (written, chunkBytes) => {
          writeFileSync(file, written);
          assert.equal((await readTextInSlices(file, 'shared', chunkBytes)).join(''), written);
        }),
        { numRuns: 100 },
      );
      const stray = Uint8Array.of(0x61, 0x80, 0x80, 0x80, 0x80, 0x80, 0x62, 0xf0, 0x9d);
      writeFileSync(file, stray);
      for (let chunkBytes = 1; chunkBytes < stray.length; chunkBytes++) assert.equal((await readTextInSlices(file, 'shared', chunkBytes)).join(''), new TextDecoder().decode(stray));
      writeFileSync(file, '');
      assert.deepEqual(await readTextInSlices(file), []);
      await assert.rejects(readTextInSlices(path.join(folder, 'missing')), /ENOENT/);
    }));

  it('are replaced whole, through a partial file renamed over them, and a failed write leaves nothing behind', () =>
    inTempFolder('replace-file-', async (folder) => {
      const file = path.join(folder, 'cache');
      await replaceFile(file, [new TextEncoder().encode('fir'), new TextEncoder().encode('st')]);
      await replaceFile(file, [new TextEncoder().encode('second')]);
      assert.equal(readFileSync(file, 'utf8'), 'second');
      assert.deepEqual(readdirSync(folder), ['cache']);
      // A folder in the file's place: the partial file is written, the rename fails.
      mkdirSync(path.join(folder, 'taken', 'inside'), { recursive: true });
      await assert.rejects(replaceFile(path.join(folder, 'taken'), [new Uint8Array(1)]));
      assert.deepEqual(readdirSync(folder).sort(), ['cache', 'taken']);
    }));

  it('are read whole in one request, however large, and an empty or missing one as such', () =>
    inTempFolder('read-whole-', async (folder) => {
      const file = path.join(folder, 'library.txt');
      // Past Node's half-megabyte reads, with bytes that differ along the way.
      const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7919) % 251));
      writeFileSync(file, bytes);
      assert.ok(Buffer.from(await readWholeFile(file)).equals(bytes));
      writeFileSync(file, '');
      assert.equal((await readWholeFile(file)).length, 0);
      await assert.rejects(readWholeFile(path.join(folder, 'missing')), /ENOENT/);
    }));

  it('are read whole only when their first bytes are wanted', () =>
    inTempFolder('read-if-', async (folder) => {
      const file = path.join(folder, 'cache');
      writeFileSync(file, 'header\nbody');
      const heads: string[] = [];
      const wanted = (head: Uint8Array) => heads.push(Buffer.from(head).toString()) > 0 && head[0] === 0x68;
      assert.equal(Buffer.from((await readFileIf(file, wanted, 4))!).toString(), 'header\nbody');
      assert.equal(await readFileIf(file, (head) => wanted(head) && false, 4), undefined);
      assert.deepEqual(heads, ['head', 'head']);
      assert.equal(Buffer.from((await readFileIf(file, wanted))!).toString(), 'header\nbody', 'a file shorter than the head');
      assert.equal(heads.at(-1), 'header\nbody');
      await assert.rejects(readFileIf(path.join(folder, 'missing'), wanted), /ENOENT/);
    }));

  it('lose the partial files of writers that died before renaming them, and keep those still being written', () =>
    inTempFolder('abandoned-partials-', async (folder) => {
      const ended = spawnSync(process.execPath, ['-e', '']).pid;
      for (const name of ['cache', `cache.${ended}.partial`, `cache.${process.pid}.partial`, 'notes.partial']) writeFileSync(path.join(folder, name), 'x');
      await removeAbandonedPartials(folder);
      assert.deepEqual(readdirSync(folder).sort(), ['cache', `cache.${process.pid}.partial`, 'notes.partial']);
      await removeAbandonedPartials(path.join(folder, 'missing'));
    }));
});
