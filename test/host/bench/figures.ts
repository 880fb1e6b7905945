/** Shared by the host benchmarks: timing a step many times, and printing the figures. */

export interface Figure {
  readonly what: string;
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
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
  times.sort((a, b) => a - b);
  return { what, p50: percentile(times, 0.5), p95: percentile(times, 0.95), runs };
}

export function print(figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((f) => f.what.length));
  console.log(`\n${'what'.padEnd(width)}   p50 ms   p95 ms   runs`);
  for (const f of figures) console.log(`${f.what.padEnd(width)}  ${f.p50.toFixed(2).padStart(7)}  ${f.p95.toFixed(2).padStart(7)}  ${String(f.runs).padStart(5)}`);
  console.log('');
}
