/** Shared by the host benchmarks: timing a step many times, printing the figures, and handing them to goals.ts. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { percentile } from '../../bench/percentile';

export interface Figure {
  readonly what: string;
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

/** One load of the generated library, each time from its start (setting changed, Reload Library, activation). */
export interface LoadFigures {
  /** Until the sidebar shows themes whose counts add up to every generated paper (from the last session's outline, in a fresh one). */
  readonly themesMs: number;
  /** Until api.themes() holds every generated paper, as the sidebar then lists them under their themes. */
  readonly treeMs: number;
  /** Until api.search finds a generated paper by its title. */
  readonly searchMs: number;
  /** The longest the extension host's event loop was held at a time until the search index was made (the search itself left out). */
  readonly longestStall: Stall;
  /** The longest garbage-collection pause meanwhile (V8's, in the host). */
  readonly longestGcMs: number;
  /** Then until related papers were ready, restored from the cache or made in the background: which, how long that took, the longest stall and GC pause meanwhile. */
  readonly related: 'restored' | 'made';
  readonly relatedMs: number;
  readonly backgroundStall: Stall;
  readonly backgroundGcMs: number;
}

/** A time the extension host's event loop was held, and, over the probe's tick that saw it, how long its main thread ran and waited for a CPU (Linux only). */
export interface Stall {
  readonly ms: number;
  readonly runningMs?: number;
  readonly waitingMs?: number;
}

/** What the host benchmarks on the generated library measured, as goals.ts reads it. */
/** What `libraryChangeFigures` times for each change: until the sidebar lists the paper it adds, until search finds it, and the host's longest stall meanwhile. */
export interface LibraryChangeFigure {
  readonly treeMs: number;
  readonly searchMs: number;
  readonly longestStall: Stall;
  readonly longestGcMs: number;
}

export interface LibraryChangeFigures {
  /** A library file of one paper added to the setting. */
  readonly addedFile: LibraryChangeFigure;
  /** A paper appended to that file. */
  readonly editedFile: LibraryChangeFigure;
  /** A paper appended to the generated library's file. */
  readonly editedLibrary: LibraryChangeFigure;
}

export interface HostFigures {
  firstLoad?: LoadFigures;
  reload?: LoadFigures;
  /** A new session on the caches the first left, from activating the extension. */
  freshSession?: LoadFigures & { readonly wasActive: boolean };
  /** Then the library changed: a file added beside the generated library, and files edited. */
  libraryChanges?: LibraryChangeFigures;
  hover?: Figure;
  completion?: Figure;
  /** The same hovers and completion lists handed back by a provider that made them in advance: VS Code's part of the round trip. */
  hoverReplay?: Figure;
  completionReplay?: Figure;
  /** The extension's own providers asked directly in the host (through the API), without VS Code's round trip. */
  hoverProvider?: Figure;
  completionProvider?: Figure;
  /** Hover and completion asked for with the keyboard in the browser, timed in the page to the answer shown (browserLatency.ts). */
  hoverSeen?: Figure;
  completionSeen?: Figure;
  search?: Figure;
  /** Expanding the largest theme in the sidebar, and then its ranges down to a page of papers. */
  openTheme?: Figure;
  openPage?: Figure;
}

const WARM_UP = 5;

/** Times `run` after a few warm-up runs; `prepare` runs untimed before each. Both get the run's number. */
export async function timed(what: string, runs: number, run: (i: number) => unknown, prepare?: (i: number) => unknown): Promise<Figure> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    await prepare?.(i);
    const start = performance.now();
    await run(i);
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  return figureOf(what, times);
}

export function figureOf(what: string, times: readonly number[]): Figure {
  return { what, p50: percentile(times, 0.5), p95: percentile(times, 0.95), runs: times.length };
}

export function print(figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((f) => f.what.length));
  console.log(`\n${'what'.padEnd(width)}   p50 ms   p95 ms   runs`);
  for (const f of figures) console.log(`${f.what.padEnd(width)}  ${f.p50.toFixed(2).padStart(7)}  ${f.p95.toFixed(2).padStart(7)}  ${String(f.runs).padStart(5)}`);
  console.log('');
}

/**
 * Adds `figures` to the JSON file named by LITERATURE_NOTES_BENCH_FIGURES, which goals.ts
 * (`npm run bench`) sets; the two host sessions each add theirs. Without it, does nothing.
 */
export function recordFigures(figures: HostFigures): void {
  const file = process.env.LITERATURE_NOTES_BENCH_FIGURES;
  if (!file) return;
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HostFigures) : {};
  writeFileSync(file, JSON.stringify({ ...before, ...figures }));
}
