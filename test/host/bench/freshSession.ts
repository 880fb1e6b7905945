/**
 * The second session of `npm run bench:host`: a new code-server on the first session's profile,
 * so the extension's caches (in its global storage) are there, on a workspace whose settings
 * already name the generated library. Times the start as a user meets it: from activating the
 * extension until the tree holds the papers and search finds them, and the longest the
 * extension host was held meanwhile; then a library file added beside them. The host loads
 * this file as it would the test suite.
 */
import * as vscode from 'vscode';
import type { LiteratureNotesApi } from '../../../src/api';
import { testedApi } from '../suite/host';
import { EXTENSION_ID } from '../suite/host';
import { recordFigures } from './figures';
import { libraryChangeFigures, measureLoad, printLoads } from './largeLibrary';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<LiteratureNotesApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  // Nothing here opens a note or the sidebar, which would activate it first; if something did, the figure starts late.
  const wasActive = extension.isActive;
  if (wasActive) console.log('The extension was already active: the fresh session figures do not start at its activation.');
  const load = await measureLoad(async () => ({ api: testedApi(await extension.activate()) }));
  printLoads([['fresh session, from activation (cached index)', load]]);
  const libraryChanges = await libraryChangeFigures(testedApi(extension.exports));
  console.log('\nlibrary changed                                 paper in the tree ms  found by search ms  longest stall ms (ran / waited)  longest GC pause ms');
  for (const [what, change] of [
    ['a file of one paper added to the setting', libraryChanges.addedFile],
    ['a paper appended to that file', libraryChanges.editedFile],
    ['a paper appended to the generated library', libraryChanges.editedLibrary],
  ] as const) {
    const { ms, runningMs, waitingMs } = change.longestStall;
    const stall = `${ms.toFixed(0)} (${runningMs?.toFixed(0) ?? '?'} / ${waitingMs?.toFixed(0) ?? '?'})`;
    console.log(`${what.padEnd(46)}  ${change.treeMs.toFixed(0).padStart(20)}  ${change.searchMs.toFixed(0).padStart(18)}  ${stall.padStart(31)}  ${change.longestGcMs.toFixed(0).padStart(19)}`);
  }
  console.log();
  recordFigures({ freshSession: { ...load, wasActive }, libraryChanges });
}
