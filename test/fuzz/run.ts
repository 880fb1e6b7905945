// `npm run fuzz`: the adversarial properties of the unit tests, run far longer, each failure kept in failures.json for the unit tests to replay.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { adversarialText, FAILURES_FILE, type KeptFailure } from '../unit/adversarial';
import { TARGETS } from '../unit/adversarialTargets';

/** Runs per target: FUZZ_RUNS, else enough to take a few minutes in all. */
const runs = Number(process.env.FUZZ_RUNS ?? 0) || 300;
/**
 * CPU time one input may take before it counts as a failure: what a super-linear path costs on
 * these lengths. CPU time, not the clock's, so that other work on the machine does not count.
 */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 0) || 2_000;
/** A failure's shrunk input is kept whole unless longer than this; then as its first characters, repeated to its length. */
const KEPT_CHARACTERS = 100_000;

async function main(): Promise<number> {
  let failed = 0;
  for (const [target, run] of Object.entries(TARGETS)) {
    const started = Date.now();
    const result = await fc.check(
      fc.asyncProperty(adversarialText, async (text) => {
        const before = process.cpuUsage();
        await run(text);
        const { user, system } = process.cpuUsage(before);
        if ((user + system) / 1000 > BUDGET_MS) throw new Error(`took ${Math.round((user + system) / 1000)} ms of CPU, over the budget of ${BUDGET_MS} ms`);
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    if (!result.failed) {
      process.stdout.write(`${target}: ${runs} inputs, no failure (${Date.now() - started} ms)\n`);
      continue;
    }
    failed++;
    const [input] = result.counterexample as [string];
    process.stdout.write(`${target}: FAILED (seed ${result.seed}, path ${result.counterexamplePath}): ${String(result.errorInstance)}\n`);
    keep({ target, pieces: [[input.slice(0, KEPT_CHARACTERS), 1]], why: `npm run fuzz, seed ${result.seed}: ${String(result.errorInstance).split('\n')[0]}` });
  }
  return failed ? 1 : 0;
}

/** Added to the inputs the unit tests replay, unless it is there already. */
function keep(failure: KeptFailure): void {
  const kept = JSON.parse(readFileSync(FAILURES_FILE, 'utf8')) as KeptFailure[];
  if (kept.some((k) => k.target === failure.target && JSON.stringify(k.pieces) === JSON.stringify(failure.pieces))) return;
  writeFileSync(FAILURES_FILE, `[\n${[...kept, failure].map((k) => `  ${JSON.stringify(k)}`).join(',\n')}\n]\n`);
}

void main().then((code) => (process.exitCode = code));
