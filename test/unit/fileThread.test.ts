import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { fileEditOf } from '../../src/core/formats/fileEdit';
import { hashesWork, readLibrary } from '../../src/core/formats/libraryContent';
import { readLibrarySources } from '../../src/node/libraryFiles';
import { finish } from '../../src/core/work/slices';
import { FileThread } from '../../src/worker/fileThread';
import { generatePapers, seedFormat } from '../bench/generateLibrary';
import { seedEntries } from './seedLibrary';
import { inTempFolder } from './tempFolder';

describe('the file thread', () => {
  it('reads a library file whole and hashes it as the host does, and says why it cannot', () =>
    inTempFolder('file-thread-', async (folder) => {
      const script = path.join(folder, 'fileWorker.js');
      buildSync({ entryPoints: ['src/worker/fileWorker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'warning' });
      const big = path.join(folder, 'big.txt');
      const bytes = seedFormat(generatePapers(seedEntries, 3000));
      writeFileSync(big, bytes);
      const thread = new FileThread(script);
      try {
        const read = await thread.read(big);
        assert.deepEqual(Buffer.from(read.bytes), bytes);
        assert.equal(read.hash, finish(hashesWork([{ file: big, bytes }]))[0]);
        await assert.rejects(thread.read(path.join(folder, 'missing.txt')), { code: 'ENOENT' });
        // Small files too, one after another: their bytes are handed over, never a shared buffer.
        const small = path.join(folder, 'small.txt');
        writeFileSync(small, 'A Title\n\nAn abstract.\n');
        for (let k = 0; k < 3; k++) assert.equal(Buffer.from((await thread.read(small)).bytes).toString(), 'A Title\n\nAn abstract.\n');
        const { sources, diagnostics } = await readLibrarySources([big, path.join(folder, 'missing.txt')], () => undefined, (file) => thread.read(file));
        assert.equal(diagnostics[0].message, 'cannot read the file: no such file');
        const [viaThread, here] = [await readLibrary(sources), await readLibrary([{ file: big, bytes }])];
        assert.deepEqual([viaThread.entries, viaThread.diagnostics, viaThread.hashes], [here.entries, here.diagnostics, here.hashes]);
        // Kept there, a file is read again as an edit, its new bytes handed over.
        const whole = await thread.readEdit(big, undefined);
        assert.ok('bytes' in whole);
        await thread.keep(big, whole.hash);
        const appended = Buffer.concat([bytes, Buffer.from('An Appended Title\n\nAn abstract.\n')]);
        writeFileSync(big, appended);
        const edited = await thread.readEdit(big, whole.hash);
        assert.ok('edit' in edited);
        assert.deepEqual([edited.hash, edited.edit], [finish(hashesWork([{ file: big, bytes: appended }]))[0], fileEditOf(bytes, appended, whole.hash)]);
        assert.equal(await thread.hash(big), edited.hash);
        writeFileSync(big, bytes);
        assert.equal(thread.failed, undefined);
      } finally {
        thread.dispose();
      }
      // Once the thread is gone, files are read in the host's thread.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(thread.failed);
      assert.equal((await thread.read(big)).hash, finish(hashesWork([{ file: big, bytes }]))[0]);
    }));
});
