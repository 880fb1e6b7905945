// Which entries a changed library kept, added and removed, compared with the earlier library.
import type { PaperEntry } from './paper';
import { sortWork, type Work } from '../work/slices';

/** How a library's entries map onto an earlier library's (see `entryChanges`). */
export interface EntryChanges {
  /** Per entry, the earlier entry it is (same content, perhaps on another line), or -1 for one added. */
  readonly earlierOf: Int32Array;
  /** Per earlier entry, the entry it is now, or -1 for one removed. */
  readonly laterOf: Int32Array;
  readonly added: readonly number[];
  readonly removed: readonly number[];
}

/**
 * Which entries are the earlier library's and which are new. A file that did not change keeps
 * its parse, so its entries are the very same objects; a changed file's entries are matched by
 * content, so that editing one entry of a large file changes one entry, not the file's every one.
 */
export function* entryChanges(earlier: readonly PaperEntry[], entries: readonly PaperEntry[]): Work<EntryChanges> {
  const earlierOf = new Int32Array(entries.length).fill(-1);
  const laterOf = new Int32Array(earlier.length).fill(-1);
  // The entries that start both alike, as they do when a paper is appended, need no map.
  let alike = 0;
  for (; alike < Math.min(earlier.length, entries.length) && earlier[alike] === entries[alike]; alike++) {
    earlierOf[alike] = laterOf[alike] = alike;
    if (alike % 4096 === 0) yield;
  }
  const position = new Map<PaperEntry, number>();
  for (let i = alike; i < earlier.length; i++) {
    position.set(earlier[i], i);
    if (i % 4096 === 0) yield;
  }
  const unmatched: number[] = [];
  for (let i = alike; i < entries.length; i++) {
    const entry = entries[i];
    const at = position.get(entry);
    if (at === undefined || laterOf[at] >= 0) unmatched.push(i);
    else [earlierOf[i], laterOf[at]] = [at, i];
    if (i % 4096 === 0) yield;
  }
  if (unmatched.length) {
    // Only the earlier entries left over: those of the files that changed. By title, compared
    // field by field: a string made of each entry's fields was far slower for a large library.
    const byTitle = new Map<string, number[]>();
    for (const [at, later] of laterOf.entries()) {
      if (later >= 0) continue;
      const same = byTitle.get(earlier[at].title);
      if (same) same.push(at);
      else byTitle.set(earlier[at].title, [at]);
      if (at % 4096 === 0) yield;
    }
    for (const [k, i] of unmatched.entries()) {
      const same = byTitle.get(entries[i].title);
      const found = same?.findIndex((at) => sameSubstance(earlier[at], entries[i])) ?? -1;
      if (found >= 0) {
        const [at] = same!.splice(found, 1);
        [earlierOf[i], laterOf[at]] = [at, i];
      }
      if (k % 4096 === 0) yield;
    }
  }
  return { earlierOf, laterOf, added: yield* unmatchedOf(earlierOf), removed: yield* unmatchedOf(laterOf) };
}

/** Where the map says -1. */
function* unmatchedOf(map: Int32Array): Work<number[]> {
  const unmatched: number[] = [];
  for (let i = 0; i < map.length; i++) {
    if (map[i] < 0) unmatched.push(i);
    if (i % 4096 === 0) yield;
  }
  return unmatched;
}

/**
 * Whether two entries agree on what a paper's key, theme and index are made of. An entry matched
 * so keeps those, and takes the rest (its line, authors, DOI…) from the file as it is now.
 */
function sameSubstance(a: PaperEntry, b: PaperEntry): boolean {
  return a.title === b.title && a.abstract === b.abstract && a.key === b.key;
}

/**
 * The title order of a library made by an update: the earlier order, less the papers removed,
 * with the added ones put in place; as sorting every title again would give it (ties in library
 * order), in a fraction of the time (sorting a large library's titles holds the thread too long).
 */
export function* mergedTitleOrder(earlierOrder: readonly number[], { laterOf, added }: EntryChanges, titleOf: (id: number) => string): Work<number[]> {
  const collator = new Intl.Collator();
  const compare = (a: number, b: number) => collator.compare(titleOf(a), titleOf(b)) || a - b;
  const kept: number[] = [];
  for (const at of earlierOrder) if (laterOf[at] >= 0) kept.push(laterOf[at]);
  yield;
  const order: number[] = [];
  let next = 0;
  for (const id of yield* sortWork(added, compare)) {
    // The first kept paper that comes after it.
    let [low, high] = [next, kept.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(kept[middle], id) < 0) low = middle + 1;
      else high = middle;
    }
    for (; next < low; next++) order.push(kept[next]);
    order.push(id);
    yield;
  }
  for (; next < kept.length; next++) order.push(kept[next]);
  return order;
}
