import assert from 'node:assert/strict';
import { PaperLibrary } from '../../src/core/model/library';
import { ParsedFiles, readLibrary } from '../../src/core/formats/libraryContent';
import type { Work } from '../../src/core/work/slices';
import { generatePapers, seedFormat } from '../bench/generateLibrary';
import { seedEntries, seedThemes } from './seedLibrary';
import { stopwatch } from './stopwatch';

/**
 * The extension host runs loading in slices, pausing for the event loop where the work
 * yields; it stays responsive only if the work yields often. The limit is generous (the
 * steps take a few milliseconds) so that a busy machine cannot fail it.
 */
const LONGEST_MS = 100;

/** Runs the work to its end, timing each step between two pauses. */
function timeSteps<T>(work: Work<T>): { value: T; longest: number; total: number } {
  let longest = 0;
  let total = 0;
  for (;;) {
    const stopped = stopwatch();
    const step = work.next();
    const took = stopped();
    longest = Math.max(longest, took);
    total += took;
    if (step.done) return { value: step.value, longest, total };
  }
}

describe('loading a large library with pauses', () => {
  // Large enough that decoding and parsing it without pauses takes several times the limit.
  const PAPERS = 40_000;
  let bytes: Uint8Array;
  before(() => {
    bytes = seedFormat(generatePapers(seedEntries, PAPERS)); // about 46 MB
  });

  it(`never runs more than ${LONGEST_MS} ms between pauses: decoding and parsing, writing and restoring the cache`, () => {
    const files = new ParsedFiles();
    const parsed = timeSteps(files.parseWork({ file: 'big.txt', bytes }, 'its hash', undefined));
    assert.equal(parsed.value.entries.length, PAPERS);
    const written = timeSteps(files.toCacheWork());
    const restored = timeSteps(ParsedFiles.restore(written.value.join('')));
    assert.equal(restored.value.has('big.txt', 'its hash'), true);
    const steps = { parsed, written, restored };
    for (const [name, { longest }] of Object.entries(steps)) assert.ok(longest < LONGEST_MS, `${name}: a step of ${longest.toFixed(1)} ms`);
    const total = Object.values(steps).reduce((sum, s) => sum + s.total, 0);
    assert.ok(total > 2 * LONGEST_MS, `all of it takes ${total.toFixed(0)} ms: too little to tell pauses from none`);
  });

  it(`keeps the event loop waiting no more than ${LONGEST_MS} ms while the library is read`, async () => {
    let sinceTick = stopwatch();
    let longestWait = 0;
    const ticks = setInterval(() => {
      longestWait = Math.max(longestWait, sinceTick());
      sinceTick = stopwatch();
    }, 1);
    try {
      const { entries } = await readLibrary([{ file: 'big.txt', bytes }]);
      assert.equal(entries.length, PAPERS);
      longestWait = Math.max(longestWait, sinceTick());
    } finally {
      clearInterval(ticks);
    }
    assert.ok(longestWait < LONGEST_MS, `the event loop waited ${longestWait.toFixed(1)} ms`);
  });

  it(`never runs more than ${LONGEST_MS} ms between pauses: keys, themes and index, the cache saved and restored`, async function () {
    // Themes found from the papers take longer than keyword themes did; a busy machine, longer still.
    this.timeout(90_000);
    const content = await readLibrary([{ file: 'part.txt', bytes: seedFormat(generatePapers(seedEntries, PAPERS / 8)) }]);
    const built = timeSteps(PaperLibrary.build(content, { themes: seedThemes }));
    const saved = timeSteps(built.value.saveCache());
    const restored = timeSteps(PaperLibrary.build(content, { themes: seedThemes, cache: saved.value }));
    assert.equal(restored.value.fromCache, true);
    assert.equal(restored.value.papers.length, built.value.papers.length);
    const steps = { built, saved, restored };
    for (const [name, { longest }] of Object.entries(steps)) assert.ok(longest < LONGEST_MS, `${name}: a step of ${longest.toFixed(1)} ms`);
    assert.ok(built.total > 2 * LONGEST_MS, `building takes ${built.total.toFixed(0)} ms: too little to tell pauses from none`);
  });
});

