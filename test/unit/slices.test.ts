import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeInSlices, encodeInSlices, finish, finishInSlices, sortWork, type Work } from '../../src/core/work/slices';

/** The turns of the event loop so far: a timer counts them. */
let turns = 0;

/** A work of `steps` steps of about `stepMs` each, noting the turn of each step and when it finished. */
function* busy(name: string, steps: number, stepMs: number, finished: string[], stepTurns: number[] = []): Work<string> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until);
    stepTurns.push(turns);
    yield;
  }
  finished.push(name);
  return name;
}

describe('work in slices', () => {
  it('gives what running it at once gives, and a thrown error as a rejection', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    const byValue = (a: number, b: number) => a - b;
    assert.deepEqual(await finishInSlices(sortWork(items, byValue)), [...items].sort(byValue));
    assert.deepEqual(finish(sortWork(items, byValue)), [...items].sort(byValue));
    const failing = function* (): Work<never> {
      yield;
      throw new Error('broken');
    };
    await assert.rejects(finishInSlices(failing()), /broken/);
  });

  it('shares one slice per turn among works started together, first work first and background work last', async () => {
    const finished: string[] = [];
    const stepTurns: number[] = [];
    const ticks = setInterval(() => turns++, 1);
    try {
      // Four works of 150 ms each: run back to back without sharing, a turn would wait 600 ms.
      const done = await Promise.all([
        finishInSlices(busy('related', 75, 2, finished, stepTurns), 'background'),
        finishInSlices(busy('load', 75, 2, finished, stepTurns)),
        finishInSlices(busy('scanner', 75, 2, finished, stepTurns)),
        finishInSlices(busy('index', 75, 2, finished, stepTurns), 'first'),
      ]);
      assert.deepEqual(done, ['related', 'load', 'scanner', 'index']);
    } finally {
      clearInterval(ticks);
    }
    assert.equal(finished[0], 'index', `finished in the order ${finished.join(', ')}`);
    assert.equal(finished.at(-1), 'related', `finished in the order ${finished.join(', ')}`);
    // A slice is about 15 ms, so about eight steps of 2 ms, whichever works they are from; then the loop turns.
    const stepsInTurn = new Map<number, number>();
    for (const turn of stepTurns) stepsInTurn.set(turn, (stepsInTurn.get(turn) ?? 0) + 1);
    const mostInOneTurn = Math.max(...stepsInTurn.values());
    assert.ok(mostInOneTurn <= 10, `${mostInOneTurn} steps ran in one turn of the event loop`);
  });

  it('decodes UTF-8 in pieces that join into the text decoded whole, wherever the pieces end', () => {
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uFEFF', 'é', '𝄞', '\n')), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 9 }), (written, sliceBytes) => {
        const bytes = Buffer.concat(finish(encodeInSlices([written])));
        // Decoded whole rather than `written`: a lone surrogate is encoded as U+FFFD.
        assert.equal(finish(decodeInSlices(bytes, sliceBytes)).join(''), new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
      }),
      { numRuns: 5000 },
    );
    assert.equal(finish(decodeInSlices(Buffer.concat(finish(encodeInSlices(['\uFEFFa\uFEFFb𝄞é']))), 1)).join(''), '\uFEFFa\uFEFFb𝄞é', 'BOMs are kept as text');
    const stray = Uint8Array.of(0x61, 0x80, 0x80, 0x80, 0x80, 0x80, 0x62, 0xf0, 0x9d);
    for (let sliceBytes = 1; sliceBytes < stray.length; sliceBytes++) assert.equal(finish(decodeInSlices(stray, sliceBytes)).join(''), new TextDecoder().decode(stray));
  });
});
