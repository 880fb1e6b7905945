import assert from 'node:assert/strict';
import { fileEditOf } from '../../src/core/formats/fileEdit';
import { ParsedFiles, readLibrary } from '../../src/core/formats/libraryContent';
import { finish } from '../../src/core/work/slices';
import { generatePapers, seedFormat } from '../bench/generateLibrary';
import { BIBTEX, CSL_JSON } from './bibliographyFixtures';
import { seedEntries } from './seedLibrary';

describe('reading a library again', () => {
  const bib = { file: 'refs.bib', bytes: Buffer.from(BIBTEX) };
  const json = { file: 'refs.json', bytes: Buffer.from(CSL_JSON) };

  it('parses again only the files whose bytes changed, with the same result as afresh', async () => {
    const parsed = new ParsedFiles();
    const first = await readLibrary([bib, json], parsed);
    assert.equal(parsed.parseCount, 2);

    const again = await readLibrary([{ ...bib, bytes: Buffer.from(BIBTEX) }, json], parsed);
    assert.equal(parsed.parseCount, 2, 'equal bytes in a new buffer are not parsed again');
    assert.deepEqual(again, first);

    const edited = { file: 'refs.bib', bytes: Buffer.from(`${BIBTEX}\n@misc{added, title = {An Entry Added Later}}\n`) };
    const changed = await readLibrary([edited, json], parsed);
    assert.equal(parsed.parseCount, 3);
    assert.deepEqual(changed, await readLibrary([edited, json]));
    assert.ok(changed.entries.some((e) => e.key === 'added'));
  });

  it('forgets a file that is no longer read, and reports keys shared across files every time', async () => {
    const parsed = new ParsedFiles();
    const copy = { file: 'copy.bib', bytes: bib.bytes };
    const shared = (content: Awaited<ReturnType<typeof readLibrary>>) => content.diagnostics.filter((d) => /is also that of/.test(d.message)).map((d) => d.file);
    assert.ok(shared(await readLibrary([bib, copy], parsed)).every((file) => file === 'copy.bib'));
    assert.ok(shared(await readLibrary([bib, copy], parsed)).length > 0, 'from parses taken from earlier reads too');
    assert.deepEqual(shared(await readLibrary([bib], parsed)), []);
    await readLibrary([bib, copy], parsed);
    assert.equal(parsed.parseCount, 3, 'copy.bib was forgotten, so it is parsed again');
  });
});

describe('parsed library files kept between sessions', () => {
  const source = (file: string, text: string) => ({ file, bytes: new TextEncoder().encode(text) });
  const seed = (title: string) => `Header\n\n${title}\n\nAn abstract about ${title.toLowerCase()}, long enough to read as one.\n`;

  it('parse again only the files that changed since they were saved', async () => {
    const before = new ParsedFiles();
    const first = await readLibrary([source('a.txt', seed('Alpha Paper Title')), source('b.txt', seed('Beta Paper Title'))], before);
    const restored = finish(ParsedFiles.restore(finish(before.toCacheWork()).join('')));
    const again = await readLibrary([source('a.txt', seed('Alpha Paper Title')), source('b.txt', seed('Gamma Paper Title'))], restored);
    assert.equal(restored.parseCount, 1);
    assert.deepEqual(again.entries[0], first.entries[0]);
    assert.equal(again.entries[1].title, 'Gamma Paper Title');
  });

  it('read the first edit of a seed file restored in part, keeping the restored entries, and an edit of another version whole', async () => {
    const papers = generatePapers(seedEntries, 500);
    // With a duplicate, which the file's parse drops, in the middle.
    const bytes = seedFormat([...papers.slice(0, 250), papers[10], ...papers.slice(250)]);
    const saved = new ParsedFiles();
    const [hash] = (await readLibrary([{ file: 'big.txt', bytes }], saved)).hashes!;
    const restored = finish(ParsedFiles.restore(finish(saved.toCacheWork()).join('')));
    const loaded = await readLibrary([{ file: 'big.txt', hash, size: bytes.length }], restored);
    assert.ok(finish(restored.restoredWork('big.txt')));
    assert.equal(finish(restored.toCacheWork()).join(''), finish(saved.toCacheWork()).join(''), 'saved again as it was');

    const edited = Buffer.concat([bytes, Buffer.from('Sleep in Standing Zebras\n\nWe study how zebras sleep, and find that they mostly do not.\n')]);
    const afresh = await readLibrary([{ file: 'big.txt', bytes: edited }]);
    const wholeReads: string[] = [];
    const readWhole = async (file: string) => (wholeReads.push(file), { file, bytes: edited });
    const editedSource = (since: string) => ({ file: 'big.txt', hash: afresh.hashes![0], edit: fileEditOf(bytes, edited, since) });
    const after = await readLibrary([editedSource(hash)], restored, readWhole);
    assert.deepEqual([after.entries, after.diagnostics, after.hashes], [afresh.entries, afresh.diagnostics, afresh.hashes]);
    assert.deepEqual([after.entries.length, wholeReads], [501, []]);
    assert.match(after.diagnostics[0].message, /duplicate of the paper/);
    // Read again from the section before the last: the entries before it are those restored.
    after.entries.slice(0, 498).forEach((entry, i) => assert.equal(entry, loaded.entries[i], `entry ${i}`));

    const other = await readLibrary([editedSource('another version')], finish(ParsedFiles.restore(finish(saved.toCacheWork()).join(''))), readWhole);
    assert.deepEqual([other.entries, other.hashes, wholeReads], [afresh.entries, afresh.hashes, ['big.txt']]);
  });

  it('start afresh from a damaged or foreign save', async () => {
    for (const saved of [undefined, '', '{', '{"schema":0,"files":[]}', '[1,2]', '{"schema":1,"files":"x"}']) {
      const parsed = finish(ParsedFiles.restore(saved));
      await readLibrary([source('a.txt', seed('Alpha Paper Title'))], parsed);
      assert.equal(parsed.parseCount, 1, String(saved));
    }
  });
});

describe('the cache of parsed files, in lines', () => {
  const generated = Buffer.concat([seedFormat(generatePapers(seedEntries, 1200)), Buffer.from('A Title Left Alone\n')]);
  const sources = [
    { file: 'big.txt', bytes: generated },
    { file: 'refs.bib', bytes: Buffer.from(BIBTEX) },
    { file: 'refs.json', bytes: Buffer.from(CSL_JSON) },
  ];
  const saved = async () => {
    const parsed = new ParsedFiles();
    const content = await readLibrary(sources, parsed);
    return { content, lines: finish(parsed.toCacheWork()) };
  };
  /** How many files a read from the restored cache parses. */
  const parsesAfter = async (cache: string | readonly string[] | undefined) => {
    const restored = finish(ParsedFiles.restore(cache));
    await readLibrary(sources, restored);
    return restored.parseCount;
  };

  it('come back as the same parses, entries and diagnostics, for every file', async () => {
    const { content, lines } = await saved();
    assert.ok(lines.length > 10, `${lines.length} lines`);
    // No piece long enough to hold the thread: a few hundred entries, or abstracts, at most.
    for (const line of lines) assert.ok(line.length < 400_000, `a piece of ${line.length} characters`);
    const restored = finish(ParsedFiles.restore(lines.join('')));
    assert.deepEqual(await readLibrary(sources, restored), content);
    assert.equal(restored.parseCount, 0);
    // Or from pieces, as decoded a block at a time, split anywhere (within lines too).
    const whole = lines.join('');
    const pieces = Array.from({ length: Math.ceil(whole.length / 4099) }, (_, i) => whole.slice(i * 4099, (i + 1) * 4099));
    const fromPieces = finish(ParsedFiles.restore(pieces));
    assert.deepEqual(await readLibrary(sources, fromPieces), content);
    assert.equal(fromPieces.parseCount, 0);
    assert.ok(content.diagnostics.some((d) => d.file === 'big.txt') && content.diagnostics.some((d) => d.file === 'refs.json'));
  });

  it('are no cache when a line is damaged, missing or added, the cache is cut short, or it has the old format', async () => {
    const { content, lines } = await saved();
    const entryLine = lines.findIndex((line, i) => i > 1 && line.startsWith('[{'));
    const damaged = [
      lines.with(entryLine, lines[entryLine].slice(0, 100) + '\n'),
      lines.with(entryLine, '{}\n'),
      lines.toSpliced(entryLine, 1),
      lines.toSpliced(entryLine, 0, '[]\n', lines[entryLine]),
      lines.with(0, lines[0].replace(/\d+/, (schema) => String(Number(schema) - 1))),
      lines.with(1, '{"file":"big.txt"}\n'),
    ].map((variant) => variant.join(''));
    const whole = lines.join('');
    damaged.push(whole.slice(0, whole.length >> 1), whole.slice(0, -1), JSON.stringify({ schema: 1, files: [['big.txt', { hash: 'x', parsed: content }]] }));
    for (const cache of damaged) assert.equal(await parsesAfter(cache), sources.length, cache.slice(0, 80));
    assert.equal(await parsesAfter([whole.slice(0, 5000), whole.slice(5000, -1)]), sources.length, 'pieces cut short');
    assert.equal(await parsesAfter(whole), 0);
  });
});
