/**
 * The extension host on a generated 10,000-paper library: from the load's start to a populated
 * sidebar, the longest the host's event loop was held meanwhile, and search through the API.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperEntry } from '../../../src/core/paper';
import { generatePapers, seedFormat } from '../../bench/generateLibrary';
import { eventually, extensionApi } from '../suite/host';
import { print, timed } from './figures';

const PAPERS = 10_000;
const PROBE_MS = 10;

/** The longest a 10 ms timer fired late while `work` ran: how long the event loop was held at a time. */
async function withStallProbe<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestStallMs: number }> {
  let longestStallMs = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last - PROBE_MS);
    last = now;
  }, PROBE_MS);
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    // The tick that measures a stall runs only after it, later than the work's own continuation.
    await new Promise((resolve) => setTimeout(resolve, 2 * PROBE_MS));
    return { result, ms, longestStallMs };
  } finally {
    clearInterval(probe);
  }
}

export async function largeLibraryBench(seeds: readonly PaperEntry[]): Promise<void> {
  const api = await extensionApi();
  const settings = vscode.workspace.getConfiguration('literatureNotes');
  const librariesBefore = settings.inspect<string[]>('libraries')?.workspaceValue;
  const folder = mkdtempSync(path.join(tmpdir(), 'literature-notes-bench-'));
  const file = path.join(folder, `generated-${PAPERS}.txt`);
  const papers = generatePapers(seeds, PAPERS);
  writeFileSync(file, seedFormat(papers));
  const populated = async () => (await api.sidebar()).reduce((n, t) => n + t.papers.length, 0) >= PAPERS;
  try {
    // The setting's change starts the load; the first parse and index of these papers.
    const first = await withStallProbe(async () => {
      await settings.update('libraries', [file], vscode.ConfigurationTarget.Workspace);
      await eventually(async () => (await api.search(papers[0].title, 1))[0]?.paper.title === papers[0].title, 'the generated papers', 120_000);
      return populated();
    });
    // The index cache is written after the load; give it time before reloading from it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const reload = await withStallProbe(async () => {
      await vscode.commands.executeCommand('literatureNotes.reloadLibrary');
      return populated();
    });

    console.log(`\nGenerated library: ${PAPERS} papers (and the seeds) in ${file}`);
    console.log('load                                                   to populated tree ms   longest stall ms');
    for (const [what, load] of [
      ['first load (setting changed; parse and index, uncached)', first],
      ['Reload Library (files unchanged; cached index)', reload],
    ] as const) {
      if (!load.result) console.log(`${what}: the tree did not show every paper`);
      console.log(`${what.padEnd(55)}  ${load.ms.toFixed(0).padStart(20)}  ${load.longestStallMs.toFixed(0).padStart(17)}`);
    }

    const queries = papers.filter((_, i) => i % 97 === 0).flatMap((p) => [p.title, p.title.split(' ').slice(0, 3).join(' '), p.title.slice(0, 6)]);
    print([await timed(`search via the API, ${PAPERS} papers (${queries.length} queries: titles, first words, 6 letters)`, queries.length, (i) => api.search(queries[i % queries.length]))]);
  } finally {
    await settings.update('libraries', librariesBefore, vscode.ConfigurationTarget.Workspace);
    await eventually(async () => (await api.themes()).flatMap((t) => t.papers).length < PAPERS, 'the library as it was', 60_000);
    rmSync(folder, { recursive: true, force: true });
  }
}
