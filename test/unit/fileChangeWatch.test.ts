import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileChangeWatch } from '../../src/node/fileChangeWatch';
import { inTempFolder } from './tempFolder';

/** A watch that notes the files it is told of, and can wait for one. */
function noting() {
  const told: string[] = [];
  const waiting: { file: string; resolve: () => void }[] = [];
  const watch = new FileChangeWatch((file) => {
    told.push(file);
    for (const w of waiting.splice(0)) if (w.file === file) w.resolve();
    else waiting.push(w);
  });
  const toldOf = (file: string) => (told.includes(file) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ file, resolve })));
  return { watch, told, toldOf };
}

describe('the watch on the files a library was read from', () => {
  it('tells of a write to a watched file, or one renamed over it, and of no other file in its folder', () =>
    inTempFolder('file-watch-', async (folder) => {
      const library = path.join(folder, 'library.txt');
      const other = path.join(folder, 'notes.txt');
      writeFileSync(library, 'A Title\n\nAn abstract.\n');
      const { watch, told, toldOf } = noting();
      try {
        watch.watchFiles([library]);
        // Events of one folder come in order: once the library's is told, the other's would have been.
        writeFileSync(other, 'not a library file');
        writeFileSync(library, 'A Title\n\nAn abstract, edited.\n');
        await toldOf(library);
        assert.deepEqual(new Set(told), new Set([library]));
        told.length = 0;
        writeFileSync(`${library}.tmp`, 'Another Title\n\nSaved by a rename.\n');
        renameSync(`${library}.tmp`, library);
        await toldOf(library);
        assert.ok(told.every((file) => file === library));
      } finally {
        watch.dispose();
      }
    }));

  it('follows the set of files given it, lets the folders no longer needed go, and tells nothing once disposed', () =>
    inTempFolder('file-watch-', async (folder) => {
      const [first, second] = ['a', 'b'].map((name) => {
        mkdirSync(path.join(folder, name));
        const file = path.join(folder, name, 'library.bib');
        writeFileSync(file, '');
        return file;
      });
      const { watch, told, toldOf } = noting();
      const control = noting();
      try {
        watch.watchFiles([first, path.join(folder, 'missing', 'library.txt')]);
        watch.watchFiles([second]);
        control.watch.watchFiles([first, second]);
        writeFileSync(first, '@misc{a, title = {A}}');
        await control.toldOf(first);
        writeFileSync(second, '@misc{b, title = {B}}');
        await toldOf(second);
        assert.ok(!told.includes(first), 'the first folder is no longer watched');
        watch.dispose();
        told.length = 0;
        writeFileSync(second, '@misc{c, title = {C}}');
        await control.toldOf(second);
        assert.deepEqual(told, []);
      } finally {
        watch.dispose();
        control.watch.dispose();
      }
    }));
});
