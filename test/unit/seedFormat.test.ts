import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeLibraryFile, decodeLibraryFileWork, parseSeedText, parseSeedWork } from '../../src/core/formats/seedFormat';
import { finish, type Work } from '../../src/core/work/slices';
import { generatePapers, seedFormat } from '../bench/generateLibrary';
import { seedEntries } from './seedLibrary';

const SEED_FILE = 'seeds/000_245d823ccd7859e3.txt';
const seedText = readFileSync(SEED_FILE, 'utf8');
const HEADER = 'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n';
const ABSTRACT_A = 'We study how robots learn to cook from videos. Our method uses internet data and shows strong gains on real robots.';
const ABSTRACT_B = 'Language models can be tuned on instructions. We measure how each ability grows with more data and more steps.';

describe('seed format parser', () => {
  it('reads all 92 shipped papers, skipping the page header, with exact title lines', () => {
    const { entries, diagnostics } = parseSeedText(seedText, SEED_FILE);
    assert.equal(entries.length, 92);
    assert.deepEqual(diagnostics, []);
    const lines = seedText.split('\n');
    for (const e of entries) {
      assert.equal(lines[e.line - 1], e.title);
      assert.ok(e.abstract.length > 200, `abstract of "${e.title}"`);
      assert.equal(e.file, SEED_FILE);
    }
    assert.equal(entries[0].title, 'Skill Expansion and Composition in Parameter Space');
    assert.equal(entries[0].line, 11);
    assert.equal(entries.at(-1)!.title, 'AgentGen: Enhancing Planning Abilities for Large Language Model based Agent via Environment and Task Generation');
  });

  it('tolerates CRLF, a BOM, trailing spaces and extra blank lines', () => {
    const clean = parseSeedText(seedText, SEED_FILE).entries;
    const messy = '\uFEFF' + seedText.replace(/\n\n/g, '  \n\n\n').replace(/\n/g, '\r\n');
    const parsed = parseSeedText(messy, SEED_FILE);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(
      parsed.entries.map((e) => [e.title, e.abstract]),
      clean.map((e) => [e.title, e.abstract]),
    );
    const lines = messy.split('\r\n');
    for (const e of parsed.entries) assert.equal(lines[e.line - 1].replace('\uFEFF', '').trimEnd(), e.title);
  });

  it('loads a title with no abstract, with a warning at its line', () => {
    const text = `${HEADER}Robot Cooking\n\n${ABSTRACT_A}\n\nA Lonely Title\n\nInstruction Growth\n\n${ABSTRACT_B}\n\nLast Title Without Abstract\n`;
    const { entries, diagnostics } = parseSeedText(text, 'lib.txt');
    assert.deepEqual(
      entries.map((e) => [e.title, e.abstract === '' ? '' : 'text', e.line]),
      [
        ['Robot Cooking', 'text', 7],
        ['A Lonely Title', '', 11],
        ['Instruction Growth', 'text', 13],
        ['Last Title Without Abstract', '', 17],
      ],
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.severity]),
      [
        ['lib.txt', 11, 'warning'],
        ['lib.txt', 17, 'warning'],
      ],
    );
    assert.match(diagnostics[0].message, /"A Lonely Title" has no abstract/);
  });

  it('skips an exact duplicate and keeps a same-titled paper with another abstract, reporting both', () => {
    const text = `Robot Cooking\n\n${ABSTRACT_A}\n\nRobot Cooking\n\n${ABSTRACT_A}\n\nrobot  cooking\n\n${ABSTRACT_B}\n`;
    const { entries, diagnostics } = parseSeedText(text, 'dup.txt');
    assert.deepEqual(entries.map((e) => e.line), [1, 9]);
    assert.deepEqual(diagnostics.map((d) => d.line), [5, 9]);
    assert.match(diagnostics[0].message, /duplicate of the paper at line 1/);
    assert.match(diagnostics[1].message, /both are kept/);
  });

  it('leaves LaTeX-ish escapes as they are', () => {
    const abstract = "Models pick up task-specific ``skills,'' in $\\sim$0.01\\% of parameters \\cite{x} with 40-90% gains & more.";
    const { entries } = parseSeedText(`MoE^2: Edge \\& Cloud\n\n${abstract}\n`, 'tex.txt');
    assert.equal(entries[0].title, 'MoE^2: Edge \\& Cloud');
    assert.equal(entries[0].abstract, abstract);
  });

  it('joins an abstract wrapped over several lines, and splits a title glued to its abstract', () => {
    const wrapped = `Robot Cooking\n\nWe study how robots learn\nto cook from videos, and\nfind they do it well.\n\nGlued Title\n${ABSTRACT_B}\n`;
    const { entries, diagnostics } = parseSeedText(wrapped, 'w.txt');
    assert.equal(entries[0].abstract, 'We study how robots learn to cook from videos, and find they do it well.');
    assert.deepEqual([entries[1].title, entries[1].abstract, entries[1].line], ['Glued Title', ABSTRACT_B, 7]);
    assert.deepEqual(diagnostics.map((d) => [d.line, d.severity]), [[8, 'warning']]);
    assert.match(diagnostics[0].message, /no blank line between the title "Glued Title" and its abstract/);
  });

  it('appends an untitled paragraph to the abstract before it, and says so', () => {
    const text = `Robot Cooking\n\n${ABSTRACT_A}\n\n${ABSTRACT_B}\n\nNext Paper\n\n${ABSTRACT_B}\n`;
    const { entries, diagnostics } = parseSeedText(text, 'p.txt');
    assert.equal(entries.length, 2);
    assert.equal(entries[0].abstract, `${ABSTRACT_A}\n\n${ABSTRACT_B}`);
    assert.equal(diagnostics[0].line, 5);
    assert.match(diagnostics[0].message, /no title line; appended to the abstract of "Robot Cooking" \(line 1\)/);
  });

  it('reports a file with no entries at all', () => {
    const { entries, diagnostics } = parseSeedText('just\n\nsome\n\nshort lines\n', 'none.txt');
    assert.equal(entries.length, 0);
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.severity]), [['none.txt', 1, 'error']]);
  });

  it('never throws, and every entry points at its title line, whatever the text', () => {
    const line = fc.oneof(
      fc.constant(''),
      fc.constant('   '),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('A Title Of Sorts', ABSTRACT_A, ABSTRACT_B, '\uFEFF', '\r'),
      fc.string({ minLength: 200, maxLength: 400 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const { entries, diagnostics } = parseSeedText(text, 'any.txt');
        const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        for (const e of entries) assert.equal(physical[e.line - 1].trim(), e.title);
        for (const d of diagnostics) assert.ok(d.line >= 1 && d.line <= Math.max(1, physical.length), `line ${d.line}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('decoding library files', () => {
  const decode = (bytes: number[] | string) => decodeLibraryFile(typeof bytes === 'string' ? Buffer.from(bytes) : Uint8Array.from(bytes), 'f.txt');

  it('rejects empty, blank and binary files with a clear error naming the file', () => {
    for (const [input, pattern] of [
      [[], /empty/],
      ['\uFEFF \n\n\t\n', /empty/],
      [[0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02], /binary/],
      [[0xff, 0xfe, 0xfd, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1], /not UTF-8/],
    ] as const) {
      const { text, diagnostic } = decode(input as number[] | string);
      assert.equal(text, undefined);
      assert.equal(diagnostic?.file, 'f.txt');
      assert.equal(diagnostic?.severity, 'error');
      assert.match(diagnostic!.message, pattern);
    }
  });

  it('decodes UTF-8 text, accents and all', () => {
    assert.deepEqual(decode('Über Roboter\n\nText.'), { text: 'Über Roboter\n\nText.' });
  });
});

describe('decoding and parsing with pauses', () => {
  /** Runs the work to its end, counting its pauses. */
  const run = <T>(work: Work<T>): { value: T; pauses: number } => {
    for (let pauses = 0; ; pauses++) {
      const step = work.next();
      if (step.done) return { value: step.value, pauses };
    }
  };
  const pieces = (bytes: Uint8Array, file = 'big.txt') => finish(decodeLibraryFileWork(bytes, file)).pieces!;

  /**
   * Bytes where every 64 KiB (so at the edge of any decoding block of a multiple of that) a
   * `\r\n` is split, a two-byte character is split, or a lone `\r` ends the block, in turn.
   */
  const seamed = (count: number): Buffer => {
    const seams = ['\r\n', 'Über', '\rnext'].map((seam) => Buffer.from(seam));
    const prose = `Robot Cooking Again\n\n${ABSTRACT_A}\r\n${ABSTRACT_B}\n\nInstruction Growth\r\n\r\n${ABSTRACT_B}\n\n`;
    const parts: Buffer[] = [];
    let length = 0;
    for (let k = 1; k <= count; k++) {
      const filler = k * 65536 - 1 - length;
      parts.push(Buffer.from(prose.repeat(Math.ceil(filler / prose.length)).slice(0, filler)), seams[Math.floor(k / 4) % 3]);
      length += filler + seams[Math.floor(k / 4) % 3].length;
    }
    return Buffer.concat(parts);
  };

  it('decodes into pieces that end at line ends and make up the text, whatever a block boundary splits', () => {
    const bytes = seamed(40);
    const decoded = pieces(bytes);
    assert.ok(decoded.length > 5, `${decoded.length} pieces`);
    assert.equal(decoded.join(''), new TextDecoder().decode(bytes));
    decoded.slice(0, -1).forEach((piece, i) => {
      assert.match(piece, /[\r\n]$/, `piece ${i} ends a line`);
      assert.ok(!(piece.endsWith('\r') && decoded[i + 1].startsWith('\n')), `piece ${i} splits a \\r\\n`);
    });
    assert.deepEqual(finish(parseSeedWork(decoded, 'big.txt')), parseSeedText(decoded.join(''), 'big.txt'));
  });

  it('decode blocks to exactly what the whole file decodes to, whatever bytes, valid or not, straddle their edges', () => {
    const utf8 = (...bytes: number[]) => Uint8Array.from(bytes);
    const token = fc.constantFrom(
      ...[[0x41], [0x0a], [0x0d], [0x0d, 0x0a], [0x01], [0xc3, 0xbc], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf]].map((b) => utf8(...b)),
      // undecodable: stray continuation bytes, cut-off sequences, bytes never in UTF-8, a surrogate, an overlong form, past U+10FFFF
      ...[[0x80], [0xbf], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0], [0xff], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]].map((b) => utf8(...b)),
    );
    const filler = (length: number) => Buffer.from(`${ABSTRACT_A}\n\n`.repeat(Math.ceil(length / ABSTRACT_A.length)).slice(0, length));
    // Runs of tokens that start up to 6 bytes before each multiple of 64 KiB up to 256 KiB, where blocks end.
    const seams = fc.array(fc.record({ before: fc.integer({ min: 0, max: 6 }), tokens: fc.array(token, { maxLength: 6 }) }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.boolean(), seams, (bom, runs) => {
        const parts: Uint8Array[] = bom ? [utf8(0xef, 0xbb, 0xbf)] : [];
        let length = parts.length * 3;
        runs.forEach(({ before, tokens }, k) => {
          const start = (k + 1) * 65536 - before;
          parts.push(filler(start - length), ...tokens);
          length = start + tokens.reduce((sum, t) => sum + t.length, 0);
        });
        const bytes = Buffer.concat(parts);
        assert.equal(pieces(bytes).join(''), new TextDecoder().decode(bytes));
      }),
      { numRuns: 100 },
    );
  });

  it('give exactly what the whole text gives, on a generated library of 3,000 papers, in LF and CRLF', () => {
    const bytes = seedFormat(generatePapers(seedEntries, 3000));
    for (const variant of [bytes, Buffer.from(Buffer.from(bytes).toString().replace(/\n/g, '\r\n'))]) {
      const decoded = run(decodeLibraryFileWork(variant, 'big.txt'));
      const parsed = run(parseSeedWork(decoded.value.pieces!, 'big.txt'));
      const whole = parseSeedText(decodeLibraryFile(variant, 'big.txt').text!, 'big.txt');
      assert.equal(whole.entries.length, 3000);
      assert.deepEqual(parsed.value, whole);
      assert.ok(decoded.pauses >= 10 && parsed.pauses >= 6000, `${decoded.pauses} and ${parsed.pauses} pauses`);
    }
  });

  it('judge a large file as a whole, whatever block holds its NUL bytes or control characters', () => {
    const text = Buffer.from(seedText.repeat(10)); // about 1 MB
    const withAt = (at: number, insert: string | number[]) =>
      Buffer.concat([text.subarray(0, at), typeof insert === 'string' ? Buffer.from(insert) : Uint8Array.from(insert), text.subarray(at)]);
    const verdict = (bytes: Uint8Array) => {
      const { pieces: decoded, diagnostic } = finish(decodeLibraryFileWork(bytes, 'f.txt'));
      assert.deepEqual(decodeLibraryFile(bytes, 'f.txt'), decoded ? { text: decoded.join('') } : { diagnostic });
      return decoded ? 'text' : diagnostic!.message;
    };
    assert.equal(verdict(withAt(text.length - 10, [0])), 'the file is binary (it contains NUL bytes), not a text library');
    // 5% of the file is the limit, counted over the whole file, not per block: here all of it in the first.
    const share = (fraction: number) => '\u0001'.repeat(Math.round(text.length * fraction));
    assert.equal(verdict(withAt(0, share(0.04))), 'text');
    assert.match(verdict(withAt(0, share(0.06))), /not UTF-8/);
    assert.match(verdict(withAt(text.length, new Array(Math.round(text.length * 0.06)).fill(0xff))), /not UTF-8/);
    assert.match(verdict(Buffer.from(`\uFEFF${' \r\n\t'.repeat(300_000)}`)), /empty/);
  });
});
