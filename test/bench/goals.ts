/**
 * `npm run bench [-- --papers N]`: issue #5's figures in one run. The core against raw MiniSearch
 * (bench.ts, `npm run bench:core`), then the extension host (`npm run bench:host`) on the same
 * generated papers, N of them (100,000 by default); then the host's figures against the goals,
 * with ratios to raw MiniSearch's figures from this run. Prints figures; asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { HostFigures, LibraryChangeFigure, LoadFigures, Stall } from '../host/bench/figures';
import type { CoreFigures } from './bench';

interface Row {
  readonly goal: string;
  readonly target: string;
  readonly measured: number | undefined;
  /** Raw MiniSearch's figure that the goal compares with, if any. */
  readonly raw?: number;
  /** Undefined for a figure shown beside a goal, to read it by, with no target of its own. */
  readonly met?: (measured: number) => boolean;
  readonly unit?: 'ms' | 'bytes' | 'share';
}

const infoRow = (goal: string, measured: number | undefined): Row => ({ goal, target: '', measured });

/** At most `max` times raw MiniSearch's figure. */
const ratioRow = (goal: string, measured: number | undefined, raw: number, max: number, unit: Row['unit'] = 'ms'): Row => ({
  goal,
  target: max === 1 ? 'below raw' : `≤ 1/${1 / max} raw`,
  measured,
  raw,
  met: (m) => (max === 1 ? m < raw : m <= max * raw),
  unit,
});

/** A share (recall) at least raw MiniSearch's. */
const atLeastRawRow = (goal: string, measured: number | undefined, raw: number): Row => ({ goal, target: '≥ raw', measured, raw, met: (m) => m >= raw, unit: 'share' });

const limitRow = (goal: string, measured: number | undefined, maxMs: number): Row => ({
  goal,
  target: maxMs >= 1000 ? `< ${maxMs / 1000} s` : `< ${maxMs} ms`,
  measured,
  met: (m) => m < maxMs,
});

/** A change to the library (see `libraryChangeFigures`): within a second, and never holding the host's thread past 50 ms. */
const libraryChangeRows = (what: string, change: LibraryChangeFigure | undefined): Row[] => [
  limitRow(`${what}: its paper in the tree`, change?.treeMs, 1000),
  limitRow('  and found by search', change?.searchMs, 1000),
  limitRow('  longest host stall meanwhile', change?.longestStall.ms, 50),
];

function papersArgument(): number {
  const at = process.argv.indexOf('--papers');
  const papers = at > 0 ? Number(process.argv[at + 1]) : 100_000;
  if (!Number.isInteger(papers) || papers < 1000) throw new Error('--papers takes a whole number of at least 1000');
  return papers;
}

/** Runs an npm script with the terminal attached; its duration in seconds. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = Date.now();
  const { status } = spawnSync('npm', ['run', '-s', script, '--', ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) console.log(`\nnpm run ${script} exited with ${status}; the table shows what it measured.`);
  return (Date.now() - started) / 1000;
}

function goalRows(core: CoreFigures, host: HostFigures, papers: number): Row[] {
  const { ours, raw } = core;
  const { firstLoad, reload, freshSession } = host;
  return [
    ratioRow('search p95, host (via the API)', host.search?.p95, raw.p95, 1 / 20),
    ratioRow('search p95, core', ours.p95, raw.p95, 1 / 20),
    limitRow('hover p95, host: the round trip through VS Code', host.hover?.p95, 5),
    infoRow("  VS Code's part alone: the same hovers made in advance", host.hoverReplay?.p95),
    limitRow('  our provider alone, asked in the host', host.hoverProvider?.p95, 5),
    infoRow('  as seen in the browser: Ctrl+K Ctrl+I to the hover in the page', host.hoverSeen?.p95),
    limitRow('completion p95, host: the round trip through VS Code', host.completion?.p95, 5),
    infoRow("  VS Code's part alone: the same lists made in advance", host.completionReplay?.p95),
    limitRow('  our provider alone, asked in the host', host.completionProvider?.p95, 5),
    infoRow('  as seen in the browser: Ctrl+Space to the list in the page', host.completionSeen?.p95),
    limitRow('completion lookup p95, core', ours.completionP95, 5),
    limitRow(`fresh session${freshSession?.wasActive ? ' (ALREADY ACTIVE)' : ''}: activation to sidebar themes`, freshSession?.themesMs, 1000),
    limitRow('fresh session: activation to every paper listed', freshSession?.treeMs, 1000),
    limitRow('fresh session: search usable', freshSession?.searchMs, 3000),
    limitRow('fresh session: longest host stall, to search usable', freshSession?.longestStall.ms, 50),
    limitRow(`  then until related papers are ${freshSession?.related ?? 'ready'} (background)`, freshSession?.backgroundStall.ms, 50),
    limitRow('first load (uncached): longest host stall, to search usable', firstLoad?.longestStall.ms, 50),
    limitRow(`  then until related papers are ${firstLoad?.related ?? 'ready'} (background)`, firstLoad?.backgroundStall.ms, 50),
    ...libraryChangeRows('a library file of one paper added', host.libraryChanges?.addedFile),
    ...libraryChangeRows('a paper appended to that file', host.libraryChanges?.editedFile),
    ...libraryChangeRows(`a paper appended to the ${papers}-paper file`, host.libraryChanges?.editedLibrary),
    limitRow('Reload Library (cached): search usable', reload?.searchMs, 3000),
    limitRow('Reload Library (cached): longest host stall, to search usable', reload?.longestStall.ms, 50),
    limitRow(`  then until related papers are ${reload?.related ?? 'ready'} (background)`, reload?.backgroundStall.ms, 50),
    // "Responsive" read as the 0.1 s within which a response feels immediate.
    limitRow('open the largest theme in the sidebar, p95', host.openTheme?.p95, 100),
    limitRow('open its ranges down to a page of papers, p95', host.openPage?.p95, 100),
    infoRow('themes, core: keyword theming (before issue #18)', core.theming?.keyword),
    infoRow('themes, core: found from the papers, then the definitions (now)', core.theming?.discovered),
    limitRow('  its longest step between pauses (what it holds a thread at once)', core.theming?.longestStep, 50),
    ratioRow('cached index load, core (vs raw loadJSON)', ours.indexLoad, raw.indexLoad, 1 / 5),
    ratioRow('heap after load, core', ours.heap, raw.heap, 1, 'bytes'),
    atLeastRawRow('recall@10, three abstract-only words, core', ours.abstractRecall, raw.abstractRecall),
    atLeastRawRow('recall@10, family name and year, core', ours.authorYearRecall, raw.authorYearRecall),
    atLeastRawRow('known item (a title with a typo or cut short) first, core', ours.hits, raw.hits),
  ];
}

function printGoals(papers: number, rows: readonly Row[], host: HostFigures): void {
  const { firstLoad } = host;
  const format = (value: number | undefined, unit: Row['unit'] = 'ms') =>
    value === undefined
      ? '—'
      : unit === 'bytes'
        ? `${(value / 2 ** 20).toFixed(1)} MB`
        : unit === 'share'
          ? `${(value * 100).toFixed(0)} %`
          : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  const width = Math.max(...rows.map((r) => r.goal.length));
  console.log(`\nIssue #5 and #19 goals at ${papers} papers (raw = raw MiniSearch: prefix, fuzzy 0.2, title boost; same papers, this run)`);
  console.log(`${'goal'.padEnd(width)}  ${'target'.padEnd(13)}${'measured'.padStart(11)}${'raw'.padStart(11)}${'ratio'.padStart(8)}  met`);
  for (const row of rows) {
    const ratio = row.measured !== undefined && row.raw ? (row.measured / row.raw).toFixed(3) : '';
    const met = !row.met ? '' : row.measured === undefined ? '?' : row.met(row.measured) ? 'yes' : 'NO';
    console.log(
      `${row.goal.padEnd(width)}  ${row.target.padEnd(13)}${format(row.measured, row.unit).padStart(11)}${(row.raw === undefined ? '' : format(row.raw, row.unit)).padStart(11)}${ratio.padStart(8)}  ${met}`,
    );
  }
  console.log(`(first load, uncached: to tree ${format(firstLoad?.treeMs)}, search usable ${format(firstLoad?.searchMs)}; that it shows VS Code's progress is not timed here)`);
  const split = (stall?: Stall) => `${format(stall?.runningMs)} ran, ${format(stall?.waitingMs)} waited`;
  const splits = (load?: LoadFigures) => `${split(load?.longestStall)}; ${split(load?.backgroundStall)}`;
  console.log(
    `(in the tick that saw each longest stall, to search usable; in the background, the host's thread ran, or waited for a CPU given to other processes: fresh session ${splits(host.freshSession)}; first load ${splits(firstLoad)}; Reload ${splits(host.reload)})`,
  );
}

function main(): void {
  const papers = papersArgument();
  const folder = mkdtempSync(path.join(tmpdir(), 'literature-notes-goals-'));
  const coreFile = path.join(folder, 'core.json');
  const hostFile = path.join(folder, 'host.json');
  try {
    const coreSeconds = runScript('bench:core', ['--sizes', String(papers), '--json', coreFile]);
    const hostSeconds = runScript('bench:host', ['--papers', String(papers)], { LITERATURE_NOTES_BENCH_FIGURES: hostFile });
    if (!existsSync(coreFile)) throw new Error('the core benchmark wrote no figures');
    const [core] = JSON.parse(readFileSync(coreFile, 'utf8')) as CoreFigures[];
    const host = existsSync(hostFile) ? (JSON.parse(readFileSync(hostFile, 'utf8')) as HostFigures) : {};
    printGoals(papers, goalRows(core, host, papers), host);
    console.log(`core benchmark ${coreSeconds.toFixed(0)} s, host benchmark ${hostSeconds.toFixed(0)} s`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main();
