import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../src/core/formats/jsonDepth';
import { MAX_PAPERS, ParsedFiles, readLibrary, withinPaperLimit } from '../../src/core/formats/libraryContent';
import { entriesBeforeTrust } from '../../src/core/model/restrictedMode';
import { notificationText, terminalJson, terminalText } from '../../src/core/model/untrustedText';
import { MARKDOWN_LIMITS, parsesWithinLimits } from '../../src/core/notes/markdownBudget';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { findReferencesSection, REFERENCES_END, REFERENCES_START } from '../../src/core/notes/referencesSection';
import { parseThemeOverrides } from '../../src/core/search/themeOverrides';
import { finish } from '../../src/core/work/slices';
import { CacheFolder } from '../../src/host/cacheFolder';
import { readLibrarySources } from '../../src/node/libraryFiles';
import { DamagedFile, readFileIf, readRegularFileSync, readTextInSlices, readWholeFile, RefusedFile, sealedChunks, unsealedBytes } from '../../src/node/textFile';
import { adversarialText, keptFailures, PATHOLOGICAL_NOTES, RUNS } from './adversarial';
import { TARGETS } from './adversarialTargets';
import { seedEntries, seedSource } from './seedLibrary';
import { inTempFolder } from './tempFolder';

/** VS Code's pattern for a link in a notification (its `parseLinkedText`), as documented: `[label](command:…)`, `http(s):` or `file:`. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

describe('a library file nested or repeated beyond reason', () => {
  it('is refused at the line where it goes too deep, never thrown: CSL-JSON and the theme overrides', async () => {
    const deep = `[\n${'['.repeat(6000)}{`;
    const csl = await parseBibliographyLibrary(deep, 'deep.json', 'csl-json');
    assert.deepEqual(csl.entries, []);
    assert.equal(csl.diagnostics.length, 1);
    assert.equal(csl.diagnostics[0].line, 2);
    assert.match(csl.diagnostics[0].message, /nested more than 256 levels deep; nothing in the file was loaded/);
    const overrides = parseThemeOverrides(`{\n"renames": ${'{"a":'.repeat(6000)}`, 'literature-notes.themes.json');
    assert.equal(overrides.overrides.renames.size, 0);
    assert.equal(overrides.diagnostics[0].line, 2);
    assert.match(overrides.diagnostics[0].message, /nested more than 256 levels deep; no theme was renamed/);
  });

  it('counts only brackets outside strings, and lets the depth real files have through', async () => {
    assert.equal(tooDeepAt('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)), undefined);
    assert.equal(tooDeepAt('['.repeat(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH);
    assert.equal(tooDeepAt(`["${'['.repeat(1000)}\\"${'{'.repeat(1000)}"]`), undefined);
    const items = `[${Array.from({ length: 3 }, (_, i) => `{"id": "k${i}", "title": "T${i}", "author": [{"family": "F"}]}`).join(',')}]`;
    assert.equal((await parseBibliographyLibrary(items, 'ok.json', 'csl-json')).entries.length, 3);
  });

  it('costs only itself: a file whose parser fails is reported, and the other files and the shipped papers load', async () => {
    const deep = { file: 'deep.json', bytes: Buffer.from('['.repeat(6000)) };
    // A .bib read with no citation-js makes its parser throw: what any fault of a parser would do.
    const parsed = new ParsedFiles();
    const broken = finish(parsed.parseWork({ file: 'refs.bib', bytes: Buffer.from('@article{a, title={A}}') }, 'h', undefined));
    assert.deepEqual(broken.entries, []);
    assert.match(broken.diagnostics[0].message, /^the file could not be read \(citation-js was not loaded to read refs\.bib\); none of its papers were loaded$/);
    const content = await readLibrary([seedSource, deep]);
    assert.equal(content.entries.filter((e) => e.file === seedSource.file).length, seedEntries.length);
    assert.equal(content.diagnostics.filter((d) => d.file === 'deep.json').length, 1);
  });
});

describe('a library of more papers than it loads', () => {
  it('keeps the first papers up to the limit, and reports the first paper left out at its file and line', () => {
    const entry = (file: string, line: number) => ({ file, line, title: `T${line}`, abstract: '' });
    const files = [
      { entries: [entry('a.txt', 1), entry('a.txt', 5)], diagnostics: [] },
      { entries: [entry('b.txt', 3), entry('b.txt', 9)], diagnostics: [] },
    ];
    const { entries, diagnostics } = withinPaperLimit(files, 3);
    assert.deepEqual(
      entries.map((e) => `${e.file}:${e.line}`),
      ['a.txt:1', 'a.txt:5', 'b.txt:3'],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.severity]),
      [['b.txt', 9, 'error']],
    );
    assert.match(diagnostics[0].message, /more than 3 papers, the most it loads: this paper and those after it/);
    assert.deepEqual(withinPaperLimit(files, 4).diagnostics, []);
    assert.equal(MAX_PAPERS, 200_000);
  });
});

describe('notes that once crashed or hung the scanner', () => {
  const scanner = new NoteScanner([]);

  for (const [name, note] of Object.entries(PATHOLOGICAL_NOTES)) {
    it(`reads ${name} without throwing, and finds its pandoc citations`, () => {
      const citations = scanner.scan(note);
      const expected = note.split('@limo').length - 1;
      assert.equal(citations.filter((c) => c.key === 'limo').length, expected);
      for (const c of citations) assert.equal(note.slice(c.start, c.end), c.key);
    });
  }

  it('hands micromark none of them whole: each is past a limit, read by the linear path', () => {
    for (const [name, note] of Object.entries(PATHOLOGICAL_NOTES)) assert.equal(parsesWithinLimits(note), false, name);
  });

  it('reads an ordinary note as Markdown still: titles, links and code are told apart', () => {
    const note = `# Notes\n\nSee [@limo] and \`@code\`.\n\n${'Some prose about evolution. '.repeat(200)}\n\n\`\`\`\n@fenced\n\`\`\`\n`;
    assert.ok(parsesWithinLimits(note));
    assert.deepEqual(
      scanner.scan(note).map((c) => c.key),
      ['limo'],
    );
  });

  it('reads a text past the limits by lines: pandoc citations outside fenced code, escapes and e-mail addresses kept out', () => {
    const note = `${'*'.repeat(MARKDOWN_LIMITS.delimiters + 1)}\nSee [@limo; @{odd key}] and me@host.org.\n\`\`\`\n@fenced\n\`\`\`\n~~~~\n@tilde\n~~~\n~~~~\n-@after`;
    assert.equal(parsesWithinLimits(note), false);
    const found = scanner.scan(note);
    assert.deepEqual(
      found.map((c) => [c.key, c.line]),
      [
        ['limo', 2],
        ['odd key', 2],
        ['after', 10],
      ],
    );
  });

  it('finds the References markers of a note too large to parse, on lines of their own', () => {
    const note = `${'['.repeat(80_000)}\n\n${REFERENCES_START}\n- a\n${REFERENCES_END}\n`;
    const section = findReferencesSection(note);
    assert.equal(section.kind, 'found');
    assert.equal(section.kind === 'found' && note.slice(section.start, section.end), `${REFERENCES_START}\n- a\n${REFERENCES_END}`);
    assert.deepEqual(findReferencesSection(`${'['.repeat(80_000)}\n${REFERENCES_START}\n`), { kind: 'unclosed', line: 2 });
    assert.deepEqual(findReferencesSection(`${'['.repeat(80_000)} ${REFERENCES_START}\n`), { kind: 'none' });
  });
});

describe('every input that ever failed, and adversarial ones', () => {
  for (const { target, input, why } of keptFailures()) {
    it(`${target}: ${why}`, async () => {
      assert.ok(TARGETS[target], `no target ${target}`);
      await TARGETS[target](input);
    });
  }

  for (const [target, run] of Object.entries(TARGETS)) {
    it(`${target} never throws on deep nesting, long runs, huge paragraphs and mixed encodings`, async () => {
      await fc.assert(
        fc.asyncProperty(adversarialText, async (text) => run(text)),
        { numRuns: Math.max(3, Math.round(RUNS / 6)) },
      );
    });
  }
});

describe('reading a file that is not what it seems', () => {
  it('refuses a named pipe at once, without waiting for a writer', () =>
    inTempFolder('fifo-', async (folder) => {
      const fifo = path.join(folder, 'refs.bib');
      execFileSync('mkfifo', [fifo]);
      await assert.rejects(readWholeFile(fifo), (error: Error) => error instanceof RefusedFile && /a named pipe, not a regular file/.test(error.message));
      await assert.rejects(readTextInSlices(fifo), RefusedFile);
      await assert.rejects(readFileIf(fifo, () => true), RefusedFile);
      assert.throws(() => readRegularFileSync(fifo), RefusedFile);
    }));

  it('follows a link to /dev/zero and refuses what it finds, rather than reading forever', () =>
    inTempFolder('zero-', async (folder) => {
      const link = path.join(folder, 'literature-notes.themes.json');
      symlinkSync('/dev/zero', link);
      await assert.rejects(readWholeFile(link), /it is a device, not a regular file/);
      assert.throws(() => readRegularFileSync(link), /a device/);
      writeFileSync(path.join(folder, 'real.bib'), 'x');
      symlinkSync(path.join(folder, 'real.bib'), path.join(folder, 'linked.bib'));
      assert.equal(new TextDecoder().decode(await readWholeFile(path.join(folder, 'linked.bib'))), 'x');
    }));

  it('reports a library file too large, a pipe and a device each at its name, and reads the others', () =>
    inTempFolder('bounded-', async (folder) => {
      const [large, fifo, zero, fine] = ['large.txt', 'pipe.bib', 'zero.json', 'fine.txt'].map((name) => path.join(folder, name));
      writeFileSync(large, 'x'.repeat(3000));
      execFileSync('mkfifo', [fifo]);
      symlinkSync('/dev/zero', zero);
      writeFileSync(fine, 'A Title\n\nAn abstract.\n');
      const { sources, diagnostics } = await readLibrarySources([large, fifo, zero, fine], undefined, undefined, 2048);
      assert.deepEqual(
        sources.map((s) => s.file),
        [fine],
      );
      assert.deepEqual(
        diagnostics.map((d) => [path.basename(d.file), d.line]),
        [
          ['large.txt', 1],
          ['pipe.bib', 1],
          ['zero.json', 1],
        ],
      );
      assert.match(diagnostics[0].message, /it is 0\.0 MB, over the limit of 0\.0 MB \(the setting literatureNotes\.maxLibraryFileSize\); it was not read/);
      assert.match(diagnostics[1].message, /a named pipe/);
      assert.match(diagnostics[2].message, /a device/);
    }));
});

describe('a cache that is damaged', () => {
  const log = { warn: () => undefined } as unknown as ConstructorParameters<typeof CacheFolder>[1];
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `{"line":${i}}\n`);

  it('is read back as written when whole, and is no cache when cut at a line end, changed or unsealed', () =>
    inTempFolder('sealed-', async (folder) => {
      const caches = new CacheFolder(folder, log);
      const file = path.join(folder, 'library.cache');
      const written = lines(2000);
      // eslint-disable-next-line require-yield -- a work with nothing to pause for
      await caches.write('library.cache', (function* () {
        return written;
      })());
      assert.equal((await caches.readText('library.cache'))?.join(''), written.join(''));
      const whole = readFileSync(file);
      // Cut at a line end: it would parse as a smaller cache.
      const cut = whole.subarray(0, written.slice(0, 1000).join('').length);
      writeFileSync(file, cut);
      assert.equal(await caches.readText('library.cache'), undefined);
      // One byte changed, the length the same.
      const changed = Buffer.from(whole);
      changed[10] = changed[10] === 0x31 ? 0x32 : 0x31;
      writeFileSync(file, changed);
      assert.equal(await caches.readText('library.cache'), undefined);
      writeFileSync(file, written.join(''));
      assert.equal(await caches.readText('library.cache'), undefined);
      await assert.rejects(readTextInSlices(file, undefined, undefined, true), DamagedFile);
    }));

  it('is checked by bytes too, read in chunks of any size', () =>
    inTempFolder('sealed-bytes-', async (folder) => {
      const file = path.join(folder, 'related-papers.cache');
      const content = new TextEncoder().encode('header\né𝄞 bytes');
      writeFileSync(file, Buffer.concat(sealedChunks([content])));
      assert.deepEqual(Buffer.from((await readFileIf(file, () => true, 4, true))!), Buffer.from(content));
      for (let chunkBytes = 1; chunkBytes < 20; chunkBytes++) assert.equal((await readTextInSlices(file, undefined, chunkBytes, true)).join(''), 'header\né𝄞 bytes');
      truncateSync(file, 30);
      await assert.rejects(readFileIf(file, () => true, 4, true), DamagedFile);
      assert.throws(() => unsealedBytes(new Uint8Array(0)), DamagedFile);
    }));
});

describe('untrusted text shown by VS Code or a terminal', () => {
  it('never holds a notification link, and reads as written', () => {
    const attack = 'refs[x](command:workbench.action.terminal.new).bib';
    assert.ok(NOTIFICATION_LINK.test(attack));
    assert.ok(!NOTIFICATION_LINK.test(notificationText(attack)));
    assert.equal(notificationText(attack).replace(/\u200b/g, ''), attack);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', 'command:x', 'https://a', ' ', 'a', '\u200b') }), (text) => {
        assert.ok(!NOTIFICATION_LINK.test(notificationText(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('is passed through notificationText wherever a notification or the Papers view shows a message made of more than a literal', () => {
    const sources = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(path.join(folder, entry.name)) : entry.name.endsWith('.ts') ? [path.join(folder, entry.name)] : []));
    const unguarded: string[] = [];
    let calls = 0;
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/show(?:Information|Warning|Error)Message\(\s*|\.message = /g)) {
        calls++;
        const argument = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
        const literal = /^'[^'\\]*'[,)]/.test(argument) || /^`[^`$]*`[,)]/.test(argument);
        if (!literal && !/^(?:notificationText\(|vscode\.workspace\.isTrusted \? library\.problem && notificationText\()/.test(argument)) unguarded.push(`${file}: ${argument.split('\n')[0]}`);
      }
    }
    assert.ok(calls >= 15, `only ${calls} call sites found: has the pattern gone stale?`);
    assert.deepEqual(unguarded, []);
  });

  it('reaches a terminal with no control character but our own bold and dim', () => {
    assert.equal(terminalText('A \u001b]0;pwned\u0007 title\u001b[2J \u009b31m \u202eevil'), 'A \ufffd]0;pwned\ufffd title\ufffd[2J \ufffd31m \ufffdevil');
    assert.equal(terminalText('\u001b[1mbold\u001b[22m \u001b[2mdim\u001b[22m\ttab\nline'), '\u001b[1mbold\u001b[22m \u001b[2mdim\u001b[22m\ttab\nline');
    const json = terminalJson({ title: 'a\u001b[2J\u009b\u202e' });
    assert.equal(JSON.parse(json).title, 'a\u001b[2J\u009b\u202e');
    assert.equal(terminalText(json), json);
  });

  it('reaches the terminal from the CLI without its escape sequences, and a pipe given as --themes is refused at once', () =>
    inTempFolder('cli-untrusted-', async (folder) => {
      execFileSync('npm', ['run', '-s', 'build:extension']);
      const bib = path.join(folder, 'evil.bib');
      writeFileSync(bib, '@article{evil,\n  title = {Clear \u001b[2J\u001b]0;pwned\u0007 Screen},\n  abstract = {x}\n}\n');
      const deep = path.join(folder, 'deep.json');
      writeFileSync(deep, '['.repeat(6000));
      const fifo = path.join(folder, 'themes.json');
      execFileSync('mkfifo', [fifo]);
      const run = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LITERATURE_NOTES_CACHE: path.join(folder, 'cache') } });
      const themes = run('themes', '--library', bib, '--library', deep);
      assert.equal(themes.status, 0, themes.stderr);
      assert.match(themes.stdout, /Clear \ufffd\[2J\ufffd\]0;pwned\ufffd Screen/);
      assert.ok(!(themes.stdout + themes.stderr).includes('\u001b'));
      assert.match(themes.stderr, /deep\.json:1: error: nested more than 256 levels deep/);
      const piped = run('themes', '--themes', fifo);
      assert.equal(piped.error, undefined, 'the CLI returned rather than waiting on the pipe');
      assert.match(piped.stderr, /themes\.json:1: error: cannot read the theme definitions: it is a named pipe, not a regular file/);
    }));
});

describe('Restricted Mode', () => {
  it("reads only the user's absolute library entries outside the workspace folders before trust", () => {
    const user = ['refs/*.bib', '/home/me/papers/lab.bib', '/work/untrusted/refs.bib', '/work/untrusted', '/work/untrusted-sibling/x.bib', '', 7, '  '];
    assert.deepEqual(entriesBeforeTrust(user, ['/work/untrusted']), ['/home/me/papers/lab.bib', '/work/untrusted-sibling/x.bib']);
    assert.deepEqual(entriesBeforeTrust('refs.bib', []), []);
    assert.deepEqual(entriesBeforeTrust(undefined, []), []);
  });
});
