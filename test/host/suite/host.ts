import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiteratureNotesApi, LiteratureNotesTesting } from '../../../src/api';
import { PaperLibrary } from '../../../src/core/model/library';
import { readLibrarySources, readThemeDefinitions, seedLibraryFiles } from '../../../src/node/libraryFiles';

/** Shared by the host tests: the running extension, and the fixture workspace's notes. */

export const EXTENSION_ID = 'literature-notes.literature-notes';

/** The public API and the test surface side by side, as the tests read them. */
export type TestedApi = Omit<LiteratureNotesApi, 'testing'> & LiteratureNotesTesting;

export async function extensionApi(): Promise<TestedApi> {
  const extension = vscode.extensions.getExtension<LiteratureNotesApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return testedApi(await extension.activate());
}

export function testedApi(api: LiteratureNotesApi): TestedApi {
  return { ...api, ...api.testing };
}

/** The folder of the shipped seed papers. */
export function seedsFolder(): string {
  return path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'seeds');
}

/** The shipped seed papers as a library of their own, built by the core as the extension builds its own. */
export async function seedLibrary(): Promise<PaperLibrary> {
  const seeds = seedsFolder();
  const { sources } = await readLibrarySources(seedLibraryFiles(seeds));
  return PaperLibrary.fromSources(sources, { themes: readThemeDefinitions(path.join(seeds, 'themes.json')).themes });
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests open test/host/workspace');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

/**
 * A fresh, unsaved Markdown editor with `text`, so tests never change the fixture files.
 * Right after a test closes its notes, VS Code may hand back the closed untitled note of the
 * same name, old text and all; then another is opened.
 */
export function scratchNote(text: string): Promise<vscode.TextEditor> {
  return eventually(async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    const editor = await vscode.window.showTextDocument(document);
    return editor.document.getText() === text ? editor : undefined;
  }, 'a scratch note with the text asked for');
}

/** Reverts and closes every tab, so no test sees another's notes and no save prompt appears. */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Hover text as a reader sees it: without Markdown's backslash escapes. */
export function plainHoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/\\(.)/g, '$1')
    .replace(/&(lt|gt|amp);/g, (_, entity: 'lt' | 'gt' | 'amp') => ({ lt: '<', gt: '>', amp: '&' })[entity]);
}

/** Polls until `probe` gives a value, for UI that settles asynchronously. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
