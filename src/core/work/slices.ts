/**
 * Long work (parsing, keying, theming and indexing a large library) is written once, as a
 * generator that yields wherever it may pause, and then either run to the end at once (the
 * CLI, tests) or run in short slices that give the event loop back between them (the
 * extension host, which must never be held for long: hovers, typing and other extensions
 * share its thread).
 */
export type Work<T> = Generator<void, T, void>;

/** Runs the work to its end without pausing. */
export function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** How long a slice runs before the event loop gets its turn. */
const SLICE_MS = 15;
/**
 * Shorter, when only background work runs: what comes in meanwhile (a file event, the steps of
 * a library update, a hover) then waits a few milliseconds for its turn rather than fifteen,
 * at each of its own pauses, so a change to a large library shows sooner behind the
 * background work of the change before (see test/bench/README.md).
 */
const BACKGROUND_SLICE_MS = 4;

/**
 * Which work steps first: `first`, what the user is waiting on (the search index); then the
 * rest of the foreground, each in turn; `background` work (what can wait, such as related
 * papers, or writing caches) only when nothing else is waiting.
 */
export type SlicePriority = 'first' | 'shared' | 'background';
const RANKS: Record<SlicePriority, number> = { first: 0, shared: 1, background: 2 };

interface Job {
  readonly work: Work<unknown>;
  readonly rank: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Every work running in slices, in turn: one slice per turn of the event loop, however many there are. */
const jobs: Job[] = [];
let running = false;

/**
 * Runs the work in slices of about `SLICE_MS`, giving the event loop a turn (timers, I/O,
 * messages) between them. Works started meanwhile share the slices, by priority, so that a
 * library load and what is made from it never hold the loop longer than one of them would.
 * A slice ends at the first pause point past its time, so a work's steps must stay short.
 */
export function finishInSlices<T>(work: Work<T>, priority: SlicePriority = 'shared'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    jobs.push({ work, rank: RANKS[priority], resolve: resolve as (value: unknown) => void, reject });
    if (!running) void runJobs();
  });
}

async function runJobs(): Promise<void> {
  running = true;
  try {
    while (jobs.length) {
      const onlyBackground = jobs.every((job) => job.rank === RANKS.background);
      const sliceEnd = performance.now() + (onlyBackground ? BACKGROUND_SLICE_MS : SLICE_MS);
      while (jobs.length && performance.now() < sliceEnd) {
        // The first work of the highest priority, for a millisecond, and then to the back of the queue: works of a priority take turns.
        const rank = Math.min(...jobs.map((job) => job.rank));
        const [job] = jobs.splice(jobs.findIndex((j) => j.rank === rank), 1);
        const turnEnd = Math.min(sliceEnd, performance.now() + 1);
        try {
          let step = job.work.next();
          while (!step.done && performance.now() < turnEnd) step = job.work.next();
          if (step.done) job.resolve(step.value);
          else jobs.push(job);
        } catch (error) {
          job.reject(error);
        }
      }
      await nextTurn();
    }
  } finally {
    running = false;
  }
}

/** A turn of the event loop: a timer's, so that pending I/O and timers run, not only immediates. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Items mapped between two pauses: a pause costs about as much as a cheap map of one item (a
 * generator resumed through every `yield*` above it), and the maps given here take microseconds.
 */
const MAPPED_PER_PAUSE = 64;

/** `items.map(map)`, pausing every few items. */
export function* mapWork<T, U>(items: readonly T[], map: (item: T, index: number) => U): Work<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = map(items[i], i);
    if (i % MAPPED_PER_PAUSE === MAPPED_PER_PAUSE - 1) yield;
  }
  return out;
}

/** Sorted runs of this many items each take a small part of a slice; longer sorts merge them. */
const SORTED_RUN = 1024;

/** A stable sort of a copy of `items`, pausing between runs and during merges. */
export function* sortWork<T>(items: readonly T[], compare: (a: T, b: T) => number): Work<T[]> {
  let sorted = [...items];
  for (let start = 0; start < sorted.length; start += SORTED_RUN) {
    const run = sorted.slice(start, start + SORTED_RUN).sort(compare);
    for (let k = 0; k < run.length; k++) sorted[start + k] = run[k];
    yield;
  }
  for (let width = SORTED_RUN; width < sorted.length; width *= 2) {
    const merged = new Array<T>(sorted.length);
    for (let start = 0; start < sorted.length; start += 2 * width) {
      const middle = Math.min(start + width, sorted.length);
      const end = Math.min(start + 2 * width, sorted.length);
      let [i, j, k] = [start, middle, start];
      while (i < middle && j < end) {
        merged[k++] = compare(sorted[j], sorted[i]) < 0 ? sorted[j++] : sorted[i++];
        if (k % SORTED_RUN === 0) yield;
      }
      while (i < middle) merged[k++] = sorted[i++];
      while (j < end) merged[k++] = sorted[j++];
    }
    sorted = merged;
    yield;
  }
  return sorted;
}

/**
 * UTF-8 of the concatenated pieces (lines of a cache, each small), a piece at a time, as
 * chunks to write one after another: joining them into one array copies them in one step,
 * far past a slice for a large library's caches.
 */
export function* encodeInSlices(pieces: readonly string[]): Work<Uint8Array[]> {
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = [];
  for (const piece of pieces) {
    encoded.push(encoder.encode(piece));
    yield;
  }
  return encoded;
}

/** Bytes decoded a slice at a time: the caches of a large library are tens of megabytes. */
const DECODE_SLICE_BYTES = 1 << 20;

/**
 * The UTF-8 text of `bytes`, a piece per slice, not joined: a large string joined from pieces
 * is copied whole, in one step, at its first search (see `JsonLinesReader`). Each piece ends
 * between two characters and is decoded on its own: streaming decoding is three times slower.
 */
export function* decodeInSlices(bytes: Uint8Array, sliceBytes = DECODE_SLICE_BYTES): Work<string[]> {
  // BOMs kept, as text like any other: a piece could start with one.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const near = Math.min(at + sliceBytes, bytes.length);
    let end = near === bytes.length ? near : wholeCharactersEnd(bytes, at, near);
    // A slice shorter than the character it starts with: up to the next character, at most four bytes on.
    if (end === at) for (end = at + 1; end < Math.min(at + 4, bytes.length) && (bytes[end] & 0xc0) === 0x80; end++);
    pieces.push(decoder.decode(bytes.subarray(at, end)));
    at = end;
    yield;
  }
  return pieces;
}

/**
 * Where `bytes[start, end)` ends with its last whole UTF-8 character: `end`, or the start of
 * the character it cuts short (at most three bytes before). Decoding up to there and going on
 * from there decodes as the whole would.
 */
export function wholeCharactersEnd(bytes: Uint8Array, start: number, end: number): number {
  let lead = end - 1;
  while (lead > start && lead > end - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  const length = bytes[lead] >= 0xf0 ? 4 : bytes[lead] >= 0xe0 ? 3 : bytes[lead] >= 0xc0 ? 2 : 1;
  return lead + length > end ? lead : end;
}
