// What each adversarial input is fed to, and what must hold of the answer whatever the input: no throw, and answers that point into it.
import assert from 'node:assert/strict';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { parseSeedText } from '../../src/core/formats/seedFormat';
import type { LibraryDiagnostic, PaperEntry } from '../../src/core/model/paper';
import { noteBlocks } from '../../src/core/notes/noteBlocks';
import { NoteScanCache } from '../../src/core/notes/noteScanCache';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { parseThemeOverrides } from '../../src/core/search/themeOverrides';
import { parseThemeDefinitions } from '../../src/core/search/themes';
import { loadSeedLibrary } from './seedLibrary';

let scanner: NoteScanner | undefined;
const lineCount = (text: string) => (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;

function checkLines(text: string, found: { readonly entries?: readonly PaperEntry[]; readonly diagnostics: readonly LibraryDiagnostic[] }): void {
  const lines = lineCount(text);
  for (const { line } of [...(found.entries ?? []), ...found.diagnostics]) assert.ok(line >= 1 && line <= lines, `line ${line} of ${lines}`);
}

/** Each target: feeds it the text, and checks what must hold of its answer. */
export const TARGETS: Readonly<Record<string, (text: string) => void | Promise<void>>> = {
  noteScanner(text) {
    scanner ??= new NoteScanner(loadSeedLibrary().papers);
    for (const citations of [scanner.scan(text), new NoteScanCache(scanner).scan(text)]) {
      for (const c of citations) {
        assert.ok(c.start >= 0 && c.start <= c.end && c.end <= text.length, `${c.start}-${c.end} of ${text.length}`);
        if (c.form === 'pandoc') assert.equal(text.slice(c.start, c.end), c.key);
      }
    }
  },
  noteBlocks(text) {
    let end = 0;
    for (const block of noteBlocks(text)) {
      assert.equal(block.start, end, 'blocks follow one another');
      end = block.end;
    }
    assert.equal(end, text.length);
  },
  async cslJson(text) {
    checkLines(text, await parseBibliographyLibrary(text, 'fuzz.json', 'csl-json'));
  },
  async bibtex(text) {
    checkLines(text, await parseBibliographyLibrary(text, 'fuzz.bib', 'bibtex'));
  },
  seed(text) {
    checkLines(text, parseSeedText(text, 'fuzz.txt'));
  },
  themeOverrides(text) {
    checkLines(text, parseThemeOverrides(text, 'literature-notes.themes.json'));
  },
  themeDefinitions(text) {
    checkLines(text, parseThemeDefinitions(text, 'themes.json'));
  },
};
