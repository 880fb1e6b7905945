import assert from 'node:assert/strict';
import { finish, finishInSlices, sortWork, type Work } from '../../src/core/slices';
import { stopwatch } from './stopwatch';

/** A work of `steps` steps of about `stepMs` each, noting when it finished. */
function* busy(name: string, steps: number, stepMs: number, finished: string[]): Work<string> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + stepMs;
    while (performance.now() < until);
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

  it('shares one slice per turn among works started together, and runs background work last', async () => {
    const finished: string[] = [];
    let longestWait = 0;
    let sinceTick = stopwatch();
    const ticks = setInterval(() => {
      longestWait = Math.max(longestWait, sinceTick());
      sinceTick = stopwatch();
    }, 1);
    try {
      // Three works of 150 ms each: run back to back without sharing, a turn would wait 60 ms or more.
      const done = await Promise.all([
        finishInSlices(busy('related', 75, 2, finished), { background: true }),
        finishInSlices(busy('load', 75, 2, finished)),
        finishInSlices(busy('scanner', 75, 2, finished)),
      ]);
      assert.deepEqual(done, ['related', 'load', 'scanner']);
    } finally {
      clearInterval(ticks);
    }
    assert.equal(finished.at(-1), 'related', `finished in the order ${finished.join(', ')}`);
    // Generous: one slice is about 20 ms; the stopwatch leaves out time other processes took.
    assert.ok(longestWait < 55, `the event loop waited ${longestWait.toFixed(1)} ms`);
  });
});
