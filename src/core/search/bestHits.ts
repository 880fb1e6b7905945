// The best few of many scored papers, without sorting them all: a common word's papers run to tens of thousands.

/** What hits are ordered by: a higher tier first (0 if none), then a higher score, then the lower id. */
interface Ranked {
  readonly id: number;
  readonly score: number;
  readonly tier?: number;
}

/** Keeps the `limit` best offered, ordered as `Ranked` says, so that the order never depends on the order offered. */
export class BestHits<T extends Ranked> {
  /** A heap with the worst kept at the top. */
  private readonly heap: T[] = [];

  constructor(private readonly limit: number) {}

  offer(hit: T): void {
    if (this.limit <= 0) return;
    if (this.heap.length < this.limit) {
      this.heap.push(hit);
      this.up(this.heap.length - 1);
    } else if (better(hit, this.heap[0])) {
      this.heap[0] = hit;
      this.down(0);
    }
  }

  /** Whether a hit of this score, id and tier would be kept now. */
  wouldKeep(score: number, id: number, tier = 0): boolean {
    return this.heap.length < this.limit || better({ score, id, tier }, this.heap[0]);
  }

  /** Best first. */
  best(): T[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  private up(at: number): void {
    const { heap } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!better(heap[parent], heap[at])) break;
      [heap[parent], heap[at]] = [heap[at], heap[parent]];
      at = parent;
    }
  }

  private down(at: number): void {
    const { heap } = this;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && better(heap[worst], heap[left])) worst = left;
      if (right < heap.length && better(heap[worst], heap[right])) worst = right;
      if (worst === at) return;
      [heap[worst], heap[at]] = [heap[at], heap[worst]];
      at = worst;
    }
  }
}

function better(a: Ranked, b: Ranked): boolean {
  const tierA = a.tier ?? 0;
  const tierB = b.tier ?? 0;
  return tierA > tierB || (tierA === tierB && (a.score > b.score || (a.score === b.score && a.id < b.id)));
}
