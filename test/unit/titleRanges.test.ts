import assert from 'node:assert/strict';
import fc from 'fast-check';
import { letterRanges, titlePages, type TitleRange } from '../../src/core/search/titleRanges';

const sorted = (titles: string[]) => [...titles].sort((a, b) => a.localeCompare(b));
const repeat = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${String(i).padStart(4, '0')}`);
const summary = (ranges: TitleRange[]) => ranges.map((r) => `${r.label} ${r.end - r.start}`);

/** Every title in exactly one range, in order. */
function assertCovers(ranges: readonly TitleRange[], count: number): void {
  ranges.forEach((r, i) => {
    assert.equal(r.start, i === 0 ? 0 : ranges[i - 1].end);
    assert.ok(r.end > r.start);
  });
  assert.equal(ranges.at(-1)?.end, count);
}

describe('title ranges', () => {
  it('pack neighbouring first letters into ranges of at most a page', () => {
    const titles = sorted([...repeat('Alpha', 3), ...repeat('Beta', 4), ...repeat('Chi', 2), ...repeat('Delta', 5), ...repeat('Eta', 1)]);
    assert.deepEqual(summary(letterRanges(titles, 9)), ['A–C 9', 'D–E 6']);
  });

  it('give a letter with more than a page its own range, and fold accents and symbols', () => {
    const titles = sorted(['"Quoted" title', ...repeat('Learning', 30), 'Émergence', 'Evaluation', 'Zebra']);
    assert.deepEqual(summary(letterRanges(titles, 10)), ['#–E 3', 'L 30', 'Z 1']);
  });

  it('slice titles that all start alike into pages told apart by their prefixes', () => {
    const titles = sorted([...repeat('Learning to act', 4), ...repeat('Learning to reason', 4)]);
    assert.deepEqual(summary(letterRanges(titles, 4)), ['Learning to act 0000–Learning to act 0003 4', 'Learning to reason 0000–Learning to reason 0003 4']);
    assert.deepEqual(summary(titlePages(repeat('Robot', 5), 2)), ['Robot 0000–Robot 0002 3', 'Robot 0003–Robot 0004 2']);
  });

  it('never give more than a page of ranges, and cover every title once', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), fc.integer({ min: 2, max: 30 }), (raw, pageSize) => {
        const titles = sorted(raw);
        for (const ranges of [letterRanges(titles, pageSize), titlePages(titles, pageSize)]) {
          if (titles.length) assertCovers(ranges, titles.length);
          assert.ok(ranges.length <= Math.max(pageSize, 40), `${ranges.length} ranges`);
        }
        for (const page of titlePages(titles, pageSize)) assert.ok(page.end - page.start < titles.length || titles.length <= pageSize);
      }),
    );
  });
});
