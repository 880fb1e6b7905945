// Finds a library's papers by citation key, by position, updated from the earlier library's index.
import type { Work } from '../work/slices';

/** Updates a key index is made over before it is made anew: each lookup goes down the chain. */
const MOST_UPDATES_OVER = 16;

/**
 * Where each citation key's papers are in a library, by their positions. Made anew (`of`), or
 * over an earlier library's (`over`) with only the papers whose key is new to it: hashing every
 * key again was a large part of each update of a large library (see test/bench/README.md).
 */
export class KeyIndex {
  private constructor(
    /** The first paper with each key among those this index holds; `later` the others, for keys entries share. */
    private readonly first: ReadonlyMap<string, number>,
    private readonly later: ReadonlyMap<string, readonly number[]>,
    /** The index it is made over, where each of that library's papers is now (-1: gone), and each paper's key now. */
    private readonly over?: { readonly index: KeyIndex; readonly laterOf: Int32Array; readonly keys: readonly string[] },
    private readonly depth = 0,
  ) {}

  /** Every paper's position by its key, pausing as it goes. */
  static *of(keys: readonly string[]): Work<KeyIndex> {
    const [first, later] = yield* positions(keys, keys.keys());
    return new KeyIndex(first, later);
  }

  /**
   * The index of a library made from `earlier`'s: `laterOf` says where each of its papers is
   * now (-1: removed), `keys` every paper's key now, and `changed` the papers whose key `earlier`
   * did not give them (added, or keyed again).
   */
  static *over(earlier: KeyIndex, laterOf: Int32Array, keys: readonly string[], changed: readonly number[]): Work<KeyIndex> {
    if (earlier.depth >= MOST_UPDATES_OVER) return yield* KeyIndex.of(keys);
    const [first, later] = yield* positions(keys, changed);
    return new KeyIndex(first, later, { index: earlier, laterOf, keys }, earlier.depth + 1);
  }

  /** The positions of the papers with the key, in order. */
  idsOf(key: string): number[] {
    const first = this.first.get(key);
    const own = first === undefined ? [] : [first, ...(this.later.get(key) ?? [])];
    if (!this.over) return own;
    const { index, laterOf, keys } = this.over;
    // Those the earlier library had under this key, where they are now, unless gone or keyed again.
    const kept = index.idsOf(key).flatMap((at) => (laterOf[at] >= 0 && keys[laterOf[at]] === key ? [laterOf[at]] : []));
    return kept.length === 0 ? own : [...own, ...kept].sort((a, b) => a - b);
  }
}

/** The first position of each key among `ids`, and the later ones of keys shared. */
function* positions(keys: readonly string[], ids: Iterable<number>): Work<[Map<string, number>, Map<string, number[]>]> {
  const first = new Map<string, number>();
  const later = new Map<string, number[]>();
  let count = 0;
  for (const id of ids) {
    const key = keys[id];
    if (!first.has(key)) first.set(key, id);
    else later.set(key, [...(later.get(key) ?? []), id]);
    if (++count % 64 === 0) yield;
  }
  return [first, later];
}
