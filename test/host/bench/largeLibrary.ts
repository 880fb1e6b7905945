/**
 * The extension host on the generated library that `runTests.ts --bench` writes (`--papers`,
 * 10,000 by default): its first, uncached load and Reload Library from the cached index, each
 * until the tree holds the papers and until search finds one, with the longest the host's event
 * loop was held meanwhile; then hovers, completion and search with the library loaded.
 * freshSession.ts, the second session, times the next start on the caches this one leaves.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { Paper } from '../../../src/core/model/paper';
import { seedFormat } from '../../bench/generateLibrary';
import { makeQueries } from '../../bench/queries';
import { closeAllEditors, eventually, extensionApi, plainHoverText, scratchNote, type TestedApi } from '../suite/host';
import { type Figure, type LibraryChangeFigure, type LibraryChangeFigures, type LoadFigures, print, recordFigures, type Stall, timed } from './figures';

/** What runTests.ts --bench passes in LITERATURE_NOTES_BENCH_LIBRARY. */
export interface GeneratedLibrary {
  readonly file: string;
  readonly papers: number;
  /** The title of one of its papers, for search to find. */
  readonly title: string;
}

export function generatedLibrary(): GeneratedLibrary {
  const json = process.env.LITERATURE_NOTES_BENCH_LIBRARY;
  if (!json) throw new Error('run through runTests.ts --bench, which writes the generated library');
  return JSON.parse(json) as GeneratedLibrary;
}

const PROBE_MS = 10;
/** Stalls shorter than this do not break a quiet spell (untilQuiet). */
const QUIET_STALL_MS = 20;
/** Generous: the first, uncached load of 100,000 papers has taken minutes. */
const LOAD_TIMEOUT_MS = 15 * 60_000;
/** Papers cited, hovered and completed in the notes. */
const SAMPLE = 50;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 10 ms timer that notes how late it fires: how long the host's event loop is held at a time;
 * and V8's garbage-collection pauses meanwhile, which hold it too, whatever the code does. Of
 * the longest stall, also how long the host's main thread ran and how long it waited for a CPU
 * (Linux's schedstat), over the tick that saw it: waiting is time the machine gave to other
 * processes (code-server's browser and server share two cores here), not time the extension
 * held the thread.
 */
function stallProbe() {
  let longest: Stall = { ms: 0 };
  let longestGcMs = 0;
  let last = performance.now();
  let lastSchedule = mainThreadSchedule();
  let lastStall = last;
  const timer = setInterval(() => {
    const now = performance.now();
    const schedule = mainThreadSchedule();
    const ms = now - last - PROBE_MS;
    if (ms > longest.ms) {
      const spent = (field: 'runNs' | 'waitNs') => (schedule && lastSchedule ? (schedule[field] - lastSchedule[field]) / 1e6 : undefined);
      longest = { ms, runningMs: spent('runNs'), waitingMs: spent('waitNs') };
    }
    if (ms > QUIET_STALL_MS) lastStall = now;
    last = now;
    lastSchedule = schedule;
  }, PROBE_MS);
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGcMs = Math.max(longestGcMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  return {
    quietForMs: () => performance.now() - lastStall,
    /** The longest stall and the longest GC pause; first a tick more, since the tick that measures a stall runs only after it. */
    async stop(): Promise<{ longestStall: Stall; longestGcMs: number }> {
      await delay(2 * PROBE_MS);
      clearInterval(timer);
      gc.disconnect();
      return { longestStall: longest, longestGcMs };
    },
  };
}

/** How long, in all, the host's main thread has run and waited for a CPU: its schedstat; undefined off Linux. */
function mainThreadSchedule(): { runNs: number; waitNs: number } | undefined {
  try {
    const [runNs, waitNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { runNs, waitNs };
  } catch {
    return undefined;
  }
}

/** Until the host's event loop has been free for `ms` at a stretch, as after a load once its index cache is written. */
async function untilQuiet(ms = 3000): Promise<void> {
  const probe = stallProbe();
  try {
    await eventually(() => probe.quietForMs() >= ms, 'the extension host to settle', LOAD_TIMEOUT_MS);
  } finally {
    await probe.stop();
  }
}

const paperCount = (themes: readonly { papers: readonly unknown[] }[]) => themes.reduce((n, t) => n + t.papers.length, 0);

/**
 * Times the load `start` begins: until api.themes() holds every generated paper (and the load
 * `start` may hand back has ended: on a reload the old library holds them too); until search
 * finds a generated title, with the longest stall of the host until the index was made (the
 * search itself, which the user asks for, left out); then until related papers are ready
 * (restored from the cache or made in the background), with the longest stall meanwhile.
 * Every API call waits for the load under way, so polling them costs the host nothing while
 * it loads.
 */
export async function measureLoad(start: () => Promise<{ api: TestedApi; loaded?: PromiseLike<unknown> }>): Promise<LoadFigures> {
  const { papers, title } = generatedLibrary();
  const probe = stallProbe();
  try {
    const started = performance.now();
    const since = () => performance.now() - started;
    const { api, loaded } = await start();
    const shownCount = () => api.sidebarThemes().reduce((n, { count }) => n + count, 0);
    const [themesMs] = await Promise.all([
      whenTrue(() => shownCount() >= papers, since),
      eventually(async () => paperCount(await api.themes()) >= papers, 'every generated paper in the tree', LOAD_TIMEOUT_MS),
      loaded,
    ]);
    const treeMs = since();
    await api.indexState();
    const { longestStall, longestGcMs } = await probe.stop();
    await eventually(async () => (await api.search(title, 1))[0]?.paper.title === title, 'search to find a generated title', LOAD_TIMEOUT_MS);
    const searchMs = since();
    const background = stallProbe();
    const related = await api.relatedReady();
    const relatedMs = since();
    const { longestStall: backgroundStall, longestGcMs: backgroundGcMs } = await background.stop();
    return { themesMs, treeMs, searchMs, longestStall, longestGcMs, related, relatedMs, backgroundStall, backgroundGcMs };
  } finally {
    await probe.stop();
  }
}

/** `since()` when `holds()` first does, checked every 5 ms: for what can be read without waiting on the load. */
async function whenTrue(holds: () => boolean, since: () => number): Promise<number> {
  while (!holds()) {
    if (since() > LOAD_TIMEOUT_MS) throw new Error('timed out waiting for the sidebar to count every generated paper');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return since();
}

/**
 * The library changed as a user changes it, one change after another, each timed until the
 * sidebar lists the paper it adds and until search finds that paper (the issue asks for a
 * second), with the host's longest stall until then: a second library file of one paper added
 * to the setting; a paper appended to that file on disk; a paper appended to the generated
 * library's own file. Then the files are set back, and those loads and their caches waited
 * for, so that the next session starts on the generated library's caches.
 */
export async function libraryChangeFigures(api: TestedApi): Promise<LibraryChangeFigures> {
  const { file } = generatedLibrary();
  const original = readFileSync(file);
  const added = path.join(path.dirname(file), 'added.txt');
  const towels = { title: 'Folding Towels with Two Robot Arms from a Handful of Demonstrations', abstract: 'We fold towels with two robot arms, learning from five demonstrations.' };
  const shirts = { title: 'Buttoning Shirts with a Dexterous Hand Taught by Video', abstract: 'A dexterous robot hand learns to button shirts from videos of people.' };
  const socks = { title: 'Pairing Socks by Colour and Pattern with a Mobile Manipulator', abstract: 'A mobile manipulator pairs socks from a laundry basket by their colour and pattern.' };
  writeFileSync(added, seedFormat([towels]));
  const libraries = vscode.workspace.getConfiguration('literatureNotes');
  const addedFile = await timeChange(api, towels.title, () => libraries.update('libraries', [file, added], vscode.ConfigurationTarget.Workspace));
  // Written by another program, as by an editor: from the host, writing 30 MB at once held it
  // for 100 ms and more, and in chunks took 0.9 s of its busy event loop.
  const editedFile = await timeChange(api, shirts.title, writtenByAnother(added, seedFormat([towels, shirts])));
  const longer = Buffer.concat([original, seedFormat([socks]).subarray('Saved page header\n'.length)]);
  const editedLibrary = await timeChange(api, socks.title, writtenByAnother(file, longer));
  await writeFile(file, original);
  await libraries.update('libraries', [file], vscode.ConfigurationTarget.Workspace);
  await eventually(async () => !(await listed(api, towels.title)) && !(await listed(api, socks.title)), 'the added papers to be gone', LOAD_TIMEOUT_MS);
  await api.indexState();
  await api.relatedReady();
  await untilQuiet();
  return { addedFile, editedFile, editedLibrary };
}

/** A change that copies `content`, written beforehand (untimed) beside `file`, over `file` in another process. */
function writtenByAnother(file: string, content: Uint8Array): () => Promise<unknown> {
  const next = `${file}.next`;
  writeFileSync(next, content);
  return () => promisify(execFile)('cp', [next, file]).finally(() => rmSync(next));
}

const listed = async (api: TestedApi, title: string) => (await api.themes()).some((t) => t.papers.some((p) => p.title === title));

async function timeChange(api: TestedApi, title: string, change: () => PromiseLike<unknown>): Promise<LibraryChangeFigure> {
  const probe = stallProbe();
  try {
    const started = performance.now();
    await change();
    await eventually(() => listed(api, title), `"${title}" in the tree`, LOAD_TIMEOUT_MS);
    const treeMs = performance.now() - started;
    await eventually(async () => (await api.search(title, 1))[0]?.paper.title === title, `search to find "${title}"`, LOAD_TIMEOUT_MS);
    const searchMs = performance.now() - started;
    const { longestStall, longestGcMs } = await probe.stop();
    // The next change once this one's caches are written, as a user's next edit would come.
    await untilQuiet(1000);
    return { treeMs, searchMs, longestStall, longestGcMs };
  } finally {
    await probe.stop();
  }
}

export function printLoads(loads: readonly [string, LoadFigures][]): void {
  const width = Math.max(...loads.map(([what]) => what.length));
  const ms = (value: number | undefined, width: number) => (value === undefined ? '?' : value.toFixed(0)).padStart(width);
  const stall = (s: Stall, width: number) => `${ms(s.ms, 0)} (${ms(s.runningMs, 0)} / ${ms(s.waitingMs, 0)})`.padStart(width);
  console.log(
    `\n${'load'.padEnd(width)}  to themes ms  to tree ms  search usable ms  longest stall ms (ran / waited)  longest GC pause ms  related papers ready ms  then longest stall (ran / waited)  GC pause ms`,
  );
  for (const [what, l] of loads) {
    console.log(
      `${what.padEnd(width)}  ${ms(l.themesMs, 12)}  ${ms(l.treeMs, 10)}  ${ms(l.searchMs, 16)}  ${stall(l.longestStall, 31)}  ${ms(l.longestGcMs, 19)}  ${`(${l.related}) ${ms(l.relatedMs, 0)}`.padStart(23)}  ${stall(l.backgroundStall, 33)}  ${ms(l.backgroundGcMs, 11)}`,
    );
  }
}

/**
 * The same round trips with only VS Code's part in them: on a plain-text copy of the note, a
 * provider hands back what ours answered, made in advance. What ours takes beyond that is its own.
 */
async function replayFigure(what: string, text: string, register: (selector: vscode.DocumentSelector) => vscode.Disposable, ask: (uri: vscode.Uri, i: number) => Thenable<unknown>): Promise<Figure> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
  await vscode.window.showTextDocument(document);
  const provider = register({ language: 'plaintext' });
  try {
    return await timed(what, 200, (i) => ask(document.uri, i));
  } finally {
    provider.dispose();
  }
}

/** A hover on the key of each sampled paper cited in a note, in turn; then the same hovers replayed, and asked of our provider alone. */
async function hoverFigures(api: TestedApi, sample: readonly Paper[]): Promise<[Figure, Figure, Figure]> {
  const lead = (i: number) => `Paragraph ${i} cites [@`;
  const text = sample.map((p, i) => `${lead(i)}${p.key}] on how models learn.\n`).join('\n');
  const { document } = await scratchNote(text);
  const position = (i: number) => new vscode.Position(2 * (i % sample.length), lead(i % sample.length).length + 1);
  const hover = (uri: vscode.Uri, i: number) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position(i));
  const answers: vscode.Hover[][] = [];
  for (let i = 0; i < sample.length; i++) answers.push(await hover(document.uri, i));
  const named = answers.filter((answer, i) => plainHoverText(answer).includes(sample[i].title)).length;
  const ours = await timed(`hover on a generated paper's key (${named}/${sample.length} hovers name the paper)`, 200, (i) => hover(document.uri, i));
  const replay = await replayFigure(
    "  the same hovers, VS Code's part alone (made in advance)",
    text,
    (selector) => vscode.languages.registerHoverProvider(selector, { provideHover: (_, at) => answers[at.line / 2][0] }),
    hover,
  );
  const alone = await timed('  our provider alone, asked in the host', 200, (i) => api.provideHover(document.uri, position(i)));
  return [ours, replay, alone];
}

/** Completion after `[@` and half the sampled papers' key starts, half their first title words, in turn; then the same lists replayed, and asked of our provider alone. */
async function completionFigures(api: TestedApi, sample: readonly Paper[]): Promise<[Figure, Figure, Figure]> {
  const typed = sample.map((p, i) => (i % 2 ? p.key.slice(0, 5) : p.title.split(/\W+/).filter(Boolean).slice(0, 2).join(' ').toLowerCase()));
  // Paragraphs apart, so that no unclosed `[@` runs on into the next query.
  const text = typed.map((t) => `Compare [@${t}`).join('\n\n');
  const { document } = await scratchNote(text);
  const position = (i: number) => document.lineAt(2 * (i % sample.length)).range.end;
  const complete = (uri: vscode.Uri, i: number) => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position(i));
  const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
  const answers: vscode.CompletionList[] = [];
  for (let i = 0; i < sample.length; i++) answers.push(await complete(document.uri, i));
  const keys = answers.map((answer) => answer.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference).map(label));
  const offered = keys.filter((k) => k.length).length;
  const typedPaper = keys.filter((k, i) => k.includes(sample[i].key)).length;
  const ours = await timed(`completion after [@ and a key's start or title words (${offered}/${sample.length} offer keys, ${typedPaper} the paper typed)`, 200, (i) =>
    complete(document.uri, i),
  );
  const replay = await replayFigure(
    "  the same lists, VS Code's part alone (made in advance)",
    text,
    (selector) => vscode.languages.registerCompletionItemProvider(selector, { provideCompletionItems: (_, at) => answers[at.line / 2] }),
    complete,
  );
  const alone = await timed('  our provider alone, asked in the host', 200, (i) => api.provideCompletion(document.uri, position(i)));
  return [ours, replay, alone];
}

/**
 * Expanding the sidebar's largest theme, as the view asks for it: its children's items; then
 * its first range, and that range's first, down to a page of papers (all levels timed together).
 */
async function largestThemeFigures(api: TestedApi): Promise<Figure[]> {
  const themes = await api.sidebarChildren();
  const largest = themes.reduce((a, b) => (Number(b.description) > Number(a.description) ? b : a));
  const ids = [largest.id!];
  let page = await api.sidebarChildren(ids);
  const ranges = page.length;
  while (page[0]?.contextValue === 'titles') {
    ids.push(page[0].id!);
    page = await api.sidebarChildren(ids);
  }
  return [
    await timed(`open the largest theme (${largest.description} papers): its ${ranges} title ranges`, 100, () => api.sidebarChildren([largest.id!])),
    await timed(`open its first ranges down to a page of ${page.length} papers (${ids.length - 1} levels below the theme)`, 100, () => api.sidebarChildren(ids)),
  ];
}

export async function largeLibraryBench(): Promise<void> {
  const { file, papers } = generatedLibrary();
  const api = await extensionApi();
  // The setting's change starts the first parse and index of these papers. The setting stays:
  // the next session (freshSession.ts) starts on the caches that this library's loads leave.
  const firstLoad = await measureLoad(async () => {
    await vscode.workspace.getConfiguration('literatureNotes').update('libraries', [file], vscode.ConfigurationTarget.Workspace);
    return { api };
  });
  // The index cache is written after the load, holding the host a while: the reload should find it.
  await untilQuiet();
  const reload = await measureLoad(async () => ({ api, loaded: vscode.commands.executeCommand('literatureNotes.reloadLibrary') }));
  console.log(`\nGenerated library: ${papers} papers (and the seeds) in ${file}`);
  printLoads([
    ['first load (setting changed; parse and index, uncached)', firstLoad],
    ['Reload Library (files unchanged; cached index)', reload],
  ]);

  const themes = await api.themes();
  const generated = themes
    .flatMap((t) => t.papers)
    .filter((p) => path.basename(p.file) === path.basename(file))
    .sort((a, b) => a.line - b.line);
  const sample = generated.filter((_, i) => i % Math.floor(generated.length / SAMPLE) === 0).slice(0, SAMPLE);
  const [hover, hoverReplay, hoverProvider] = await hoverFigures(api, sample);
  await closeAllEditors();
  const [completion, completionReplay, completionProvider] = await completionFigures(api, sample);
  await closeAllEditors();
  const queries = makeQueries(
    generated.map((p) => p.title),
    generated.map((p) => p.abstract),
    200,
  );
  const search = await timed(`search via the API (${queries.length} queries, the core benchmark's mix)`, queries.length, (i) => api.search(queries[i % queries.length].text, 10));
  const [openTheme, openPage] = await largestThemeFigures(api);
  print([hover, hoverReplay, hoverProvider, completion, completionReplay, completionProvider, search, openTheme, openPage]);
  // Last: its 100,000 tree items hold the host for seconds and leave much garbage, which is not
  // to be collected during the figures above. Timed only to explain that pause: the view
  // itself makes items only for the nodes expanded.
  const snapshotStart = performance.now();
  const shown = paperCount(await api.sidebar());
  const snapshotMs = performance.now() - snapshotStart;
  console.log(`api.sidebar() shows ${shown} papers (its snapshot of every paper's item took ${snapshotMs.toFixed(0)} ms); the largest theme has ${Math.max(...themes.map((t) => t.papers.length))}.`);
  recordFigures({ firstLoad, reload, hover, hoverReplay, hoverProvider, completion, completionReplay, completionProvider, search, openTheme, openPage });
}
