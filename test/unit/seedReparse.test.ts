import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParsedLibraryFile } from '../../src/core/model/paper';
import { decodeLibraryFileWork, parseSeedWork } from '../../src/core/formats/seedFormat';
import { EDIT_MARGIN, fileEditOf } from '../../src/core/formats/fileEdit';
import { reparseSeedWork } from '../../src/core/formats/seedReparse';
import { finish, type Work } from '../../src/core/work/slices';
import { generatePapers, seedFormat } from '../bench/generateLibrary';
import { seedEntries } from './seedLibrary';

const FILE = 'lib.txt';
const ABSTRACT = 'We study how robots learn to cook from videos. Our method uses internet data and shows strong gains on real robots.';

/** The whole file parsed, as a load with no earlier parse does it. */
function parsedWhole(bytes: Uint8Array): ParsedLibraryFile {
  const { pieces, clean, diagnostic } = finish(decodeLibraryFileWork(bytes, FILE));
  return pieces ? finish(parseSeedWork(pieces, FILE, clean)) : { entries: [], diagnostics: [diagnostic!] };
}

/** `after` as an edit of `before`, as the file thread tells it, with up to `margin` bytes around the change. */
function editOf(before: Uint8Array, after: Uint8Array, margin = EDIT_MARGIN) {
  return fileEditOf(before, after, 'the version before', undefined, margin);
}

/** Runs the work to its end, counting its pauses. */
function run<T>(work: Work<T>): { value: T; pauses: number } {
  for (let pauses = 0; ; pauses++) {
    const step = work.next();
    if (step.done) return { value: step.value, pauses };
  }
}

describe('seed format, parsed again after an edit', () => {
  it('gives what parsing the whole file gives, for any edit of any file, and can be edited again (property)', () => {
    const oddity = fc.constantFrom(
      'Robot Cooking\n\n',
      'A Lonely Title\n\n',
      'Über Roboter – ein Titel\n\n',
      `${ABSTRACT}\n\n`,
      `${ABSTRACT}\n${ABSTRACT}\n\n`,
      `Glued Title\n${ABSTRACT}\n\n`,
      'We show it works well on many tasks, as expected by all.\n\n',
      '\n',
      '\r\n',
      ' \n',
      'x',
      '\u00a0\n',
      '\u0001',
      'Robot Cooking\r\n\r\n',
    );
    // Mostly entries, as libraries are; some titles repeat, for the duplicates.
    const entry = fc.nat({ max: 30 }).map((n) => `Paper Number ${n}\n\n${ABSTRACT.slice(n)}\n\n`);
    const text = fc.array(fc.oneof({ arbitrary: entry, weight: 2 }, { arbitrary: oddity, weight: 1 }), { maxLength: 40 }).map((pieces) => pieces.join(''));
    // Around the change, a window of a line or two, a few entries, or the whole file.
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 80 }), insert: text, margin: fc.constantFrom(16, 400, EDIT_MARGIN) });
    let [reparsed, wide, narrow] = [0, 0, 0];
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 3 }), (start, edits) => {
        let bytes: Uint8Array = Buffer.from(`Saved page header\n\nSubscribe\n\n${start}`);
        let last = parsedWhole(bytes);
        for (const { at, cut, insert, margin } of edits) {
          const from = at % (bytes.length + 1);
          const before = bytes;
          bytes = Buffer.concat([bytes.subarray(0, from), Buffer.from(insert), bytes.subarray(Math.min(bytes.length, from + cut))]);
          const whole = parsedWhole(bytes);
          const again = last.seedParse && finish(reparseSeedWork(editOf(before, bytes, margin), FILE, last.seedParse));
          wide += margin === EDIT_MARGIN ? 1 : 0;
          if (again) {
            reparsed += margin === EDIT_MARGIN ? 1 : 0;
            narrow += margin === 400 ? 1 : 0;
            assert.deepEqual(again, whole);
          }
          last = again || whole;
        }
      }),
      { numRuns: 400 },
    );
    // Not a test that passes by never parsing again: about a third of the edits are read in part
    // (the rest fall within the first two sections, or make text that is not clean, in these
    // files). The share varies with the random files, down to a quarter in a run seen; a sixth
    // still fails a reparse that gives up.
    assert.ok(reparsed > wide / 6, `${reparsed} of ${wide} edits with the whole file around them parsed again`);
    assert.ok(narrow > 0, 'no edit parsed again from a window of a few entries');
  });

  it('reads a few paragraphs for a paper added to a library of 3,000, and keeps the entries before the section before it', () => {
    const bytes = seedFormat(generatePapers(seedEntries, 3000));
    const last = parsedWhole(bytes);
    const added = Buffer.concat([bytes, Buffer.from(`Sleep in Standing Zebras\n\n${ABSTRACT}\n\n`)]);
    const { value, pauses } = run(reparseSeedWork(editOf(bytes, added), FILE, last.seedParse!));
    assert.deepEqual(value, parsedWhole(added));
    assert.equal(value!.entries.length, 3001);
    // Read again from the section before the one the edit is in: the last but one.
    value!.entries.slice(0, 2998).forEach((entry, i) => assert.equal(entry, last.entries[i], `entry ${i} is the same object`));
    // The whole file: a pause for each of its 6,000 paragraphs.
    assert.ok(pauses < 20, `${pauses} pauses`);
  });

  it('moves the entries after an edit that adds lines, and keeps those before the section before it', () => {
    const bytes = seedFormat(generatePapers(seedEntries, 300));
    const last = parsedWhole(bytes);
    const at = Buffer.from(bytes).indexOf(`${last.entries[150].title}\n`);
    const edited = Buffer.concat([bytes.subarray(0, at), Buffer.from(`Inserted Paper\n\n${ABSTRACT}\n\n`), bytes.subarray(at)]);
    const value = finish(reparseSeedWork(editOf(bytes, edited), FILE, last.seedParse!))!;
    assert.deepEqual(value, parsedWhole(edited));
    assert.equal(value.entries[150].title, 'Inserted Paper');
    assert.equal(value.entries[151].line, last.entries[150].line + 4);
    value.entries.slice(0, 148).forEach((entry, i) => assert.equal(entry, last.entries[i]));
  });

  it('leaves an edit of the page header or the first entries, or one that is not clean text, to a whole parse', () => {
    const bytes = Buffer.from(`Header\n\nFirst Paper\n\n${ABSTRACT}\n\nSecond Paper\n\n${ABSTRACT}\n\nThird Paper\n\n${ABSTRACT}\n\nFourth Paper\n\n${ABSTRACT}\n`);
    const { seedParse } = parsedWhole(bytes);
    const replaced = (from: string, to: string) => Buffer.from(bytes.toString().replace(from, to));
    assert.equal(finish(reparseSeedWork(editOf(bytes, replaced('Header', 'Page')), FILE, seedParse!)), undefined);
    assert.equal(finish(reparseSeedWork(editOf(bytes, replaced('Second Paper', 'Second Papers')), FILE, seedParse!)), undefined);
    assert.equal(finish(reparseSeedWork(editOf(bytes, replaced('Fourth Paper', 'Fourth\u0001Paper')), FILE, seedParse!)), undefined);
    assert.ok(finish(reparseSeedWork(editOf(bytes, replaced('Fourth Paper', 'Fourth Papers')), FILE, seedParse!)));
    // The new bytes handed over end before the section after the edit, or start after the one before it.
    assert.equal(finish(reparseSeedWork(editOf(bytes, replaced('Third Paper', 'Third Papers'), 40), FILE, seedParse!)), undefined);
    assert.equal(finish(reparseSeedWork(editOf(bytes, replaced('Fourth Paper', 'Fourth Papers'), 10), FILE, seedParse!)), undefined);
    assert.ok(finish(reparseSeedWork(editOf(bytes, replaced('Third Paper', 'Third Papers'), ABSTRACT.length * 2), FILE, seedParse!)));
  });
});
