import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';
import { appendBibtexEntry, appendSeedEntry, oneLine, seedEntryText, separatorBefore, type LibraryAppend } from '../../src/core/formats/libraryAppend';
import { parseSeedText } from '../../src/core/formats/seedFormat';
import { BIBTEX } from './bibliographyFixtures';
import { seedSource, SEED_FILE } from './seedLibrary';

const seedText = seedSource.bytes.toString();
const ABSTRACT = 'We teach a robot arm to fold towels from a handful of videos. It folds unseen towels in the lab.';

/** The file's text after the append, asserting it was accepted and only adds at the end. */
function appended(text: string, result: LibraryAppend): string {
  if (result.kind === 'refused') assert.fail(result.reason);
  assert.deepEqual([result.edit.start, result.edit.end], [text.length, text.length]);
  return text + result.edit.newText;
}

describe('adding a paper to a library file', () => {
  it('writes a seed entry as a title line, a blank line and one abstract paragraph', () => {
    assert.equal(seedEntryText(' Folding\nTowels ', `First  line\nwrapped.\n\n${ABSTRACT}`), `Folding Towels\n\nFirst line wrapped. ${ABSTRACT}\n`);
    assert.equal(seedEntryText('Folding Towels', 'Short note', '\r\n'), 'Folding Towels\r\n\r\nShort\r\nnote\r\n', 'a short abstract is wrapped so it is not read as a title');
    assert.equal(seedEntryText('Folding Towels', ''), 'Folding Towels\n');
  });

  it('parts the entry from the text before it by exactly one blank line', () => {
    assert.equal(separatorBefore('', '\n'), '');
    assert.equal(separatorBefore(' \n', '\n'), '');
    assert.equal(separatorBefore('abstract.', '\n'), '\n\n');
    assert.equal(separatorBefore('abstract.\n', '\n'), '\n');
    assert.equal(separatorBefore('abstract.\r\n', '\r\n'), '\r\n');
    assert.equal(separatorBefore('abstract.\n  \n\n', '\n'), '');
  });

  it('appends to the seed library so that it loads as the last paper and the others are untouched', () => {
    const result = appendSeedEntry(seedText, SEED_FILE, 'Folding Towels from a Few Videos', ABSTRACT);
    const text = appended(seedText, result);
    assert.ok(text.startsWith(seedText));
    assert.ok(text.endsWith(`\n\nFolding Towels from a Few Videos\n\n${ABSTRACT}\n`));
    const { entries, diagnostics } = parseSeedText(text, SEED_FILE);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(entries.slice(0, -1), parseSeedText(seedText, SEED_FILE).entries);
    assert.deepEqual(entries.at(-1), result.kind === 'append' && result.entry);
    assert.equal(text.split('\n')[entries.at(-1)!.line - 1], 'Folding Towels from a Few Videos');
  });

  it('starts a new file with the entry, and keeps a CRLF file in CRLF', () => {
    assert.equal(appended('', appendSeedEntry('', 'new.txt', 'Folding Towels', ABSTRACT)), `Folding Towels\n\n${ABSTRACT}\n`);
    const crlf = 'My papers\r\n\r\nRobots That Cook\r\n\r\nWe study how robots learn to cook from videos of people in kitchens.';
    assert.equal(appended(crlf, appendSeedEntry(crlf, 'crlf.txt', 'Folding Towels', ABSTRACT)), `${crlf}\r\n\r\nFolding Towels\r\n\r\n${ABSTRACT}\r\n`);
  });

  it('refuses, saying why, what would not load back as written', () => {
    const reason = (title: string, abstract: string, text = seedText) => {
      const result = appendSeedEntry(text, SEED_FILE, title, abstract);
      return result.kind === 'refused' ? result.reason : assert.fail(`"${title}" was accepted`);
    };
    assert.equal(reason(' \n\t', ABSTRACT), 'A paper needs a title.');
    assert.match(reason('We show that towels can be folded by robots from videos.', ABSTRACT), /title would be read as part of an abstract/);
    assert.match(reason('word '.repeat(41), ABSTRACT), /at most 300 characters and 40 words/);
    assert.match(reason('Folding Towels', 'Towels'), /abstract is too short/);
    const first = parseSeedText(seedText, SEED_FILE).entries[0];
    assert.match(reason(first.title, first.abstract), /duplicate of the paper at line 11/);
    assert.match(reason('Folding Towels', '', ''), /no paper entries found/);
  });

  const existingFiles = fc.constantFrom(
    '',
    seedText.split('\n').slice(0, 16).join('\n'),
    seedText.split('\n').slice(0, 14).join('\r\n') + '\r\n\r\n\r\n',
    'Saved page header\n\nSubscribe\n',
    'A Paper With No Abstract\n',
  );

  it('writes what parses back to the same title and abstract, or says why not (property)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\n', '\r\n', '\t', '.', '!', '\u00a0', 'é'), fc.string({ maxLength: 12 })), maxLength: 30 });
    fc.assert(
      fc.property(existingFiles, text, text, (existing, title, abstract) => {
        const result = appendSeedEntry(existing, 'any.txt', title, abstract);
        if (result.kind === 'refused') return assert.ok(result.reason.length > 10);
        const after = parseSeedText(appended(existing, result), 'any.txt').entries;
        assert.deepEqual(after.at(-1), { title: oneLine(title), abstract: oneLine(abstract), file: 'any.txt', line: result.entry.line });
        assert.deepEqual(after.slice(0, -1), existing.trim() ? parseSeedText(existing, 'any.txt').entries : []);
      }),
      { numRuns: 500 },
    );
  });

  it('never refuses a plain title and an abstract of two words or more (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z0-9-]{0,11}$/);
    const title = fc.array(word, { minLength: 1, maxLength: 20 }).map((w) => w.join(' '));
    const abstract = fc.tuple(fc.array(word, { minLength: 2, maxLength: 200 }), fc.constantFrom('', '.', '!', '?')).map(([w, end]) => w.join(' ') + end);
    fc.assert(
      fc.property(existingFiles, title, abstract, (existing, t, a) => {
        const result = appendSeedEntry(existing, 'any.txt', t, a);
        assert.equal(result.kind, 'append', result.kind === 'refused' ? result.reason : '');
      }),
      { numRuns: 300 },
    );
  });

  it('appends a pasted BibTeX entry with its own key, after one blank line', async () => {
    const bibtex = '@article{towels2024,\n  title = {Folding Towels},\n  abstract = {We fold towels.}\n}';
    const result = await appendBibtexEntry(BIBTEX, 'mine.bib', `\n${bibtex}\n\n`);
    const text = appended(BIBTEX, result);
    assert.equal(text, `${BIBTEX}\n${bibtex}\n`);
    assert.ok(result.kind === 'append');
    assert.equal(result.entry.key, 'towels2024');
    assert.equal(text.split('\n')[result.entry.line - 1], '@article{towels2024,');
    const reread = await parseBibliographyLibrary(text, 'mine.bib', 'bibtex');
    assert.deepEqual(reread.entries.at(-1), result.entry);
  });

  it('refuses BibTeX that does not parse, has no title, or holds more than one entry', async () => {
    const reason = async (bibtex: string) => {
      const result = await appendBibtexEntry('', 'mine.bib', bibtex);
      return result.kind === 'refused' ? result.reason : assert.fail(`${bibtex} was accepted`);
    };
    assert.match(await reason('@article{towels2024, title = {Folding Towels}'), /cannot be read: malformed entry "towels2024"/);
    assert.match(await reason('@misc{untitled, author = {Nobody}}'), /cannot be read: "untitled" has no title/);
    assert.match(await reason('@misc{a, title = {A}}\n@misc{b, title = {B}}'), /one BibTeX entry at a time, not 2/);
    assert.match(await reason('Folding Towels'), /starts with "@type\{key,"/);
  });
});
