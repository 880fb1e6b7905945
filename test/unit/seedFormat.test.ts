import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeLibraryFile, parseSeedText } from '../../src/core/seedFormat';

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
