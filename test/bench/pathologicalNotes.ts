// `npm run bench:notes`: the CPU time hovers, diagnostics and completion take on the notes of issue 17, each against its budget.
import { partialCitationAt } from '../../src/core/notes/citationContext';
import { NoteScanCache } from '../../src/core/notes/noteScanCache';
import { NoteScanner } from '../../src/core/notes/noteScanner';
import { UnknownCitationFinder } from '../../src/core/notes/unknownCitations';
import { PATHOLOGICAL_NOTES } from '../unit/adversarial';
import { loadSeedLibrary } from '../unit/seedLibrary';

/** What one request may take, in CPU milliseconds, on one of these notes: the first request, nothing cached. */
const BUDGET_MS = Number(process.env.BUDGET_MS ?? 0) || 1_000;

/** CPU time, not the clock's: on a shared machine the clock counts other processes' turns too. */
function cpuMs(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

const library = loadSeedLibrary();
const scanner = new NoteScanner(library.papers);
const isKnown = (key: string) => library.paperByKey(key) !== undefined;
// The parsers' first use compiles them: not a note's cost.
cpuMs(() => new NoteScanCache(scanner).scan('warm up [@limo] *a* [b](c)'));

const requests: Record<string, (note: string) => unknown> = {
  'hover (scan)': (note) => new NoteScanCache(scanner).scan(note),
  diagnostics: (note) => new UnknownCitationFinder().find(note, isKnown),
  'completion at the end': (note) => partialCitationAt(note, note.length),
  'completion in the middle': (note) => partialCitationAt(note, note.length >> 1),
};

let over = 0;
process.stdout.write(`CPU ms per request (budget ${BUDGET_MS} ms)\n`);
for (const [name, note] of Object.entries(PATHOLOGICAL_NOTES)) {
  const times = Object.entries(requests).map(([request, run]) => [request, cpuMs(() => run(note))] as const);
  over += times.filter(([, ms]) => ms > BUDGET_MS).length;
  process.stdout.write(`${name.padEnd(36)} ${times.map(([request, ms]) => `${request} ${ms.toFixed(0)}${ms > BUDGET_MS ? ' OVER' : ''}`).join(' · ')}\n`);
}
process.exitCode = over ? 1 : 0;
