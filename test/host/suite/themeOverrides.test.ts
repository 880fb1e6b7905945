import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readLibrary } from '../../../src/core/formats/libraryContent';
import { generatePapers, seedFormat } from '../../bench/generateLibrary';
import { closeAllEditors, eventually, extensionApi, seedsFolder, workspaceFile } from './host';

const settings = () => vscode.workspace.getConfiguration('literatureNotes');
/** File events reach the watcher late on a busy machine. */
const WATCHED_MS = 30_000;
// The extension runs from the repository, whose test fixtures sit beside its seeds.
const fixture = (name: string) => readFileSync(path.join(path.dirname(seedsFolder()), 'test/fixtures/themes', name));

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);
const read = async (uri: vscode.Uri) => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { $comment?: string; renames: object; moves: object };

/** The sidebar as theme name → the keys under it. */
async function sidebarThemes(): Promise<Map<string, string[]>> {
  const api = await extensionApi();
  return new Map((await api.sidebar()).map(({ theme, papers }) => [labelOf(theme)!, papers.map((p) => String(p.description))]));
}

const themeOfKey = (themes: Map<string, string[]>, key: string) => [...themes].find(([, keys]) => keys.includes(key))?.[0];

describe('theme overrides', () => {
  const file = workspaceFile('literature-notes.themes.json');
  let original: Map<string, string[]>;
  before(async () => {
    original = await sidebarThemes();
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await eventually(async () => (await sidebarThemes()).size === original.size, 'the original themes');
  });

  it('renames a theme from its sidebar node: the sidebar shows the new name, and the workspace file keeps it', async () => {
    const node = { kind: 'theme', group: { theme: { name: 'Robot learning' } } };
    assert.equal(await vscode.commands.executeCommand('literatureNotes.renameTheme', node, ' Robotics '), 'Robotics');
    const themes = await sidebarThemes();
    assert.deepEqual(themes.get('Robotics'), original.get('Robot learning'));
    assert.ok(!themes.has('Robot learning'));
    assert.deepEqual([...themes.keys()].indexOf('Robotics'), [...original.keys()].indexOf('Robot learning'), 'in the same place');
    const { $comment, renames, moves } = await read(file);
    assert.match(String($comment), /^Literature Notes: /, 'the file says what it is');
    assert.deepEqual({ renames, moves }, { renames: { 'Robot learning': 'Robotics' }, moves: {} });
  });

  it('moves a paper to another theme, and to a theme of a new name', async () => {
    const from = themeOfKey(original, 'limo');
    assert.ok(from && from !== 'Agents and tool use');
    assert.equal(await vscode.commands.executeCommand('literatureNotes.movePaperToTheme', { kind: 'paper', paper: { key: 'limo' } }, 'Agents and tool use'), 'Agents and tool use');
    await vscode.commands.executeCommand('literatureNotes.movePaperToTheme', 'orca', 'Surveys');
    const themes = await sidebarThemes();
    assert.equal(themeOfKey(themes, 'limo'), 'Agents and tool use');
    assert.ok(!themes.get(from)?.includes('limo'));
    assert.deepEqual(themes.get('Surveys'), ['orca']);
    const api = await extensionApi();
    assert.equal((await api.paperByKey('limo'))?.theme, 'Agents and tool use');
    assert.deepEqual((await read(file)).moves, { limo: 'Agents and tool use', orca: 'Surveys' });
  });

  it('follows the file as edited by hand, and goes back to the original themes when it is deleted', async () => {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{\n  // mine\n  "renames": { "Reasoning": "Thinking" }\n}\n'));
    const edited = await eventually(async () => {
      const themes = await sidebarThemes();
      return themes.has('Thinking') ? themes : undefined;
    }, 'the sidebar to follow the edited file');
    assert.ok(edited.has('Robot learning') && !edited.has('Surveys'), 'what the file no longer says is undone');

    await vscode.workspace.fs.delete(file);
    const restored = await eventually(async () => {
      const themes = await sidebarThemes();
      return themes.has('Reasoning') ? themes : undefined;
    }, 'the original themes');
    assert.deepEqual([...restored], [...original]);
  });
});

describe('a theme of sub-themes renamed', () => {
  const overridesFile = workspaceFile('literature-notes.themes.json');
  const GENERATED = 'generated/glaciers.txt';
  const parentNodes = async () => (await (await extensionApi()).sidebarTree()).filter((node) => node.item.contextValue === 'parentTheme');
  const label = (item: vscode.TreeItem) => String(labelOf(item));
  before(async () => {
    // Titles recombined from a public glaciology bibliography: enough papers for a theme too large to scan.
    const { entries } = await readLibrary([{ file: 'pism-glaciology.bib', bytes: fixture('pism-glaciology.bib') }]);
    await vscode.workspace.fs.writeFile(workspaceFile(GENERATED), seedFormat(generatePapers(entries, 800)));
    await settings().update('libraries', ['hostile-papers.txt', GENERATED], vscode.ConfigurationTarget.Workspace);
    await eventually(async () => (await parentNodes()).length > 0 || undefined, 'a theme of sub-themes', WATCHED_MS);
  });
  after(async () => {
    await vscode.workspace.fs.delete(overridesFile).then(undefined, () => undefined);
    await settings().update('libraries', ['hostile-papers.txt'], vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(workspaceFile('generated'), { recursive: true }).then(undefined, () => undefined);
    await eventually(async () => (await parentNodes()).length === 0 || undefined, 'the library to be as it was', WATCHED_MS);
  });

  it('shows its sub-themes under the new name, kept in the workspace file and across Recompute Themes', async () => {
    const [parent] = await parentNodes();
    const name = label(parent.item);
    const subThemes = parent.children.map((child) => label(child.item));
    // The sidebar's context menu passes the node itself.
    assert.equal(await vscode.commands.executeCommand('literatureNotes.renameTheme', { kind: 'parent', name }, 'My glaciers'), 'My glaciers');
    const renamed = async () => (await parentNodes()).find((node) => label(node.item) === 'My glaciers');
    assert.deepEqual(
      (await renamed())?.children.map((child) => label(child.item)),
      subThemes,
    );
    assert.ok(!(await parentNodes()).some((node) => label(node.item) === name));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(overridesFile))).renames, { [name]: 'My glaciers' });
    const api = await extensionApi();
    const loads = api.loads();
    await vscode.commands.executeCommand('literatureNotes.recomputeThemes');
    await eventually(() => api.loads() > loads || undefined, 'the recomputation', WATCHED_MS);
    assert.deepEqual(
      (await renamed())?.children.map((child) => label(child.item)),
      subThemes,
    );
  });
});
