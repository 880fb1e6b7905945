import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyIndex } from '../../src/core/model/keyIndex';
import { finish } from '../../src/core/work/slices';

describe('the papers by key', () => {
  it('made over an earlier index, update after update, finds what an index made anew finds (property)', () => {
    // Few keys, so that papers share them; each update keeps some papers (in another order), keys some again, adds some.
    const key = fc.constantFrom('lim', 'lim-a', 'lim-b', 'chen', 'chen-robot', 'ito', 'park', 'zhao');
    const update = fc.record({ kept: fc.array(fc.nat(), { maxLength: 30 }), rekeyed: fc.array(fc.tuple(fc.nat(), key), { maxLength: 4 }), added: fc.array(key, { maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), fc.array(update, { minLength: 1, maxLength: 20 }), (start, updates) => {
        let keys = start;
        let index = finish(KeyIndex.of(keys));
        for (const { kept, rekeyed, added } of updates) {
          // Each earlier paper kept at most once, at the place it comes in `kept`.
          const earlierAt = [...new Set(kept.filter(() => keys.length > 0).map((k) => k % keys.length))];
          const laterOf = new Int32Array(keys.length).fill(-1);
          earlierAt.forEach((at, i) => (laterOf[at] = i));
          const next = [...earlierAt.map((at) => keys[at]), ...added];
          for (const [at, to] of rekeyed) if (earlierAt.length) next[at % earlierAt.length] = to;
          const changed = [...next.keys()].filter((i) => i >= earlierAt.length || next[i] !== keys[earlierAt[i]]);
          index = finish(KeyIndex.over(index, laterOf, next, changed));
          keys = next;
          const afresh = finish(KeyIndex.of(keys));
          for (const k of ['lim', 'lim-a', 'lim-b', 'chen', 'chen-robot', 'ito', 'park', 'zhao', 'absent']) assert.deepEqual(index.idsOf(k), afresh.idsOf(k), k);
        }
      }),
      { numRuns: 300 },
    );
  });
});
